/**
 * `GET|POST /api/v1/schedules`, `GET|PATCH|DELETE /api/v1/schedules/{id}` (SPEC §11.4): the owner's own only
 * (everyone else gets 404), scopes checked against the caller's roles, bad fields named with their rule and nothing
 * written; and the "done when": a schedule created through the API fires at its next occurrence under the
 * injected clock and its email reaches the test SMTP server with a link that works, on SQLite and PostgreSQL.
 */
import { createMailer } from "@vcr/email"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseMessage, partOf } from "../../../packages/email/test/smtp-fixture.ts"
import { createWorker } from "../src/index.ts"
import { appWithMail, bothDatabases, start, type RoleUser, type Running } from "./support.ts"

const body = { report: "clinics", organisation_id: "org-1", format: "csv", timezone: "Australia/Sydney", range: "previous_day", recurrence: "daily 08:00" }
/** 08:00 in Sydney on Friday 27 November 2026: the first occurrence after the test clock (11:00 on the 26th). */
const firstOccurrence = Date.parse("2026-11-26T21:00:00Z")

const send = (app: Running, user: RoleUser, method: string, path: string, payload?: unknown) =>
  app.as(user, path, { method, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) })

describe("schedules through the API", () => {
  let app: Running
  beforeAll(async () => {
    app = await start()
  })
  afterAll(async () => app.close())

  it("creates, lists, reads, changes and deletes the caller's own schedule, in the shape of SPEC §11.4", async () => {
    const created = await send(app, "u-orep", "POST", "/api/v1/schedules", { ...body, locale: "zh-CN", minimum_duration_minutes: 5, recurrence: "weekly Fri 07:30" })
    expect(created.status).toBe(201)
    const schedule = (await created.json()) as Record<string, unknown>
    expect(Object.keys(schedule)).toEqual([
      "id", "report", "organisation_id", "clinic_id", "format", "timezone", "minimum_duration_minutes", "locale", "range", "recurrence", "status",
      "paused_reason", "paused_reason_code", "next_occurrences", "last_run"
    ])
    expect(schedule).toMatchObject({ clinic_id: null, minimum_duration_minutes: 5, locale: "zh-CN", status: "active", paused_reason: null, paused_reason_code: null, last_run: null })
    expect(schedule.next_occurrences).toEqual([
      "2026-11-27T07:30:00+11:00", "2026-12-04T07:30:00+11:00", "2026-12-11T07:30:00+11:00", "2026-12-18T07:30:00+11:00", "2026-12-25T07:30:00+11:00"
    ])
    const id = String(schedule.id)
    expect(await (await send(app, "u-orep", "GET", "/api/v1/schedules")).json()).toEqual({ schedules: [schedule] })
    expect(await (await send(app, "u-orep", "GET", `/api/v1/schedules/${id}`)).json()).toEqual(schedule)
    const paused = await send(app, "u-orep", "PATCH", `/api/v1/schedules/${id}`, { status: "paused" })
    expect(await paused.json()).toMatchObject({ status: "paused", paused_reason: "paused by its owner", paused_reason_code: "paused_by_owner", next_occurrences: [] })
    const changed = await send(app, "u-orep", "PATCH", `/api/v1/schedules/${id}`, { status: "active", range: "last_n_days:14", minimum_duration_minutes: null })
    expect(await changed.json()).toMatchObject({ status: "active", range: "last_n_days:14", minimum_duration_minutes: null, recurrence: "weekly Fri 07:30" })
    expect((await send(app, "u-orep", "DELETE", `/api/v1/schedules/${id}`)).status).toBe(204)
    expect((await send(app, "u-orep", "GET", `/api/v1/schedules/${id}`)).status).toBe(404)
  })

  it("answers 404 for anyone else's schedule and for a scope outside the caller's roles, changing nothing", async () => {
    const mine = (await (await send(app, "u-oadmin", "POST", "/api/v1/schedules", body)).json()) as { id: string }
    const others: ReadonlyArray<RoleUser> = ["u-ocoord", "u-orep", "u-cadmin", "u-clerk", "u-other"]
    for (const user of others) {
      expect((await send(app, user, "GET", `/api/v1/schedules/${mine.id}`)).status, user).toBe(404)
      expect((await send(app, user, "PATCH", `/api/v1/schedules/${mine.id}`, { status: "paused" })).status, user).toBe(404)
      expect((await send(app, user, "PATCH", `/api/v1/schedules/${mine.id}`, { recurrence: "nonsense" })).status, user).toBe(404)
      expect((await send(app, user, "DELETE", `/api/v1/schedules/${mine.id}`)).status, user).toBe(404)
      const listed = (await (await send(app, user, "GET", "/api/v1/schedules")).json()) as { schedules: Array<{ id: string }> }
      expect(listed.schedules.map((s) => s.id), user).not.toContain(mine.id)
    }
    expect(await (await send(app, "u-oadmin", "GET", `/api/v1/schedules/${mine.id}`)).json()).toMatchObject({ status: "active" })
    // Scopes: organisation level needs an organisation role; a clinic admin schedules their own clinic only.
    const refused: ReadonlyArray<readonly [RoleUser, Record<string, unknown>]> = [
      ["u-cadmin", {}], ["u-clerk", { clinic_id: "cl-a" }], ["u-team", {}], ["u-ref", { clinic_id: "cl-a" }], ["u-other", {}],
      ["u-oadmin", { organisation_id: "org-2" }], ["u-oadmin", { clinic_id: "cl-x" }], ["u-orep", { clinic_id: "cl-a" }]
    ]
    for (const [user, change] of refused) {
      const res = await send(app, user, "POST", "/api/v1/schedules", { ...body, ...change })
      expect(res.status, `${user} ${JSON.stringify(change)}`).toBe(404)
      expect((await send(app, user, "GET", "/api/v1/schedules")).status).toBe(200)
    }
    expect((await send(app, "u-cadmin", "POST", "/api/v1/schedules", { ...body, clinic_id: "cl-a" })).status).toBe(201)
    expect((await send(app, "u-oadmin", "DELETE", `/api/v1/schedules/${mine.id}`)).status).toBe(204)
  })

  it("rejects bad fields with 400 naming the field and the rule, and writes nothing", async () => {
    const before = await app.store.access.auditLog(100_000)
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string, string]> = [
      [{ recurrence: undefined }, "recurrence", "missing_field"],
      [{ format: undefined, timezone: undefined }, "format", "missing_field"],
      [{ colour: "blue" }, "colour", "unknown_field"],
      [{ status: "paused" }, "status", "unknown_field"],
      [{ report: 7 }, "report", "invalid_type"],
      [{ minimum_duration_minutes: true }, "minimum_duration_minutes", "invalid_type"],
      [{ range: null }, "range", "missing_field"],
      [{ report: "nothing" }, "report", "unknown_report"],
      [{ timezone: "Mars/Base" }, "timezone", "invalid_timezone"],
      [{ minimum_duration_minutes: -1 }, "minimum_duration_minutes", "invalid_minimum_duration"],
      [{ locale: "fr" }, "locale", "invalid_locale"],
      [{ range: "last_n_days:0" }, "range", "range_days_out_of_range"],
      [{ recurrence: "weekly Someday 08:00" }, "recurrence", "invalid_recurrence_weekday"],
      [{ recurrence: "monthly 31 08:00" }, "recurrence", "recurrence_day_out_of_range"],
      [{ recurrence: "* * * *" }, "recurrence", "invalid_recurrence"]
    ]
    for (const [change, field, code] of cases) {
      const res = await send(app, "u-oadmin", "POST", "/api/v1/schedules", { ...body, ...change })
      expect(res.status, JSON.stringify(change)).toBe(400)
      const error = ((await res.json()) as { error: { code: string; field: string; message: string } }).error
      expect(error, JSON.stringify(change)).toMatchObject({ field, code })
      expect(error.message).toContain(field)
    }
    const mine = (await (await send(app, "u-oadmin", "POST", "/api/v1/schedules", body)).json()) as Record<string, unknown>
    const bad = await send(app, "u-oadmin", "PATCH", `/api/v1/schedules/${String(mine.id)}`, { status: "stopped" })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("status")
    expect(await (await send(app, "u-oadmin", "GET", `/api/v1/schedules/${String(mine.id)}`)).json()).toEqual(mine)
    const after = await app.store.access.auditLog(100_000)
    expect(after.slice(before.length).map((a) => a.action)).toEqual(["schedule_created"])
    expect((await send(app, "u-oadmin", "DELETE", `/api/v1/schedules/${String(mine.id)}`)).status).toBe(204)
  })
})

