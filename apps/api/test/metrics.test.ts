/**
 * The queue in `GET /metrics` (issue 12, operations): jobs by status, the oldest queued entry's age and emails by
 * status are read from the database at scrape time, so a worker in another process shows; a scrape still answers
 * when the database is gone. Runs on SQLite and, when it answers, PostgreSQL, with a real SMTP server.
 */
import { createMailer } from "@vcr/email"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { createWorker } from "../src/index.ts"
import { start, type Running } from "./support.ts"

const metricsToken = "metrics-0123456789abcdefghij"
const longRange = { from: "2026-01-01", to: "2026-03-31", timezone: "Australia/Sydney", format: "csv" }

type Db = { url: string; drop: () => Promise<void> }
const databases: ReadonlyArray<readonly [string, () => Promise<Db | undefined>]> = [
  ["SQLite", async () => undefined],
  ["PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined)]
]

const scrape = async (app: Running): Promise<{ status: number; text: string }> => {
  const r = await fetch(app.url + "/metrics", { headers: { Authorization: `Bearer ${metricsToken}` } })
  return { status: r.status, text: await r.text() }
}

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(series + " "))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

for (const [name, database] of databases) {
  describe(`queue metrics on ${name}`, () => {
    let db: Db | undefined
    let app: Running | undefined
    let smtp: TestSmtpServer
    let skipped = false
    beforeAll(async () => {
      db = await database()
      if (name !== "SQLite" && db === undefined) {
        skipped = true
        return
      }
      app = await start({ ...(db === undefined ? {} : { databaseUrl: db.url }), app: { metricsToken } })
      smtp = await startSmtpServer()
    }, 60_000)
    afterAll(async () => {
      await smtp?.close()
      await app?.close()
      await db?.drop()
    })

    it("counts a queued email and its age, then the worker's outcome and the sent email", async (ctx) => {
      if (skipped) return ctx.skip()
      const a = app!
      const before = await scrape(a)
      expect(before.status).toBe(200)
      expect(sample(before.text, 'vcr_jobs{status="queued",delivery="email"}')).toBe(0)
      expect(sample(before.text, "vcr_queue_oldest_age_seconds")).toBe(0)
      expect(sample(before.text, 'vcr_emails{status="sent"}')).toBe(0)

      const res = await a.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/emails", { method: "POST", body: JSON.stringify(longRange) })
      expect(res.status).toBe(202)
      await res.arrayBuffer()
      a.clock.now += 90_000
      const queued = await scrape(a)
      expect(sample(queued.text, 'vcr_jobs{status="queued",delivery="email"}')).toBe(1)
      expect(sample(queued.text, "vcr_queue_oldest_age_seconds")).toBe(90)
      expect(sample(queued.text, 'vcr_emails{status="pending"}')).toBe(0)

      // A worker of its own, as `vcr worker` would be: nothing in the app's process counts for it.
      const worker = createWorker({
        store: a.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 1000 }), filesDir: a.filesDir, publicUrl: "https://reports.example.org",
        now: () => a.clock.now, log: () => undefined
      })
      await worker.runOnce()
      expect(smtp.received).toHaveLength(1)
      const done = await scrape(a)
      expect(sample(done.text, 'vcr_jobs{status="queued",delivery="email"}')).toBe(0)
      expect(sample(done.text, 'vcr_jobs{status="ready",delivery="email"}')).toBe(1)
      expect(sample(done.text, "vcr_queue_oldest_age_seconds")).toBe(0)
      expect(sample(done.text, 'vcr_emails{status="sent"}')).toBe(1)
      expect(sample(done.text, 'vcr_emails{status="failed"}')).toBe(0)
      expect(done.text).toContain("# TYPE vcr_jobs gauge")
      expect(done.text).not.toContain("org-1")
    })

    it("still answers a scrape when the database is gone, leaving out only the queue gauges", async (ctx) => {
      if (skipped) return ctx.skip()
      const a = app!
      await a.store.close()
      const down = await scrape(a)
      expect(down.status).toBe(200)
      expect(down.text).toContain("vcr_http_request_duration_seconds_count")
      expect(down.text).toContain("vcr_process_cpu_seconds_total")
      expect(down.text).not.toMatch(/^vcr_jobs\{/m)
      expect(down.text).not.toMatch(/^vcr_queue_oldest_age_seconds /m)
      expect(down.text).not.toMatch(/^vcr_emails\{/m)
    })
  })
}
