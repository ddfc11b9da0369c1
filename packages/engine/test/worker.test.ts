import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { readdir } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { createEngine, Files, History, Mailer, Report, Store, Worker, WriteError, type Engine } from "../src/index.ts"
import { startSmtpServer, type TestSmtpServer } from "../../email/test/smtp-fixture.ts"
import { day, postgres, runTimed, sqlite, start, type Database } from "./fixtures.ts"

let db: Database
beforeAll(async () => {
  db = await sqlite()
})
afterAll(async () => db.drop())
const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const quiet = { publicUrl: "https://reports.example.org", log: () => undefined }

/** Queues `n` emailed reports for the admin. */
const queue = (n: number) =>
  Effect.gen(function* () {
    const ids: Array<string> = []
    for (let i = 0; i < n; i++) {
      const prepared = yield* Report.prepare("clinics", day, "Ada Admin")
      ids.push((yield* History.queueEmail({ userId: "u-admin", prepared, format: i % 2 === 0 ? "csv" : "xlsx" })).id)
    }
    return ids
  })

describe("the worker", () => {
  it.each([["SQLite", sqlite], ["PostgreSQL", postgres]] as const)("generates each queued entry exactly once and sends one email each, with two workers on two connections (%s)", async (_name, open) => {
    const shared = await open()
    if (shared === undefined) return
    cleanups.push(() => shared.drop())
    const outboxDir = join(shared.dir, "outbox")
    const engines: Array<Engine> = []
    for (let i = 0; i < 2; i++) {
      const engine = await createEngine({ database: shared.url, files: join(shared.dir, "files"), mail: { outboxDir }, now: () => start })
      cleanups.push(() => engine.close())
      engines.push(engine)
    }
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      engines[0]!.prepare("clinics", day, "Ada Admin").then((prepared) => engines[0]!.queueEmail({ userId: "u-admin", prepared, format: i % 2 === 0 ? "csv" : "json" }))
    )).then((entries) => entries.map((e) => e.id))
    const workers = engines.map((engine, i) => engine.worker({ ...quiet, workerId: `w-${i}` }))
    const drain = async (worker: (typeof workers)[number]) => {
      while (await worker.runOnce()) { /* until idle */ }
    }
    await Promise.all(workers.map(drain))

    const store = engines[0]!.store
    for (const id of ids) {
      const entry = (await store.access.historyEntry(id))!
      expect(entry).toMatchObject({ status: "ready", attempts: 1 })
      expect(entry.emailed_at).toBe(start)
    }
    const audit = await store.access.auditLog()
    expect(audit.filter((a) => a.action === "generated")).toHaveLength(ids.length)
    expect(audit.filter((a) => a.action === "email_sent" && a.outcome === "ok")).toHaveLength(ids.length)
    expect((await readdir(outboxDir)).filter((f) => f.endsWith(".eml"))).toHaveLength(ids.length)
    expect((await readdir(outboxDir)).filter((f) => f.endsWith(".tmp"))).toEqual([])
  })

  /** Runs `job` until it claims something, moving the TestClock a second at a time; returns how long it waited. */
  const waitFor = <E, R>(job: Effect.Effect<boolean, E, R>) =>
    Effect.gen(function* () {
      let waited = 0
      while (!(yield* job)) {
        yield* TestClock.adjust("1 second")
        waited += 1000
      }
      return waited
    })

  const entryOf = (id: string) => Store.use((s) => Effect.promise(async () => (await s.access.historyEntry(id))!))

  it("retries a failing generation at 30 s, 1 min, 2 min and 4 min on the Clock, then fails the entry after five attempts", async () => {
    // Files whose disk is full: every attempt fails the same transient way.
    const fullDisk = Layer.effect(Files, Effect.map(Files, (files) => Files.of({
      ...files,
      save: (id) => Effect.fail(new WriteError({ target: id, message: "no space left on device", cause: null }))
    }))).pipe(Layer.provide(Files.folder(join(db.dir, "files"))))
    const layers = Layer.mergeAll(fullDisk, Mailer.layer({ outboxDir: join(db.dir, "outbox-retry") })).pipe(Layer.provideMerge(Store.layer(db.url)))
    const { waits, entry } = await runTimed(Effect.gen(function* () {
      const [id] = yield* queue(1)
      const worker = Worker.settle({ ...quiet, workerId: "w-retry" })
      expect(yield* Worker.generateOne(worker)).toBe(true)
      const waits: Array<number> = []
      while ((yield* entryOf(id!)).status === "queued") waits.push(yield* waitFor(Worker.generateOne(worker)))
      return { waits, entry: yield* entryOf(id!) }
    }).pipe(Effect.provide(layers)))
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(entry).toMatchObject({ status: "failed", attempts: 5, error: "the report could not be generated after 5 attempts; please try again" })
  })

  it.each([
    [451, [30_000, 60_000, 120_000, 240_000]],
    [550, []]
  ] as const)("after SMTP %i, retries the email at %j on the Clock and then fails it, the file still downloadable", async (code, expected) => {
    const server: TestSmtpServer = await startSmtpServer({ kind: "reject", at: "RCPT", code })
    cleanups.push(() => server.close())
    const layers = Layer.mergeAll(Files.folder(join(db.dir, "files")), Mailer.layer({ smtpUrl: server.url, timeoutMs: 2_000 })).pipe(Layer.provideMerge(Store.layer(db.url)))
    const { waits, entry, sent } = await runTimed(Effect.gen(function* () {
      const [id] = yield* queue(1)
      const worker = Worker.settle({ ...quiet, workerId: `w-mail-${code}` })
      expect(yield* Worker.generateOne(worker)).toBe(true)
      expect(yield* Worker.emailOne(worker)).toBe(true)
      const waits: Array<number> = []
      const outbox = () => Store.use((s) => Effect.promise(async () => (await s.jobs.outbox(id!))!))
      while ((yield* outbox()).status === "pending") waits.push(yield* waitFor(Worker.emailOne(worker)))
      return { waits, entry: yield* entryOf(id!), sent: yield* outbox() }
    }).pipe(Effect.provide(layers)))
    expect(waits).toEqual(expected)
    expect(sent).toMatchObject({ status: "failed", attempts: expected.length + 1 })
    expect(entry.status).toBe("failed")
    expect(entry.file_ref).not.toBeNull()
    expect(entry.error).toContain(`the email could not be delivered (${code})`)
    expect(server.received).toHaveLength(0)
  })

  it("loops until stopped: picks up queued work on a poll of the Clock and returns after stop", async () => {
    const layers = Layer.mergeAll(Files.folder(join(db.dir, "files")), Mailer.layer({ outboxDir: join(db.dir, "outbox-loop") })).pipe(Layer.provideMerge(Store.layer(db.url)))
    const realPause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 10)))
    const entry = await runTimed(Effect.gen(function* () {
      const worker = Worker.settle({ ...quiet, workerId: "w-loop" })
      const steer = Worker.control()
      const fiber = yield* Effect.forkChild(Worker.loop(worker, steer, 5_000))
      const [id] = yield* queue(1)
      // Time moves only when the test says so: the loop finds the entry on a poll (every 5 s on the Clock).
      while ((yield* entryOf(id!)).emailed_at === null) {
        yield* realPause
        yield* TestClock.adjust("5 seconds")
      }
      steer.stopping = true
      steer.wake?.()
      yield* Fiber.join(fiber)
      return yield* entryOf(id!)
    }).pipe(Effect.provide(layers)))
    expect(entry).toMatchObject({ status: "ready", attempts: 1 })
  })
})

