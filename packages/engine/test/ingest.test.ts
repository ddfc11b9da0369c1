import { MalformedLine } from "@vcr/core"
import { isEventConflict } from "@vcr/store"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createEngine, type Engine } from "../src/index.ts"
import { postgres, sqlite, type Database } from "./fixtures.ts"

const line = (value: Record<string, unknown>): string => JSON.stringify(value)
const visit = (n: number) => [
  line({ type: "event", id: `i-${n}-1`, event: "waiting_area.entered", at: "2026-03-03T09:00:00Z", session_id: `s-i${n}`, segment_id: `g-i${n}`, queued_call_id: `q-i${n}`, clinic_id: "cl-1", participant_id: `p-i${n}` }),
  line({ type: "event", id: `i-${n}-2`, event: "participant.left", at: "2026-03-03T09:05:00Z", segment_id: `g-i${n}`, participant_id: `p-i${n}` })
]

const suite = (name: string, open: () => Promise<Database | undefined>) => {
  describe(`ingest on ${name}`, () => {
    let db: Database | undefined
    let engine: Engine
    beforeAll(async () => {
      db = await open()
      if (db !== undefined) engine = await createEngine({ database: db.url, files: db.dir })
    })
    afterAll(async () => {
      await engine?.close()
      await db?.drop()
    })

    it("imports lines like vcr import, and a repeat changes nothing", async (t) => {
      if (db === undefined) return t.skip()
      const lines = [...visit(1), line({ type: "login", user_id: "u-doc", at: "2026-03-03T08:00:00Z" })]
      expect(await engine.ingest(lines)).toEqual({ lines: 3, records: 3, events: { inserted: 2, duplicates: 0 }, directory: 0, logins: 1, components: 1 })
      const counts = await engine.store.counts()
      expect(await engine.ingest(() => lines)).toMatchObject({ events: { inserted: 0, duplicates: 2 } })
      expect(await engine.store.counts()).toEqual(counts)
    })

    it("rejects a malformed line or a conflicting event id with MalformedLine naming it, storing nothing", async (t) => {
      if (db === undefined) return t.skip()
      const counts = await engine.store.counts()
      const bad = await engine.ingest([...visit(2), '{"type":"login"']).catch((e: unknown) => e)
      expect(bad).toBeInstanceOf(MalformedLine)
      expect((bad as MalformedLine).line).toBe(3)
      expect(isEventConflict(bad)).toBe(false)
      const conflict = await engine.ingest([...visit(3), visit(1)[1]!.replace("09:05", "09:06")]).catch((e: unknown) => e)
      expect(conflict).toBeInstanceOf(MalformedLine)
      expect(isEventConflict(conflict)).toBe(true)
      expect(await engine.store.counts()).toEqual(counts)
    })
  })
}

suite("SQLite", sqlite)
suite("PostgreSQL", postgres)
