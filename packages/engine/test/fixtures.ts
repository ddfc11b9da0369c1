/**
 * Test support for the engine: a small organisation (one clinic, an admin with an email address, a user without
 * one, three sessions on 2 March 2026), a store on a fresh SQLite file or PostgreSQL database holding it, and a
 * runner that provides the engine's layers and a TestClock set to a fixed instant.
 */
import { openStore } from "@vcr/store"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Files, Store } from "../src/index.ts"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"

const line = (value: Record<string, unknown>): string => JSON.stringify(value)
const event = (id: string, name: string, at: string, fields: Record<string, unknown>) => line({ type: "event", id, event: name, at, ...fields })

/** The organisation, as import lines. */
export const lines: ReadonlyArray<string> = [
  line({ type: "organisation", id: "org-e", name: "Engine Health", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "clinic", id: "cl-1", organisation_id: "org-e", name: "First Clinic", status: "open", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-admin", name: "Ada Admin", email: "ada@example.org", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-silent", name: "Sam Silent", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-doc", name: "Dana Doctor", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "organisation_role", user_id: "u-admin", organisation_id: "org-e", role: "organisation_admin", granted_at: "2024-01-02T00:00:00Z" }),
  line({ type: "organisation_role", user_id: "u-silent", organisation_id: "org-e", role: "organisation_admin", granted_at: "2024-01-02T00:00:00Z" }),
  event("e-01", "waiting_area.entered", "2026-03-02T09:00:00Z", { session_id: "s-1", segment_id: "g-1", queued_call_id: "q-1", clinic_id: "cl-1", participant_id: "p-1" }),
  event("e-02", "participant.joined", "2026-03-02T09:02:00Z", { segment_id: "g-1", participant_id: "h-1", role: "host", user_id: "u-doc" }),
  event("e-03", "participant.left", "2026-03-02T09:14:00Z", { segment_id: "g-1", participant_id: "h-1" }),
  event("e-04", "participant.left", "2026-03-02T09:15:00Z", { segment_id: "g-1", participant_id: "p-1" }),
  event("e-05", "waiting_area.entered", "2026-03-02T10:00:00Z", { session_id: "s-2", segment_id: "g-2", queued_call_id: "q-2", clinic_id: "cl-1", participant_id: "p-2" }),
  event("e-06", "participant.left", "2026-03-02T10:03:00Z", { segment_id: "g-2", participant_id: "p-2" })
]

/** A run of the organisation's day. */
export const day = { organisationIds: ["org-e"], from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney" }

/** The instant the tests start at: a week after the day. */
export const start = Date.parse("2026-03-09T00:00:00Z")

/** A database holding the organisation, with a scratch folder for files. */
export interface Database {
  readonly url: string
  readonly dir: string
  readonly drop: () => Promise<void>
}

const seed = async (url: string) => {
  const store = await openStore(url)
  try {
    await store.migrate()
    await store.importLines(lines)
  } finally {
    await store.close()
  }
}

/** A fresh SQLite file with the organisation. */
export const sqlite = async (): Promise<Database> => {
  const dir = await mkdtemp(join(tmpdir(), "vcr-engine-"))
  const url = `sqlite:${join(dir, "vcr.db")}`
  await seed(url)
  return { url, dir, drop: () => rm(dir, { recursive: true, force: true }) }
}

/** A fresh PostgreSQL database with the organisation, or undefined when no server answers. */
export const postgres = async (): Promise<Database | undefined> => {
  if (!(await postgresAvailable())) return undefined
  const db = await freshPostgres()
  await seed(db.url)
  const dir = await mkdtemp(join(tmpdir(), "vcr-engine-"))
  return { url: db.url, dir, drop: async () => { await db.drop(); await rm(dir, { recursive: true, force: true }) } }
}

/** The store and folder files of a database, as layers. */
export const layers = (db: Database, storage: "folder" | "database" = "folder") =>
  Files.layer({ dir: join(db.dir, "files"), storage }).pipe(Layer.provideMerge(Store.layer(db.url)))

/** Runs an effect with a TestClock at `start` (time moves only when the test adjusts it). */
export const runTimed = <A, E>(effect: Effect.Effect<A, E, never>): Promise<A> =>
  Effect.runPromise(Effect.gen(function* () {
    yield* TestClock.setTime(start)
    return yield* effect
  }).pipe(Effect.provide(TestClock.layer())))
