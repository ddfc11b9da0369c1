/**
 * The shipped command line: dist/vcr.js runs with plain node, prints its version, and its start-up path
 * (the entry and the chunks it imports statically) holds none of the heavy modules a command loads on demand.
 */
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { vcr, vcrBundle } from "./support.ts"

const packageVersion = (JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8")) as { version: string }).version

/** Every file `node dist/vcr.js` loads before a command's action runs: the entry and its static imports. */
const startupFiles = (): Array<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.\/[^"]+)"/gms)) visit(join(dirname(file), spec!))
  }
  visit(vcrBundle)
  return [...seen]
}

describe("the bundled vcr", () => {
  it("prints the version of apps/cli/package.json", async () => {
    const out = await vcr(["--version"])
    expect(out.code).toBe(0)
    expect(out.stdout.trim()).toBe(packageVersion)
  })

  it("prints help listing every command and exits 0", async () => {
    const out = await vcr(["--help"])
    expect(out.code).toBe(0)
    for (const command of ["db", "import", "report", "summary", "demo", "serve", "worker", "token", "login-link"]) {
      expect(out.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"))
    }
  })

  it("loads no store, renderer, HTTP or mail module before a command runs", () => {
    const files = startupFiles()
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const bundled = [...readFileSync(file, "utf8").matchAll(/node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@/g)].map((m) => m[1])
      expect(bundled.filter((name) => /^(kysely|exceljs|express|nodemailer|pg|better-sqlite3|helmet)$/.test(name!))).toEqual([])
    }
  })
})
