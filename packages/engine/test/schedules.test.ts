/**
 * Scheduled deliveries through the engine (SPEC §11.4, R78, R79) on real databases: the owner's use cases, an
 * occurrence fired under an injected clock and emailed through a real SMTP server, the catch-up after downtime, a
 * schedule paused when its owner loses the right or its report no longer validates, two racing workers, and a
 * worker process killed with SIGKILL at each point of an occurrence, on SQLite and PostgreSQL: exactly one history
 * entry and at most one email per occurrence every time.
 */
import { InvalidParameter, NotFound, type Actor } from "@vcr/core"
import type { Store as StoreApi } from "@vcr/store"
import { execFile } from "node:child_process"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { parseMessage, partOf, startSmtpServer, type TestSmtpServer } from "../../email/test/smtp-fixture.ts"
import { createEngine, QuotaExceeded, Schedules, type Engine, type ScheduleInput } from "../src/index.ts"
import type { KyselyStore } from "../../store/src/store.ts"
import { crashPoints } from "./crash-layer.ts"
import { postgres, sqlite, start, type Database } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const hour = 3_600_000
const dayMs = 24 * hour
/** 08:00 in Sydney (AEDT, +11:00) on 10 March 2026: the first occurrence of `daily 08:00` after `start`. */
const firstOccurrence = Date.parse("2026-03-09T21:00:00Z")

const input: ScheduleInput = {
  report: "clinics", organisation_id: "org-e", format: "csv", timezone: "Australia/Sydney", range: "last_n_days:14", recurrence: "daily 08:00"
}

interface Setup {
  readonly db: Database
  readonly engine: Engine
  readonly clock: { now: number }
  readonly smtp: TestSmtpServer
  readonly admin: Actor
}

const setUp = async (open: () => Promise<Database | undefined>, quotas?: { readonly schedules: number }): Promise<Setup | undefined> => {
  const db = await open()
  if (db === undefined) return undefined
  cleanups.push(() => db.drop())
  const smtp = await startSmtpServer()
  cleanups.push(() => smtp.close())
  const clock = { now: start }
  const engine = await createEngine({ database: db.url, files: join(db.dir, "files"), mail: { smtpUrl: smtp.url, timeoutMs: 2000 }, now: () => clock.now, quotas })
  cleanups.push(() => engine.close())
  const admin = (await engine.access.actorOf("u-admin"))!
  return { db, engine, clock, smtp, admin }
}

const quiet = { publicUrl: "https://reports.example.org", log: () => undefined }
const drain = async (worker: { runOnce: () => Promise<boolean> }) => {
  while (await worker.runOnce()) { /* until idle */ }
}
const historyOf = (store: StoreApi) => store.access.historyOf("u-admin", 0)

/** A worker process of the crash tests (crash-worker.ts): one round of work, killed with SIGKILL at `point`. */
const crashingWorker = (args: Array<string>) =>
  new Promise<{ signal: string | null }>((resolve) => {
    execFile(process.execPath, ["--import", import.meta.resolve("tsx"), join(import.meta.dirname, "crash-worker.ts"), ...args], (error) =>
      resolve({ signal: (error as { signal?: string } | null)?.signal ?? null }))
  })

