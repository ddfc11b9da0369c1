import { defineConfig } from "vitest/config"

// The PostgreSQL restart test cuts every connection to the shared server for a moment, so it never runs beside
// the other files: `pnpm test` runs it on its own after them (VCR_ISOLATED_TESTS=1 selects it alone).
const isolated = ["apps/api/test/postgres-restart.test.ts"]

export default defineConfig({
  test: {
    include: process.env.VCR_ISOLATED_TESTS === "1" ? isolated : ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    exclude: process.env.VCR_ISOLATED_TESTS === "1" ? [] : [...isolated, "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks"
  }
})
