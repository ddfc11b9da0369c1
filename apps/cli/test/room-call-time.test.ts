/**
 * A provider's room-call time over several devices (R73) through the CLI on each database: the Service Providers
 * report counts the union of a provider's host presences in a call, organisation-wide and in a clinic-level run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { providerDevicesPath } from "../../../test-support/fixtures.ts"
import { freshPostgres, postgresAvailable, vcr } from "./support.ts"

const fixture = providerDevicesPath
const common = ["--org", "org-1", "--from", "2026-03-02", "--to", "2026-03-02", "--tz", "Australia/Sydney", "--format", "json"]

const suite = (name: string, database: () => Promise<{ url: string; drop: () => Promise<void> } | undefined>) => {
  describe(`provider room-call time on ${name}`, () => {
    let db: { url: string; drop: () => Promise<void> } | undefined
    beforeAll(async () => {
      db = await database()
      if (db === undefined) return
      const imported = await vcr(["import", fixture], { VCR_DATABASE_URL: db.url })
      expect(imported.stderr).toBe("")
      expect(imported.code).toBe(0)
    })
    afterAll(async () => db?.drop())

    const providers = async (extra: ReadonlyArray<string> = []) => {
      const out = await vcr(["report", "service-providers", ...common, ...extra], { VCR_DATABASE_URL: db!.url })
      expect(out.stderr).toBe("")
      expect(out.code).toBe(0)
      return (JSON.parse(out.stdout).rows as Array<Record<string, unknown>>).map((r) => [r.user_id, r.clinic_id, r.room_calls, r.room_call_duration])
    }

    it("counts overlapping devices once, a rejoin inside the other device's stay not at all, and no gap between devices", async (t) => {
      if (db === undefined) return t.skip()
      expect(await providers()).toEqual([
        ["u-gap", "cl-a", 1, 1200],
        ["u-overlap", "cl-a", 1, 600],
        ["u-overlap", "cl-b", 1, 1800],
        ["u-rejoin", "cl-a", 1, 1200]
      ])
    })

    it("gives the same figures in a clinic-level run", async (t) => {
      if (db === undefined) return t.skip()
      expect(await providers(["--clinic", "cl-a"])).toEqual([
        ["u-gap", "cl-a", 1, 1200],
        ["u-overlap", "cl-a", 1, 600],
        ["u-rejoin", "cl-a", 1, 1200]
      ])
      expect(await providers(["--clinic", "cl-b"])).toEqual([["u-overlap", "cl-b", 1, 1800]])
    })
  })
}

suite("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-room-call-time-"))
  return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
})
suite("PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined))
