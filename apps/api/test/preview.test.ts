/**
 * `GET …/reports/{report}/preview` (SPEC §11.2) over HTTP on the acceptance scenario: the rows are the JSON
 * download's first rows, with the exact total; bad limits and long ranges are 400s naming the field and the rule;
 * nothing is recorded (no history entry, no file).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { day, start, type Running } from "./support.ts"

let app: Running
beforeAll(async () => {
  app = await start({ limits: { downloads: 1000 } })
})
afterAll(async () => app.close())

const preview = (report: string, extra: Record<string, string> = {}) =>
  app.as("u-oadmin", `/api/v1/organisations/org-1/reports/${report}/preview?${new URLSearchParams({ ...day, ...extra }).toString()}`)

describe("report preview over HTTP", () => {
  it("answers the JSON download's first rows in order and total_rows, and records nothing", async () => {
    const download = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/consultations/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "json" }) })
    const full = (await download.json()) as { rows: Array<unknown>; columns: Array<unknown> }
    const entries = async () => ((await (await app.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<unknown> }).entries.length
    const before = { entries: await entries(), files: app.files().length }
    expect(full.rows.length).toBeGreaterThan(2)
    const res = await preview("consultations", { limit: "2" })
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    const body = (await res.json()) as { rows: Array<unknown>; total_rows: number; columns: Array<{ description: string }> }
    expect(body.rows).toEqual(full.rows.slice(0, 2))
    expect(body.total_rows).toBe(full.rows.length)
    expect(body.columns).toEqual(full.columns)
    expect(body.columns.every((c) => c.description.length > 0)).toBe(true)
    const all = (await (await preview("consultations")).json()) as { rows: Array<unknown> }
    expect(all.rows).toEqual(full.rows.slice(0, 50))
    expect({ entries: await entries(), files: app.files().length }).toEqual(before)
  })

  it.each([["0"], ["201"], ["abc"], ["1.5"]])("refuses limit=%s with a 400 naming the field", async (limit) => {
    const res = await preview("clinics", { limit })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: "invalid_limit", field: "limit", message: expect.stringContaining("from 1 to 200") } })
  })

  it("refuses a long range with a 400 naming the rule, and unknown parameters", async () => {
    const long = await preview("clinics", { from: "2026-01-01", to: "2026-03-02" })
    expect(long.status).toBe(400)
    expect(await long.json()).toMatchObject({ error: { code: "range_too_long_for_preview", field: "to", message: expect.stringContaining("shorter than two months") } })
    const unknown = await preview("clinics", { format: "csv" })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_field", field: "format" } })
    expect((await preview("nothing")).status).toBe(404)
  })
})
