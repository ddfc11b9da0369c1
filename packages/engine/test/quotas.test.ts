/**
 * Per-user quotas: emailed reports waiting at once and bytes of files stored in 24 hours. Over quota a request
 * fails with QuotaExceeded before anything is written or queued; other users are not affected; time frees it.
 */
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { createEngine, QuotaExceeded } from "../src/index.ts"
import { day, postgres, sqlite, start } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const databases = [["SQLite", sqlite], ["PostgreSQL", postgres]] as const

describe("quotas", () => {
  it.each(databases)("refuses a user's emailed report beyond the queued-email quota, queueing nothing (%s)", async (_name, open) => {
    const db = await open()
    if (db === undefined) return
    cleanups.push(() => db.drop())
    const engine = await createEngine({ database: db.url, files: join(db.dir, "files"), mail: { outboxDir: join(db.dir, "outbox") }, now: () => start, quotas: { queuedEmails: 2 } })
    cleanups.push(() => engine.close())
    const email = (userId: string) => engine.email({ report: "clinics", ...day, format: "csv", userId })
    await email("u-admin")
    await email("u-admin")
    const refused = await email("u-admin").catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(QuotaExceeded)
    expect(refused).toMatchObject({ quota: "queued_emails", limit: 2 })
    expect((refused as QuotaExceeded).message).toMatch(/at most 2 at a time/)
    expect(await engine.store.access.historyOf("u-admin", 0)).toHaveLength(2)
    // Another user has a quota of their own; once the queue drains, the first may queue again.
    await email("u-silent").catch((e: unknown) => expect(e).not.toBeInstanceOf(QuotaExceeded))
    const worker = engine.worker({ publicUrl: "https://reports.example.org", log: () => undefined })
    while (await worker.runOnce()) { /* until idle */ }
    await expect(email("u-admin")).resolves.toMatchObject({ status: "queued" })
  })

  it.each(databases)("refuses a download once the user's files of the last 24 hours reach the byte quota, writing nothing (%s)", async (_name, open) => {
    const db = await open()
    if (db === undefined) return
    cleanups.push(() => db.drop())
    let now = start
    const engine = await createEngine({ database: db.url, files: join(db.dir, "files"), now: () => now, quotas: { bytesPerDay: 100 } })
    cleanups.push(() => engine.close())
    const download = async () => engine.download({ userId: "u-admin", prepared: await engine.prepare("clinics", day), format: "csv" })
    const first = await download()
    expect(first.size).toBeGreaterThan(100)
    const refused = await download().catch((e: unknown) => e)
    expect(refused).toMatchObject({ _tag: "QuotaExceeded", quota: "bytes_per_day", limit: 100 })
    expect(await engine.store.access.historyOf("u-admin", 0)).toHaveLength(1)
    now = start + 24 * 60 * 60_000 + 1
    await expect(download()).resolves.toMatchObject({ status: "ready" })
  })
})
