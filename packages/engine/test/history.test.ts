import { NotFound, type Actor } from "@vcr/core"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { access } from "node:fs/promises"
import { text } from "node:stream/consumers"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Access, EntryExpired, History, Report, Store, Sweeper } from "../src/index.ts"
import { day, layers, postgres, runTimed, sqlite, type Database } from "./fixtures.ts"

const lifecycle = (name: string, open: () => Promise<Database | undefined>, storage: "folder" | "database") => {
  describe(`history on ${name} with files in the ${storage}`, () => {
    let db: Database | undefined
    beforeAll(async () => {
      db = await open()
    })
    afterAll(async () => db?.drop())

    it("keeps a download 24 hours, answers expired after, destroys the file and drops the tombstone a week later", async (t) => {
      if (db === undefined) return t.skip()
      await runTimed(Effect.gen(function* () {
        const actor = (yield* Access.actorOf("u-admin")) as Actor
        const prepared = yield* Report.prepare("clinics", day, "Ada Admin")
        const entry = yield* History.download({ userId: "u-admin", prepared, format: "csv" })
        expect(entry).toMatchObject({ status: "ready", delivery: "download", organisation_id: "org-e", file_name: "clinics-2026-03-02-to-2026-03-02.csv" })
        expect(entry.file_ref!.startsWith("db:")).toBe(storage === "database")

        expect((yield* History.list(actor)).map((e) => e.id)).toEqual([entry.id])
        const file = yield* History.file(actor, entry.id)
        const csv = yield* Effect.promise(() => text(file.stream))
        expect(csv.length).toBe(entry.size)
        expect(csv).toContain("cl-1")

        // Another account sees nothing, as if the entry did not exist.
        const other = (yield* Access.actorOf("u-silent")) as Actor
        expect(yield* Effect.flip(History.file(other, entry.id))).toBeInstanceOf(NotFound)

        yield* TestClock.adjust("23 hours")
        expect(yield* Sweeper.sweep).toBe(0)
        yield* TestClock.adjust("1 hour")
        expect(yield* History.list(actor)).toEqual([])
        expect(yield* Effect.flip(History.file(actor, entry.id))).toBeInstanceOf(EntryExpired)

        expect(yield* Sweeper.sweep).toBe(1)
        if (storage === "folder") yield* Effect.promise(() => expect(access(entry.file_ref!)).rejects.toThrow())
        else expect(yield* Store.use((s) => Effect.promise(() => s.jobs.fileBytes(entry.id)))).toBeUndefined()
        const audit = yield* Store.use((s) => Effect.promise(() => s.access.auditLog()))
        expect(audit.filter((a) => a.action === "file_expired").map((a) => a.detail)).toEqual([JSON.stringify({ entry: entry.id })])
        expect((yield* History.entry(actor, entry.id)).status).toBe("expired")

        yield* TestClock.adjust("7 days")
        yield* Sweeper.sweep
        expect(yield* Effect.flip(History.entry(actor, entry.id))).toBeInstanceOf(NotFound)
      }).pipe(Effect.provide(layers(db, storage))))
    })
  })
}

lifecycle("SQLite", sqlite, "folder")
lifecycle("SQLite", sqlite, "database")
lifecycle("PostgreSQL", postgres, "database")