for (const name of bothDatabases) {
  describe(`a schedule created through the API fires and is emailed on ${name}`, () => {
    const running = appWithMail(name)

    it("at its next occurrence under the injected clock, with a link that opens the report", async (t) => {
      if (!running.ready) return t.skip()
      const { app, smtp } = running
      const created = await send(app, "u-oadmin", "POST", "/api/v1/schedules", { ...body, format: "json" })
      expect(created.status).toBe(201)
      const schedule = (await created.json()) as { id: string; next_occurrences: Array<string> }
      expect(schedule.next_occurrences[0]).toBe("2026-11-27T08:00:00+11:00")
      const worker = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 }), filesDir: app.filesDir, publicUrl: app.url, now: () => app.clock.now, log: () => undefined })
      app.clock.now = firstOccurrence - 1_000
      expect(await worker.runOnce()).toBe(false)
      app.clock.now = firstOccurrence + 5_000
      while (await worker.runOnce()) { /* drain */ }
      expect(smtp.received).toHaveLength(1)
      expect(smtp.received[0]!.to).toEqual(["oscar@example.org"])
      const link = /https?:\/\/\S+\/history\/[A-Za-z0-9_-]+/.exec(partOf(parseMessage(smtp.received[0]!.raw), "text/plain")!)![0]
      expect(link.startsWith(`${app.url}/history/`)).toBe(true)
      expect((await fetch(link)).status).toBe(200)
      const entryId = link.slice(link.lastIndexOf("/") + 1)
      const file = await app.as("u-oadmin", `/api/v1/history/${entryId}/file`)
      expect(file.status).toBe(200)
      const report = (await file.json()) as { report: string; parameters: { from: string; to: string; timezone: string } }
      expect(report).toMatchObject({ report: "clinics", parameters: { from: "2026-11-26", to: "2026-11-26", timezone: "Australia/Sydney" } })
      const shown = await (await send(app, "u-oadmin", "GET", `/api/v1/schedules/${schedule.id}`)).json()
      expect(shown).toMatchObject({ last_run: { entry_id: entryId, status: "ready", late: false, skipped: 0 } })
      expect((shown as { next_occurrences: Array<string> }).next_occurrences[0]).toBe("2026-11-28T08:00:00+11:00")
      // Nothing more until the next occurrence.
      expect(await worker.runOnce()).toBe(false)
      expect(smtp.received).toHaveLength(1)
    })
  })
}
