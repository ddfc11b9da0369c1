import { execFile } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createMailer } from "@vcr/email"
import { openStore, type Store } from "@vcr/store"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseMessage, partOf, startSilentServer, startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { createWorker, historyLifetimeMs, type Worker } from "../src/index.ts"
import { acceptanceDir, cliBundle, day, extraLines, start, type Running } from "./support.ts"

const longRange = { from: "2026-01-01", to: "2026-03-31", timezone: "Australia/Sydney" }

const emailReport = async (app: Running, body: Record<string, unknown> = { ...longRange, format: "csv" }) => {
  const res = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/emails", { method: "POST", body: JSON.stringify(body) })
  expect(res.status).toBe(202)
  return ((await res.json()) as { id: string }).id
}

describe("emailed reports through a real SMTP server", () => {
  let app: Running
  let smtp: TestSmtpServer
  let worker: Worker
  beforeAll(async () => {
    app = await start()
    smtp = await startSmtpServer()
    worker = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 1000 }), filesDir: app.filesDir, publicUrl: "https://reports.example.org", now: () => app.clock.now, log: () => undefined })
  })
  afterAll(async () => {
    await smtp.close()
    await app.close()
  })

  it("generates a long-range report in the background and emails the requester one link, with no report content", async () => {
    const id = await emailReport(app)
    expect((await app.store.access.historyEntry(id))!.status).toBe("queued")
    await worker.runOnce()
    const entry = (await app.store.access.historyEntry(id))!
    expect(entry).toMatchObject({ status: "ready", delivery: "email" })
    expect(entry.emailed_at).not.toBeNull()
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.to).toEqual(["oscar@example.org"])
    const text = partOf(parseMessage(smtp.received[0]!.raw), "text/plain")!
    expect(text).toContain(`https://reports.example.org/history/${id}`)
    expect(smtp.received[0]!.raw).not.toMatch(/Triage|Cardiology|Nina Nurse|p-pat/)
    const file = await app.as("u-oadmin", `/api/v1/history/${id}/file`)
    expect(file.status).toBe(200)
    expect(await file.text()).toContain("Organisation,Clinic ID")
    expect(await worker.runOnce()).toBe(false)
    expect(smtp.received).toHaveLength(1)
  })

  it("retries a 451 with backoff and delivers one message", async () => {
    smtp.behave({ kind: "reject", at: "RCPT", code: 451 })
    const before = smtp.received.length
    const id = await emailReport(app)
    await worker.runOnce()
    expect(await app.store.jobs.outbox(id)).toMatchObject({ status: "pending", attempts: 1 })
    smtp.behave({ kind: "accept" })
    await worker.runOnce()
    expect(smtp.received.length).toBe(before)
    app.clock.now += 31_000
    await worker.runOnce()
    expect(smtp.received.length).toBe(before + 1)
    expect(await app.store.jobs.outbox(id)).toMatchObject({ status: "sent", attempts: 2 })
  })

  it("fails a 550 without retrying, says so in the history, and keeps the file downloadable", async () => {
    smtp.behave({ kind: "reject", at: "DATA", code: 550 })
    const id = await emailReport(app)
    await worker.runOnce()
    smtp.behave({ kind: "accept" })
    app.clock.now += 60 * 60_000
    await worker.runOnce()
    expect(await app.store.jobs.outbox(id)).toMatchObject({ status: "failed", attempts: 1 })
    const view = (await (await app.as("u-oadmin", `/api/v1/history/${id}`)).json()) as { status: string; error: string }
    expect(view.status).toBe("failed")
    expect(view.error).toContain("550")
    expect((await app.as("u-oadmin", `/api/v1/history/${id}/file`)).status).toBe(200)
  })

  it("gives up on a server that never greets within seconds, and the worker stays free", async () => {
    const silent = await startSilentServer()
    const stuck = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: silent.url, timeoutMs: 1000 }), filesDir: app.filesDir, publicUrl: "https://x", now: () => app.clock.now, log: () => undefined })
    const id = await emailReport(app)
    const started = Date.now()
    await stuck.runOnce()
    expect(Date.now() - started).toBeLessThan(8000)
    expect(await app.store.jobs.outbox(id)).toMatchObject({ status: "pending", attempts: 1 })
    const next = await emailReport(app, { ...day, format: "json" })
    await stuck.runOnce()
    expect((await app.store.access.historyEntry(next))!.status).toBe("ready")
    await silent.close()
  })

  it("keeps the emailed link working for 24 hours, then 410, and the sweep destroys the file", async () => {
    const id = await emailReport(app, { ...day, format: "csv" })
    await worker.runOnce()
    const entry = (await app.store.access.historyEntry(id))!
    expect(existsSync(entry.file_ref!)).toBe(true)
    app.clock.now = entry.created_at + historyLifetimeMs - 1
    expect((await fetch(`${app.url}/history/${id}`)).status).toBe(200)
    expect((await app.as("u-oadmin", `/api/v1/history/${id}/file`)).status).toBe(200)
    app.clock.now = entry.created_at + historyLifetimeMs
    expect((await fetch(`${app.url}/history/${id}`)).status).toBe(410)
    expect((await app.as("u-oadmin", `/api/v1/history/${id}`)).status).toBe(410)
    await worker.sweep()
    expect(existsSync(entry.file_ref!)).toBe(false)
    const audit = await app.store.access.auditLog(10_000)
    expect(audit.some((r) => r.action === "file_expired" && r.detail?.includes(id))).toBe(true)
    expect(audit.some((r) => r.action === "email_sent" && r.outcome === "ok")).toBe(true)
  })
})

