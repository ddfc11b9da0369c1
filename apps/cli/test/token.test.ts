/**
 * Personal access tokens from the built CLI: they expire (90 days unless `--expires-in <days>` says otherwise),
 * `vcr token list` shows when, and a bad `--expires-in` is bad input (exit 2) that creates nothing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, vcr } from "./support.ts"

describe("vcr token create --expires-in", () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-token-"))
  const env = { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}`, VCR_NOW: "2026-03-01T00:00:00Z" }
  beforeAll(async () => {
    expect((await vcr(["import", join(acceptanceDir, "input.ndjson")], env)).code).toBe(0)
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("gives a personal token 90 days by default, or the days asked for, and lists the expiry", async () => {
    expect((await vcr(["token", "create", "--user", "u-doc"], env)).code).toBe(0)
    expect((await vcr(["token", "create", "--user", "u-doc", "--expires-in", "2"], env)).code).toBe(0)
    const list = await vcr(["token", "list"], env)
    expect(list.stdout.split("\n")[0]).toMatch(/EXPIRES$/)
    const expiries = list.stdout.split("\n").filter((l) => l.includes("personal")).map((l) => l.split(/\s+/).at(-1))
    expect(expiries.sort()).toEqual(["2026-03-03T00:00:00.000Z", "2026-05-30T00:00:00.000Z"])
  })

  it("refuses an --expires-in that is not 1 to 3650 days, and one for a service token", async () => {
    for (const days of ["0", "3651", "1.5", "soon"]) {
      const r = await vcr(["token", "create", "--user", "u-doc", "--expires-in", days], env)
      expect(r.code, days).toBe(2)
      expect(r.stderr).toContain("--expires-in must be a whole number of days from 1 to 3650")
    }
    expect((await vcr(["token", "create", "--service", "p", "--scope", "ingest", "--expires-in", "5"], env)).code).toBe(2)
  })
})
