import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createLoginLink, sweepExpired } from "../src/index.ts"
import { cliBundle, day, start, type Running } from "./support.ts"

let app: Running
beforeAll(async () => {
  app = await start({ limits: { signIn: 5, downloads: 1000 } })
})
afterAll(async () => app.close())

const signIn = async (secret: string) =>
  fetch(app.url + "/auth/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: secret }) })
const cookiesOf = (res: Response) => res.headers.getSetCookie()
const cookieHeader = (res: Response) => cookiesOf(res).map((c) => c.split(";")[0]).join("; ")

describe("sign-in links, sessions and CSRF", () => {
  it("signs in once per link, with HttpOnly SameSite session cookies, and stores only hashes", async () => {
    const secret = await createLoginLink(app.store, "u-oadmin", app.clock.now)
    const first = await signIn(secret)
    expect(first.status).toBe(200)
    const [session, csrf] = cookiesOf(first)
    expect(session).toMatch(/^vcr_session=vcr_session_[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/)
    expect(csrf).toMatch(/^vcr_csrf=[A-Za-z0-9_-]+; Path=\/; SameSite=Strict/)
    expect((await signIn(secret)).status).toBe(401)
    const me = await fetch(app.url + "/api/v1/me", { headers: { cookie: cookieHeader(first) } })
    expect(me.status).toBe(200)
    const db = (app.store as unknown as { db: { selectFrom: (t: string) => { selectAll: () => { execute: () => Promise<Array<Record<string, unknown>>> } } } }).db
    const stored = JSON.stringify(await db.selectFrom("credentials").selectAll().execute())
    expect(stored).not.toContain(secret)
    expect(stored).not.toContain(session!.split(";")[0]!.split("=")[1])
    expect(stored).not.toContain(app.tokens["u-oadmin"])
  })

  it("refuses an expired link", async () => {
    const secret = await createLoginLink(app.store, "u-oadmin", app.clock.now - 16 * 60_000)
    expect((await signIn(secret)).status).toBe(401)
  })

  it("rejects a state-changing request from the session without the CSRF token, and accepts it with", async () => {
    const res = await signIn(await createLoginLink(app.store, "u-oadmin", app.clock.now))
    const cookie = cookieHeader(res)
    const csrf = cookie.match(/vcr_csrf=([^;]+)/)![1]!
    const post = (headers: Record<string, string>) =>
      fetch(app.url + "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", headers: { cookie, "Content-Type": "application/json", ...headers }, body: JSON.stringify({ ...day, format: "csv" }) })
    const before = app.files().length
    const denied = await post({})
    expect(denied.status).toBe(403)
    expect((await denied.json() as any).error.code).toBe("csrf")
    expect((await post({ "X-CSRF-Token": "wrong" })).status).toBe(403)
    expect(app.files().length).toBe(before)
    expect((await post({ "X-CSRF-Token": csrf })).status).toBe(200)
    const out = await fetch(app.url + "/api/v1/session", { method: "DELETE", headers: { cookie, "X-CSRF-Token": csrf } })
    expect(out.status).toBe(204)
    expect((await fetch(app.url + "/api/v1/me", { headers: { cookie } })).status).toBe(401)
  })

  it("limits sign-in attempts (429)", async () => {
    const statuses: Array<number> = []
    for (let i = 0; i < 8; i++) statuses.push((await signIn("vcr_link_guess" + i)).status)
    expect(statuses).toContain(429)
    app.clock.now += 61_000
  })
})

describe("bad input over HTTP (nothing written)", () => {
  const download = (body: string, headers: Record<string, string> = {}) =>
    app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } })

  it.each([
    [{ from: "2026-02-30", to: "2026-03-01" }, "from", "invalid_date"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to", "to_before_from"],
    [{ ...day, timezone: "+10:00" }, "timezone", "invalid_timezone"],
    [{ ...day, minimum_duration_minutes: "1e1" }, "minimum_duration_minutes", "invalid_minimum_duration"],
    [{ ...day, format: "pdf" }, "format", "invalid_format"],
    [{ ...day, colour: "red" }, "colour", "unknown_field"]
  ])("answers 400 for %j naming %s", async (body, field, code) => {
    const history = (await app.store.access.historyOf("u-oadmin", 0)).length
    const files = app.files().length
    const res = await download(JSON.stringify(body))
    expect(res.status).toBe(400)
    expect((await res.json() as any).error).toMatchObject({ code, field })
    expect((await app.store.access.historyOf("u-oadmin", 0)).length).toBe(history)
    expect(app.files().length).toBe(files)
  })

  it("gives the same field and message as the CLI", async () => {
    const res = await app.as("u-oadmin", `/api/v1/organisations/org-1/tiles?from=2026-03-02&to=2026-03-01&timezone=Australia/Sydney`)
    const http = (await res.json() as any).error
    const cli = await new Promise<string>((resolve) =>
      execFile(process.execPath, [cliBundle, "summary", "--org", "org-1", "--from", "2026-03-02", "--to", "2026-03-01", "--tz", "Australia/Sydney"],
        { env: { ...process.env, VCR_DATABASE_URL: `sqlite:${join(app.dir, "vcr.db")}` } }, (_e, _out, err) => resolve(err)))
    expect(cli.trim()).toBe(`vcr: ${http.message}`)
    expect(http.field).toBe("to")
  })

  it("answers 400 for malformed JSON and 413 for a huge body", async () => {
    expect((await download("{not json")).status).toBe(400)
    const huge = await download(JSON.stringify({ ...day, pad: "x".repeat(100_000) }))
    expect(huge.status).toBe(413)
    expect((await huge.json() as any).error.code).toBe("payload_too_large")
  })

  it("answers 409 for tiles or a download of a long range", async () => {
    const tiles = await app.as("u-oadmin", "/api/v1/organisations/org-1/tiles?from=2026-01-01&to=2026-03-01&timezone=Australia/Sydney")
    expect(tiles.status).toBe(409)
    expect((await tiles.json() as any).error.code).toBe("range_too_long_for_tiles")
    expect((await download(JSON.stringify({ from: "2026-01-01", to: "2026-03-01", format: "csv" }))).status).toBe(409)
  })

  it("serves security headers, a generated OpenAPI document, health and readiness", async () => {
    const res = await fetch(app.url + "/")
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'")
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
    const doc = (await (await fetch(app.url + "/api/v1/openapi.json")).json()) as any
    expect(Object.keys(doc.paths)).toContain("/api/v1/organisations/{org}/reports/{report}/downloads")
    expect(doc.components.schemas.ConsultationsRow.properties.wait_duration["x-vcr-kind"]).toBe("seconds")
    expect((await fetch(app.url + "/healthz")).status).toBe(200)
    expect((await fetch(app.url + "/readyz")).status).toBe(200)
  })
})

