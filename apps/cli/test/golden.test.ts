import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, freshPostgres, postgresAvailable, vcr } from "./support.ts"

const expected = (file: string) => JSON.parse(readFileSync(join(acceptanceDir, file), "utf8"))
const common = ["--org", "org-1", "--from", "2026-03-02", "--to", "2026-03-02", "--tz", "Australia/Sydney"]
const reports: Array<[string, string, string]> = [
  ["expected-organisations.json", "organisations", "0"],
  ["expected-clinics.json", "clinics", "0"],
  ["expected-clinics-min5.json", "clinics", "5"],
  ["expected-service-providers.json", "service-providers", "0"],
  ["expected-service-provider-summary.json", "service-provider-summary", "0"],
  ["expected-room-calls.json", "room-calls", "0"],
  ["expected-consultations.json", "consultations", "0"],
  ["expected-consultations-min5.json", "consultations", "5"]
]
// Each run uses another process timezone: the output must not depend on it.
const zones = ["UTC", "Australia/Lord_Howe", "America/Sao_Paulo"]

const golden = (name: string, database: () => Promise<{ url: string; drop: () => Promise<void> } | undefined>) => {
  describe(`acceptance scenario through the CLI on ${name}`, () => {
    let db: { url: string; drop: () => Promise<void> } | undefined
    beforeAll(async () => {
      db = await database()
      if (db === undefined) return
      const imported = await vcr(["import", join(acceptanceDir, "input.ndjson")], { VCR_DATABASE_URL: db.url })
      expect(imported.stderr).toBe("")
      expect(imported.code).toBe(0)
    })
    afterAll(async () => db?.drop())

    reports.forEach(([file, report, minimum], i) => {
      it(`reproduces ${file}`, async (t) => {
        if (db === undefined) return t.skip()
        const out = await vcr(["report", report, ...common, "--min-duration", minimum, "--format", "json"], { VCR_DATABASE_URL: db.url, TZ: zones[i % 3]! })
        expect(out.stderr).toBe("")
        expect(out.code).toBe(0)
        const actual = JSON.parse(out.stdout)
        const want = expected(file)
        expect(actual.report).toBe(want.report)
        expect(actual.title).toBe(want.title)
        expect(actual.parameters).toEqual(want.parameters)
        expect(actual.columns.map((c: { key: string; type: string }) => [c.key, c.type])).toEqual(want.columns.map((c: { key: string; type: string }) => [c.key, c.type]))
        expect(actual.rows).toEqual(want.rows)
        expect(actual.generated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
      })
    })
    for (const [file, minimum] of [["expected-summary.json", "0"], ["expected-summary-min5.json", "5"]] as const) {
      it(`reproduces ${file}`, async (t) => {
        if (db === undefined) return t.skip()
        const out = await vcr(["summary", ...common, "--min-duration", minimum, "--format", "json"], { VCR_DATABASE_URL: db.url, TZ: "Australia/Lord_Howe" })
        expect(out.code).toBe(0)
        const actual = JSON.parse(out.stdout)
        const want = expected(file)
        expect(actual.parameters).toEqual(want.parameters)
        expect(actual.tiles).toEqual(want.tiles)
      })
    }
  })
}

golden("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-golden-"))
  return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
})
golden("PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined))