describe.each([["SQLite", sqlite], ["PostgreSQL", postgres]] as const)("schedules on %s", (_name, open) => {
  it("lets only the owner see, change and delete a schedule; rejects bad fields naming the field and rule, writing nothing", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const created = await s.engine.schedules.create(s.admin, { ...input, minimum_duration_minutes: "2.5", locale: "ZH-cn", recurrence: "weekly mon 8:00" })
    // start is 11:00 on Monday 9 March in Sydney: that day's 08:00 has passed; Sydney leaves daylight time on 5 April.
    expect(created).toEqual({
      id: created.id, report: "clinics", organisation_id: "org-e", clinic_id: null, format: "csv", timezone: "Australia/Sydney",
      minimum_duration_minutes: 2.5, locale: "zh-CN", range: "last_n_days:14", recurrence: "weekly Mon 08:00", status: "active", paused_reason: null, paused_reason_code: null,
      next_occurrences: ["2026-03-16T08:00:00+11:00", "2026-03-23T08:00:00+11:00", "2026-03-30T08:00:00+11:00", "2026-04-06T08:00:00+10:00", "2026-04-13T08:00:00+10:00"],
      last_run: null
    })
    const silent = (await s.engine.access.actorOf("u-silent"))!
    const doc = (await s.engine.access.actorOf("u-doc"))!
    expect(await s.engine.schedules.get(s.admin, created.id)).toEqual(created)
    expect(await s.engine.schedules.list(s.admin)).toEqual([created])
    expect(await s.engine.schedules.list(silent)).toEqual([])
    await expect(s.engine.schedules.get(silent, created.id)).rejects.toBeInstanceOf(NotFound)
    await expect(s.engine.schedules.update(silent, created.id, { format: "json" })).rejects.toBeInstanceOf(NotFound)
    await expect(s.engine.schedules.remove(silent, created.id)).rejects.toBeInstanceOf(NotFound)
    // No right to the organisation: as if it did not exist.
    await expect(s.engine.schedules.create(doc, input)).rejects.toBeInstanceOf(NotFound)
    await expect(s.engine.schedules.create(s.admin, { ...input, organisation_id: "org-nope" })).rejects.toBeInstanceOf(NotFound)
    await expect(s.engine.schedules.create(s.admin, { ...input, clinic_id: "cl-nope" })).rejects.toBeInstanceOf(NotFound)
    const bad: ReadonlyArray<readonly [Partial<ScheduleInput>, string, string]> = [
      [{ report: "nope" }, "report", "unknown_report"],
      [{ format: "pdf" }, "format", "invalid_format"],
      [{ timezone: "Mars/Base" }, "timezone", "invalid_timezone"],
      [{ minimum_duration_minutes: "1441" }, "minimum_duration_minutes", "minimum_duration_out_of_range"],
      [{ locale: "fr" }, "locale", "invalid_locale"],
      [{ range: "last_n_days:367" }, "range", "range_days_out_of_range"],
      [{ range: "yesterday" }, "range", "invalid_range"],
      [{ recurrence: "monthly 29 07:00" }, "recurrence", "recurrence_day_out_of_range"],
      [{ recurrence: "daily 24:00" }, "recurrence", "invalid_recurrence_time"],
      [{ recurrence: "61 * * * *" }, "recurrence", "invalid_cron_expression"],
      [{ recurrence: "* * * * *" }, "recurrence", "recurrence_too_frequent"],
      [{ recurrence: "*/5 9 * * 1" }, "recurrence", "recurrence_too_frequent"],
      [{ recurrence: "0,30 8 * * *" }, "recurrence", "recurrence_too_frequent"]
    ]
    for (const [change, field, code] of bad) {
      const error = await s.engine.schedules.create(s.admin, { ...input, ...change }).catch((e: unknown) => e)
      expect(error, field).toBeInstanceOf(InvalidParameter)
      expect(error).toMatchObject({ field })
      if (field !== "format") expect(error).toMatchObject({ code })
      await expect(s.engine.schedules.update(s.admin, created.id, change)).rejects.toMatchObject({ field })
    }
    await expect(s.engine.schedules.update(s.admin, created.id, { status: "stopped" })).rejects.toMatchObject({ field: "status" })
    expect(await s.engine.schedules.list(s.admin)).toEqual([created])
    // Pause, change, resume, delete.
    const paused = await s.engine.schedules.update(s.admin, created.id, { status: "paused" })
    expect(paused).toMatchObject({ status: "paused", paused_reason: "paused by its owner", paused_reason_code: "paused_by_owner", next_occurrences: [] })
    const changed = await s.engine.schedules.update(s.admin, created.id, { recurrence: "0 7 * * 1-5", clinic_id: "cl-1", status: "active" })
    expect(changed).toMatchObject({ status: "active", paused_reason: null, clinic_id: "cl-1", recurrence: "0 7 * * 1-5", format: "csv" })
    expect(changed.next_occurrences[0]).toBe("2026-03-10T07:00:00+11:00")
    await s.engine.schedules.remove(s.admin, created.id)
    expect(await s.engine.schedules.list(s.admin)).toEqual([])
    const audit = (await s.engine.store.access.auditLog()).map((a) => a.action)
    expect(audit).toEqual(expect.arrayContaining(["schedule_created", "schedule_updated", "schedule_deleted"]))
  })

  it("fires at most hourly and keeps an account to its schedule quota, writing nothing over it", async (t) => {
    const s = await setUp(open, { schedules: 2 })
    if (s === undefined) return t.skip()
    const hourly = await s.engine.schedules.create(s.admin, { ...input, recurrence: "15 * * * *" })
    expect(hourly.next_occurrences.slice(0, 2)).toEqual(["2026-03-09T11:15:00+11:00", "2026-03-09T12:15:00+11:00"])
    await s.engine.schedules.create(s.admin, { ...input, recurrence: "0 7 * * 1-5" })
    const over = await s.engine.schedules.create(s.admin, input).catch((e: unknown) => e)
    expect(over).toBeInstanceOf(QuotaExceeded)
    expect(over).toMatchObject({ quota: "schedules", limit: 2 })
    expect(await s.engine.schedules.list(s.admin)).toHaveLength(2)
    await s.engine.schedules.remove(s.admin, hourly.id)
    await s.engine.schedules.create(s.admin, input)
    expect(await s.engine.schedules.list(s.admin)).toHaveLength(2)
  })

  it("fires at the next occurrence under the injected clock: one entry for the run's range, generated and emailed with a working link", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const created = await s.engine.schedules.create(s.admin, input)
    const worker = s.engine.worker({ ...quiet, workerId: "w-a" })
    s.clock.now = firstOccurrence - 1
    expect(await worker.runOnce()).toBe(false)
    expect(await historyOf(s.engine.store)).toEqual([])
    s.clock.now = firstOccurrence + 2_000
    await drain(worker)
    const entries = await historyOf(s.engine.store)
    expect(entries).toHaveLength(1)
    const entry = entries[0]!
    expect(entry).toMatchObject({ status: "ready", delivery: "email", report: "clinics", format: "csv" })
    // R79: last_n_days:14 from the occurrence's local date, 10 March: 24 February to 9 March.
    expect(JSON.parse(entry.parameters)).toMatchObject({ organisation_ids: ["org-e"], from: "2026-02-24", to: "2026-03-09", timezone: "Australia/Sydney" })
    expect(s.smtp.received).toHaveLength(1)
    expect(s.smtp.received[0]!.to).toEqual(["ada@example.org"])
    const link = `https://reports.example.org/history/${entry.id}`
    expect(partOf(parseMessage(s.smtp.received[0]!.raw), "text/plain")).toContain(link)
    const file = await s.engine.history.file(s.admin, entry.id)
    let text = ""
    for await (const chunk of file.stream) text += String(chunk)
    expect(text).toContain("First Clinic")
    const shown = await s.engine.schedules.get(s.admin, created.id)
    expect(shown.last_run).toEqual({ entry_id: entry.id, status: "ready", late: false, skipped: 0 })
    expect(shown.next_occurrences[0]).toBe("2026-03-11T08:00:00+11:00")
    expect((await s.engine.store.schedules.occurrences(created.id)).map((o) => [o.occurrence_at, o.status])).toEqual([[firstOccurrence, "run"]])
  })

  it("after downtime runs only the latest missed occurrence, marked late, and records the earlier ones as skipped", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const created = await s.engine.schedules.create(s.admin, input)
    s.clock.now = firstOccurrence + 3 * dayMs + hour
    await drain(s.engine.worker({ ...quiet, workerId: "w-late" }))
    const occurrences = await s.engine.store.schedules.occurrences(created.id)
    expect(occurrences.map((o) => [o.occurrence_at, o.status])).toEqual([
      [firstOccurrence, "skipped"], [firstOccurrence + dayMs, "skipped"], [firstOccurrence + 2 * dayMs, "skipped"], [firstOccurrence + 3 * dayMs, "late"]
    ])
    const entries = await historyOf(s.engine.store)
    expect(entries).toHaveLength(1)
    expect(JSON.parse(entries[0]!.parameters)).toMatchObject({ to: "2026-03-12" })
    expect(s.smtp.received).toHaveLength(1)
    expect((await s.engine.schedules.get(s.admin, created.id)).last_run).toEqual({ entry_id: entries[0]!.id, status: "ready", late: true, skipped: 3 })
  })

  it("pauses a schedule whose owner lost the right, with the reason, and generates nothing", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const created = await s.engine.schedules.create(s.admin, input)
    await s.engine.store.importLines([JSON.stringify({
      type: "organisation_role", user_id: "u-admin", organisation_id: "org-e", role: "organisation_admin", granted_at: "2024-01-02T00:00:00Z", revoked_at: "2026-03-09T12:00:00Z"
    })])
    s.clock.now = firstOccurrence + 1_000
    await drain(s.engine.worker({ ...quiet, workerId: "w-p" }))
    expect(await historyOf(s.engine.store)).toEqual([])
    expect(s.smtp.received).toHaveLength(0)
    const row = (await s.engine.store.schedules.get(created.id))!
    expect(row).toMatchObject({ status: "paused", paused_reason: expect.stringContaining("no longer have access") })
    expect(await s.engine.schedules.get(s.admin, created.id)).toMatchObject({ status: "paused", paused_reason_code: "access_lost", next_occurrences: [] })
    expect((await s.engine.store.schedules.occurrences(created.id)).map((o) => o.status)).toEqual(["skipped"])
    expect((await s.engine.store.access.auditLog()).some((a) => a.action === "schedule_paused" && a.outcome === "denied")).toBe(true)
    s.clock.now += 2 * dayMs
    expect(await s.engine.worker({ ...quiet, workerId: "w-q" }).runOnce()).toBe(false)
  })

  it("pauses a schedule whose report no longer passes its own validation, with the reason and its code, and generates nothing", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const created = await s.engine.schedules.create(s.admin, input)
    // No import removes an organisation (R14 replaces records); a directory edited by hand can lose one, while its
    // owner's role still grants the right, so the run itself fails: organisation "org-e" not found.
    await (s.engine.store as KyselyStore).db.deleteFrom("organisations").where("id", "=", "org-e").execute()
    s.clock.now = firstOccurrence + 1_000
    await drain(s.engine.worker({ ...quiet, workerId: "w-c" }))
    expect(await historyOf(s.engine.store)).toEqual([])
    expect(s.smtp.received).toHaveLength(0)
    expect(await s.engine.store.schedules.get(created.id)).toMatchObject({
      status: "paused", paused_reason: `${Schedules.cannotGeneratePrefix}organisation "org-e" not found`
    })
    expect(await s.engine.schedules.get(s.admin, created.id)).toMatchObject({ status: "paused", paused_reason_code: "cannot_generate", next_occurrences: [] })
    expect((await s.engine.store.schedules.occurrences(created.id)).map((o) => o.status)).toEqual(["skipped"])
    s.clock.now += 2 * dayMs
    expect(await s.engine.worker({ ...quiet, workerId: "w-d" }).runOnce()).toBe(false)
  })

  it("two workers on two connections fire each occurrence once: one entry and one email each, day after day", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const second = await createEngine({ database: s.db.url, files: join(s.db.dir, "files"), mail: { smtpUrl: s.smtp.url, timeoutMs: 2000 }, now: () => s.clock.now })
    cleanups.push(() => second.close())
    const ids = await Promise.all([0, 1, 2].map((i) => s.engine.schedules.create(s.admin, { ...input, format: ["csv", "json", "xlsx"][i]! }).then((v) => v.id)))
    const workers = [s.engine.worker({ ...quiet, workerId: "w-1" }), second.worker({ ...quiet, workerId: "w-2" })]
    for (let day = 0; day < 3; day++) {
      s.clock.now = firstOccurrence + day * dayMs + 1_000
      await Promise.all(workers.map(drain))
    }
    const entries = await historyOf(s.engine.store)
    expect(entries).toHaveLength(9)
    expect(entries.every((e) => e.status === "ready" && e.emailed_at !== null)).toBe(true)
    expect(s.smtp.received).toHaveLength(9)
    for (const id of ids) {
      const occurrences = await s.engine.store.schedules.occurrences(id)
      expect(occurrences.map((o) => o.status)).toEqual(["run", "run", "run"])
      expect(new Set(occurrences.map((o) => o.entry_id)).size).toBe(3)
    }
  })

  it("a worker killed with SIGKILL at any point of an occurrence leaves exactly one entry and at most one email, finished by two other workers", async (t) => {
    const s = await setUp(open)
    if (s === undefined) return t.skip()
    const filesDir = join(s.db.dir, "files")
    for (const [i, point] of crashPoints.entries()) {
      const at = firstOccurrence + i * dayMs + 1_000
      s.clock.now = at - hour
      const schedule = await s.engine.schedules.create(s.admin, input)
      const before = s.smtp.received.length
      const crashed = await crashingWorker([s.db.url, filesDir, s.smtp.url, point, String(at)])
      expect(crashed.signal, point).toBe("SIGKILL")
      // Two workers finish the work after the lease has run out, racing each other (opened one after the other:
      // better-sqlite3 is synchronous, so two migrations of one file in one process would wait on each other).
      const finishers = []
      for (const n of [0, 1]) {
        const engine = await createEngine({ database: s.db.url, files: filesDir, mail: { smtpUrl: s.smtp.url, timeoutMs: 2000 }, now: () => at + 10 * 60_000 })
        cleanups.push(() => engine.close())
        const worker = engine.worker({ ...quiet, workerId: `f-${point}-${n}` })
        await worker.sweep()
        finishers.push(worker)
      }
      await Promise.all(finishers.map(drain))
      const occurrences = await s.engine.store.schedules.occurrences(schedule.id)
      expect(occurrences, point).toHaveLength(1)
      const entryId = occurrences[0]!.entry_id!
      const mine = (await historyOf(s.engine.store)).filter((e) => e.id === entryId)
      expect(mine, point).toHaveLength(1)
      expect(mine[0]!.status, point).toBe("ready")
      const emails = s.smtp.received.slice(before).filter((m) => m.raw.includes(entryId))
      expect(emails.length, point).toBeLessThanOrEqual(1)
      if (point !== "after-smtp") expect(emails, point).toHaveLength(1)
      expect(s.smtp.received.length - before, point).toBe(emails.length)
      await s.engine.schedules.remove(s.admin, schedule.id)
    }
    // Every schedule's history: one entry per occurrence, no other entry anywhere.
    expect(await historyOf(s.engine.store)).toHaveLength(crashPoints.length)
  }, 120_000)
})

describe("a paused schedule's reason code", () => {
  it("names each reason the engine writes, and none while active", () => {
    const code = (status: "active" | "paused", paused_reason: string | null) => Schedules.pausedReasonCode({ status, paused_reason })
    expect(code("active", null)).toBeNull()
    expect(code("paused", Schedules.pausedByOwner)).toBe("paused_by_owner")
    expect(code("paused", Schedules.accessLostReason)).toBe("access_lost")
    expect(code("paused", `${Schedules.cannotGeneratePrefix}clinic "cl-9" not found`)).toBe("cannot_generate")
  })
})