describe("downloads and history", () => {
  it("streams the same bytes the CLI writes for the same parameters", async () => {
    const now = new Date(app.clock.now).toISOString()
    for (const format of ["csv", "json"] as const) {
      const res = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/consultations/downloads", { method: "POST", body: JSON.stringify({ ...day, format }) })
      expect(res.status).toBe(200)
      const http = Buffer.from(await res.arrayBuffer())
      const cli = await new Promise<Buffer>((resolve) =>
        execFile(process.execPath, [cliBundle, "report", "consultations", "--org", "org-1", "--from", day.from, "--to", day.to, "--tz", day.timezone, "--format", format],
          { env: { ...process.env, VCR_DATABASE_URL: `sqlite:${join(app.dir, "vcr.db")}`, VCR_NOW: now }, encoding: "buffer", maxBuffer: 1 << 26 }, (_e, out) => resolve(out)))
      expect(http.equals(cli)).toBe(true)
    }
  })

  it("keeps a download in the history for 24 hours, downloadable again, then 410 and the file destroyed", async () => {
    const res = await app.as("u-ocoord", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "xlsx" }) })
    expect(res.headers.get("content-type")).toContain("spreadsheetml")
    const first = Buffer.from(await res.arrayBuffer())
    const id = res.headers.get("x-history-entry")!
    const list = (await (await app.as("u-ocoord", "/api/v1/history")).json()) as any
    expect(list.entries[0]).toMatchObject({ id, report: "clinics", delivery: "download", status: "ready", format: "xlsx" })
    const again = await app.as("u-ocoord", `/api/v1/history/${id}/file`)
    expect(Buffer.from(await again.arrayBuffer()).equals(first)).toBe(true)
    const entry = (await app.store.access.historyEntry(id))!
    app.clock.now += 24 * 60 * 60_000 - 1000
    expect((await app.as("u-ocoord", `/api/v1/history/${id}/file`)).status).toBe(200)
    app.clock.now += 1000
    expect((await app.as("u-ocoord", `/api/v1/history/${id}/file`)).status).toBe(410)
    expect(await sweepExpired(app.store, app.clock.now)).toBeGreaterThanOrEqual(1)
    expect(() => readFileSync(entry.file_ref!)).toThrow()
    expect((await app.as("u-ocoord", `/api/v1/history/${id}`)).status).toBe(410)
    expect(((await (await app.as("u-ocoord", "/api/v1/history")).json()) as any).entries).toEqual([])
  })
})