// Crash and race tests on both databases: workers are separate processes sharing one store.
type Db = { url: string; drop: () => Promise<void> }
const sqliteDb = async (): Promise<Db> => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-jobs-"))
  return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}
const postgresDb = async (): Promise<Db | undefined> => ((await postgresAvailable()) ? freshPostgres() : undefined)

const runCli = (args: Array<string>, env: Record<string, string>) =>
  new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
    execFile(process.execPath, [cliBundle, ...args], { env: { ...process.env, ...env } }, (error, stdout) =>
      resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), signal: (error as { signal?: string } | null)?.signal ?? null, stdout }))
  })

/** A worker process on the engine's layers that kills itself at a point (the engine's test crash layer). */
const runCrashingWorker = (args: Array<string>) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    const script = join(import.meta.dirname, "../../../packages/engine/test/crash-worker.ts")
    execFile(process.execPath, ["--import", import.meta.resolve("tsx"), script, ...args], (error) =>
      resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), signal: (error as { signal?: string } | null)?.signal ?? null }))
  })

for (const [name, make] of [["SQLite", sqliteDb], ["PostgreSQL", postgresDb]] as const) {
  describe(`background jobs survive crashes and races on ${name}`, () => {
    let db: Db | undefined
    let store: Store
    let smtp: TestSmtpServer
    let filesDir: string
    const now = Date.parse("2026-11-26T00:00:00Z")
    beforeAll(async () => {
      db = await make()
      if (db === undefined) return
      store = await openStore(db.url)
      await store.migrate()
      await store.importLines(readFileSync(join(acceptanceDir, "input.ndjson"), "utf8").split("\n"))
      await store.importLines(extraLines)
      smtp = await startSmtpServer()
      filesDir = mkdtempSync(join(tmpdir(), "vcr-job-files-"))
    }, 120_000)
    afterAll(async () => {
      await store?.close()
      await smtp?.close()
      await db?.drop()
      if (filesDir !== undefined) rmSync(filesDir, { recursive: true, force: true })
    })

    const queue = async () => {
      const out = await runCli(["report", "clinics", "--org", "org-1", "--from", longRange.from, "--to", longRange.to, "--tz", longRange.timezone, "--email", "--user", "u-oadmin", "--format", "csv"], { VCR_DATABASE_URL: db!.url, VCR_NOW: new Date(now).toISOString() })
      expect(out.code).toBe(0)
      return out.stdout.trim()
    }
    const finisher = (at: number) =>
      createWorker({ store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 }), filesDir, fileStorage: "folder", publicUrl: "https://x", now: () => at, leaseMs: 60_000, log: () => undefined })
    const filesOf = (id: string) => readdirSync(filesDir).filter((f) => f.startsWith(id))

    for (const point of ["after-render", "after-store", "after-smtp"]) {
      it(`completes a job whose worker was killed ${point}: one entry, one file, at most one email`, async (t) => {
        if (db === undefined) return t.skip()
        const id = await queue()
        const before = smtp.received.length
        const crashed = await runCrashingWorker([db.url, filesDir, smtp.url, point, String(now)])
        expect(crashed.signal).toBe("SIGKILL")
        const other = finisher(now + 10 * 60_000)
        await other.sweep()
        while (await other.runOnce()) { /* drain */ }
        const entries = (await store.access.historyOf("u-oadmin", 0)).filter((e) => e.id === id)
        expect(entries).toHaveLength(1)
        expect(entries[0]!.status).toBe("ready")
        expect(filesOf(id)).toEqual([`${id}.csv`])
        const emails = smtp.received.slice(before).filter((m) => m.raw.includes(id))
        expect(emails.length).toBeLessThanOrEqual(1)
        if (point !== "after-smtp") expect(emails).toHaveLength(1)
      })
    }

    it("lets exactly one of two racing workers run a job, repeatedly", async (t) => {
      if (db === undefined) return t.skip()
      const second = await openStore(db.url)
      try {
        for (let round = 0; round < 6; round++) {
          const id = `race-${round}`
          await store.access.addHistory({
            id, user_id: "u-oadmin", organisation_id: "org-1", clinic_id: null, report: "organisations", format: "json",
            parameters: JSON.stringify({ organisation_ids: ["org-1"], clinic_id: null, ...longRange, minimum_duration_minutes: 0 }),
            delivery: "download", status: "queued", size: null, file_name: "x.json", file_ref: null, error: null, attempts: 0,
            created_at: now, expires_at: now + historyLifetimeMs, completed_at: null, emailed_at: null, locale: "en"
          })
          const a = createWorker({ store, mailer: createMailer({ smtpUrl: smtp.url }), filesDir, fileStorage: "folder", publicUrl: "https://x", now: () => now, workerId: `a-${round}`, log: () => undefined })
          const b = createWorker({ store: second, mailer: createMailer({ smtpUrl: smtp.url }), filesDir, fileStorage: "folder", publicUrl: "https://x", now: () => now, workerId: `b-${round}`, log: () => undefined })
          await Promise.all([a.runOnce(), b.runOnce()])
          const generated = (await store.access.auditLog(100_000)).filter((r) => r.action === "generated" && r.detail?.includes(id))
          expect(generated).toHaveLength(1)
          expect((await store.access.historyEntry(id))!.attempts).toBe(1)
        }
      } finally {
        await second.close()
      }
    })

    it("keeps files in the database when asked, so workers need no shared disk", async (t) => {
      if (db === undefined) return t.skip()
      const id = await queue()
      const w = createWorker({ store, mailer: createMailer({ smtpUrl: smtp.url }), filesDir, publicUrl: "https://x", now: () => now, fileStorage: "database", log: () => undefined })
      await w.runOnce()
      const entry = (await store.access.historyEntry(id))!
      expect(entry.file_ref).toBe(`db:${id}`)
      expect(filesOf(id)).toEqual([])
      expect(Buffer.from((await store.jobs.fileBytes(id))!).toString("utf8")).toContain("Organisation,Clinic ID")
    })
  })
}
