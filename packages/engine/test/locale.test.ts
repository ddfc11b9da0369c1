/**
 * A schedule's locale reaches its occurrences (SPEC §11.5): the occurrence's history entry keeps zh-CN, and its file
 * and its email through a real SMTP server are in zh-CN, on SQLite and PostgreSQL.
 */
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { parseMessage, partOf, startSmtpServer } from "../../email/test/smtp-fixture.ts"
import { createEngine } from "../src/index.ts"
import { postgres, sqlite, start } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** 08:00 in Sydney on 10 March 2026: the first occurrence of `daily 08:00` after `start`. */
const firstOccurrence = Date.parse("2026-03-09T21:00:00Z")

describe.each([["SQLite", sqlite], ["PostgreSQL", postgres]] as const)("a zh-CN schedule on %s", (_name, open) => {
  it("generates and emails each occurrence in zh-CN, its entry keeping the locale", async (t) => {
    const db = await open()
    if (db === undefined) return t.skip()
    cleanups.push(() => db.drop())
    const smtp = await startSmtpServer()
    cleanups.push(() => smtp.close())
    const clock = { now: start }
    const engine = await createEngine({ database: db.url, files: join(db.dir, "files"), mail: { smtpUrl: smtp.url, timeoutMs: 2000 }, now: () => clock.now })
    cleanups.push(() => engine.close())
    const admin = (await engine.access.actorOf("u-admin"))!
    await engine.schedules.create(admin, {
      report: "clinics", organisation_id: "org-e", format: "csv", timezone: "Australia/Sydney", range: "previous_day", recurrence: "daily 08:00", locale: "zh-CN"
    })
    clock.now = firstOccurrence + 1_000
    const worker = engine.worker({ publicUrl: "https://reports.example.org", log: () => undefined, workerId: "w-zh" })
    while (await worker.runOnce()) { /* until idle */ }
    const [entry] = await engine.store.access.historyOf("u-admin", 0)
    expect(entry).toMatchObject({ status: "ready", locale: "zh-CN" })
    const file = await engine.history.file(admin, entry!.id)
    let text = ""
    for await (const chunk of file.stream) text += String(chunk)
    expect(text.slice(0, text.indexOf("\r\n"))).toMatch(/^组织,诊所 ID,诊所,诊所子域,等候区状态,/)
    expect(smtp.received).toHaveLength(1)
    const body = partOf(parseMessage(smtp.received[0]!.raw), "text/plain")!
    expect(body).toContain("您的报告“诊所(等候区)”已准备好。")
    expect(body).toContain(`https://reports.example.org/history/${entry!.id}`)
  })
})
