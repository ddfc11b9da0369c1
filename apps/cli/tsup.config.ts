/**
 * Bundles the `vcr` command into dist/vcr.js, a file plain `node` runs. Workspace packages and pure-JS
 * dependencies are bundled; native drivers stay external. Commands load their heavy modules (kysely, exceljs,
 * express, nodemailer, pg) with dynamic import(), and splitting puts those in chunks, so `vcr --help` stays fast.
 * The built Reports page (apps/web/dist, built first by turbo) is copied to dist/web, where `vcr serve` finds it.
 */
import { cpSync, existsSync, readFileSync } from "node:fs"
import { defineConfig } from "tsup"

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string }

export default defineConfig({
  entry: { vcr: "src/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  splitting: true,
  clean: true,
  shims: false,
  // Everything but the native drivers goes into the bundle (pg is pure JS but has an optional native binding).
  noExternal: [/^(?!better-sqlite3$|pg$|pg-native$).*/],
  external: ["better-sqlite3", "pg", "pg-native"],
  // Bundled CommonJS dependencies call require() for node builtins; ESM has none, so give them one.
  banner: { js: 'import { createRequire as __vcrCreateRequire } from "node:module";\nconst require = __vcrCreateRequire(import.meta.url);' },
  define: { __VCR_VERSION__: JSON.stringify(version) },
  onSuccess: async () => {
    const page = new URL("../web/dist/", import.meta.url)
    if (!existsSync(new URL("index.html", page))) throw new Error("apps/web is not built: run `pnpm build:cli` (turbo builds @vcr/web first)")
    cpSync(page, new URL("./dist/web/", import.meta.url), { recursive: true })
  }
})
