/**
 * Upgrading with several processes starting at once: two `vcr db migrate` processes on one fresh database both
 * succeed and leave one schema with every migration applied once (SQLite under BEGIN IMMEDIATE, PostgreSQL under
 * kysely's advisory lock). Repeated, since a race shows only sometimes.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openStore } from "@vcr/store"
import { describe, expect, it } from "vitest"
import { freshPostgres, postgresAvailable, vcr } from "./support.ts"

const fresh = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), "vcr-migrate-"))
    return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  },
  PostgreSQL: async () => ((await postgresAvailable()) ? freshPostgres() : undefined)
}

describe("vcr db migrate", () => {
  it.each(["SQLite", "PostgreSQL"] as const)("run by two processes at once on a fresh database leaves one correct schema (%s)", async (name) => {
    for (let round = 0; round < 4; round++) {
      const db = await fresh[name]()
      if (db === undefined) return
      try {
        const results = await Promise.all([vcr(["db", "migrate", "--db", db.url]), vcr(["db", "migrate", "--db", db.url])])
        expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, ""], [0, ""]])
        const store = await openStore(db.url)
        try {
          // The migrator's own table, through the store's kysely instance (the CLI does not depend on kysely).
          const kysely = (store as unknown as { db: { selectFrom: (t: string) => { select: (c: string) => { orderBy: (c: string) => { execute: () => Promise<Array<{ name: string }>> } } } } }).db
          const applied = await kysely.selectFrom("kysely_migration").select("name").orderBy("name").execute()
          expect(applied.map((r) => r.name)).toEqual(["0001_initial", "0002_access", "0003_jobs", "0004_room_call_hosts", "0005_service_tokens", "0006_schedules", "0007_locale", "0009_report_lookups"])
          await store.importLines(['{"type":"organisation","id":"org-m","name":"Migrated","created_at":"2024-01-01T00:00:00Z"}'])
          expect((await store.organisation("org-m"))?.name).toBe("Migrated")
        } finally {
          await store.close()
        }
      } finally {
        await db.drop()
      }
    }
  }, 120_000)
})
