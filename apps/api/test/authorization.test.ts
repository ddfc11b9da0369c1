import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { day, roleUsers, start, type RoleUser, type Running } from "./support.ts"

let app: Running
beforeAll(async () => {
  app = await start({ limits: { downloads: 1000 } })
})
afterAll(async () => app.close())

const q = (extra: Record<string, string> = {}) => "?" + new URLSearchParams({ ...day, ...extra }).toString()
type Allowed = ReadonlyArray<RoleUser>
const orgReporters: Allowed = ["u-oadmin", "u-ocoord", "u-orep"]

// Every endpoint × every role × own clinic / other clinic / other organisation.
const matrix: Array<{ name: string; allowed: Allowed; request: (u: RoleUser) => Promise<Response> }> = [
  { name: "organisation tiles", allowed: orgReporters, request: (u) => app.as(u, `/api/v1/organisations/org-1/tiles${q()}`) },
  { name: "own clinic tiles (cl-a)", allowed: ["u-oadmin", "u-ocoord", "u-cadmin"], request: (u) => app.as(u, `/api/v1/organisations/org-1/tiles${q({ clinic_id: "cl-a" })}`) },
  { name: "other clinic tiles (cl-b)", allowed: ["u-oadmin", "u-ocoord"], request: (u) => app.as(u, `/api/v1/organisations/org-1/tiles${q({ clinic_id: "cl-b" })}`) },
  { name: "other organisation tiles", allowed: ["u-other"], request: (u) => app.as(u, `/api/v1/organisations/org-2/tiles${q()}`) },
  { name: "organisation trends by clinic", allowed: orgReporters, request: (u) => app.as(u, `/api/v1/organisations/org-1/trends${q({ by: "clinic" })}`) },
  { name: "own clinic trends (cl-a)", allowed: ["u-oadmin", "u-ocoord", "u-cadmin"], request: (u) => app.as(u, `/api/v1/organisations/org-1/trends${q({ clinic_id: "cl-a" })}`) },
  { name: "other clinic trends (cl-b)", allowed: ["u-oadmin", "u-ocoord"], request: (u) => app.as(u, `/api/v1/organisations/org-1/trends${q({ clinic_id: "cl-b" })}`) },
  { name: "other organisation trends", allowed: ["u-other"], request: (u) => app.as(u, `/api/v1/organisations/org-2/trends${q()}`) },
  { name: "organisation download", allowed: orgReporters, request: (u) => app.as(u, "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) }) },
  { name: "own clinic download", allowed: ["u-oadmin", "u-ocoord", "u-cadmin"], request: (u) => app.as(u, "/api/v1/organisations/org-1/reports/consultations/downloads", { method: "POST", body: JSON.stringify({ ...day, clinic_id: "cl-a", format: "json" }) }) },
  { name: "other clinic download", allowed: ["u-oadmin", "u-ocoord"], request: (u) => app.as(u, "/api/v1/organisations/org-1/reports/consultations/downloads", { method: "POST", body: JSON.stringify({ ...day, clinic_id: "cl-b", format: "json" }) }) },
  { name: "other organisation download", allowed: ["u-other"], request: (u) => app.as(u, "/api/v1/organisations/org-2/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) }) },
  { name: "organisation preview", allowed: orgReporters, request: (u) => app.as(u, `/api/v1/organisations/org-1/reports/consultations/preview${q({ limit: "5" })}`) },
  { name: "own clinic preview (cl-a)", allowed: ["u-oadmin", "u-ocoord", "u-cadmin"], request: (u) => app.as(u, `/api/v1/organisations/org-1/reports/consultations/preview${q({ clinic_id: "cl-a" })}`) },
  { name: "other clinic preview (cl-b)", allowed: ["u-oadmin", "u-ocoord"], request: (u) => app.as(u, `/api/v1/organisations/org-1/reports/clinics/preview${q({ clinic_id: "cl-b" })}`) },
  { name: "other organisation preview", allowed: ["u-other"], request: (u) => app.as(u, `/api/v1/organisations/org-2/reports/clinics/preview${q()}`) },
  { name: "configuration read", allowed: orgReporters, request: (u) => app.as(u, "/api/v1/organisations/org-1/reporting-configuration") },
  { name: "configuration write", allowed: orgReporters, request: (u) => app.as(u, "/api/v1/organisations/org-1/reporting-configuration", { method: "PUT", body: JSON.stringify({ tags: [{ key: "cost_centre", label: "Cost centre" }], bandwidth_columns: true, default_timezone: "Australia/Sydney", default_minimum_duration_minutes: 0 }) }) },
  { name: "other organisation configuration", allowed: ["u-other"], request: (u) => app.as(u, "/api/v1/organisations/org-2/reporting-configuration") }
]

describe("authorisation matrix (SPEC §2)", () => {
  for (const row of matrix) {
    for (const user of roleUsers) {
      const allowed = row.allowed.includes(user)
      it(`${row.name}: ${user} ${allowed ? "is served" : "gets 404"}`, async () => {
        const res = await row.request(user)
        const text = await res.text()
        expect(res.status).toBe(allowed ? 200 : 404)
        if (!allowed) expect(JSON.parse(text)).toMatchObject({ error: { code: "not_found" } })
        if (user !== "u-other") expect(text).not.toMatch(/Coastal|Secret Clinic|cl-x/)
        else expect(text).not.toMatch(/Metro Health|Triage|Cardiology/)
      })
    }
  }

  it("answers a foreign organisation exactly like a missing one", async () => {
    const foreign = await app.as("u-oadmin", `/api/v1/organisations/org-2/tiles${q()}`)
    const missing = await app.as("u-oadmin", `/api/v1/organisations/org-404/tiles${q()}`)
    expect(foreign.status).toBe(404)
    expect(missing.status).toBe(404)
    const a = (await foreign.json() as any).error
    const b = (await missing.json() as any).error
    expect(a.code).toBe(b.code)
    expect(a.message.replace("org-2", "X")).toBe(b.message.replace("org-404", "X"))
  })

  it("lists only what each role may see in /me", async () => {
    const me = async (u: RoleUser) => (await (await app.as(u, "/api/v1/me")).json()) as { organisations: Array<{ id: string; organisation_reports: boolean; clinics: Array<{ id: string }> }> }
    expect((await me("u-oadmin")).organisations.map((o) => [o.id, o.organisation_reports, o.clinics.map((c) => c.id)])).toEqual([["org-1", true, ["cl-b", "cl-c", "cl-a"]]])
    expect((await me("u-orep")).organisations.map((o) => [o.id, o.clinics.length])).toEqual([["org-1", 0]])
    expect((await me("u-cadmin")).organisations.map((o) => [o.id, o.organisation_reports, o.clinics.map((c) => c.id)])).toEqual([["org-1", false, ["cl-a"]]])
    expect((await me("u-team")).organisations).toEqual([])
  })

  it("requires a credential on every /api route but the OpenAPI document", async () => {
    expect((await fetch(app.url + "/api/v1/openapi.json")).status).toBe(200)
    for (const path of ["/api/v1/me", "/api/v1/history", `/api/v1/organisations/org-1/tiles${q()}`]) {
      expect((await fetch(app.url + path)).status).toBe(401)
      expect((await fetch(app.url + path, { headers: { Authorization: "Bearer vcr_pat_nope" } })).status).toBe(401)
    }
  })

  it("shows each user only their own history entries", async () => {
    const res = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })
    const entry = res.headers.get("x-history-entry")!
    expect((await app.as("u-oadmin", `/api/v1/history/${entry}`)).status).toBe(200)
    expect((await app.as("u-ocoord", `/api/v1/history/${entry}`)).status).toBe(404)
    expect((await app.as("u-ocoord", `/api/v1/history/${entry}/file`)).status).toBe(404)
    const list = (await (await app.as("u-ocoord", "/api/v1/history")).json()) as { entries: Array<{ id: string }> }
    expect(list.entries.map((e) => e.id)).not.toContain(entry)
  })

  it("stops a revoked role at once, history and links included", async () => {
    const res = await app.as("u-orep", "/api/v1/organisations/org-1/reports/organisations/downloads", { method: "POST", body: JSON.stringify({ ...day, format: "json" }) })
    expect(res.status).toBe(200)
    const entry = res.headers.get("x-history-entry")!
    await app.store.importLines([
      JSON.stringify({ type: "organisation_role", user_id: "u-orep", organisation_id: "org-1", role: "organisation_reporter", granted_at: "2024-01-02T00:00:00Z", revoked_at: new Date(app.clock.now - 1000).toISOString() })
    ])
    expect((await app.as("u-orep", `/api/v1/organisations/org-1/tiles${q()}`)).status).toBe(404)
    expect((await app.as("u-orep", `/api/v1/history/${entry}/file`)).status).toBe(404)
  })

  it("keeps an append-only audit log of report requests, downloads and denials", async () => {
    const log = await app.store.access.auditLog(10_000)
    expect(log.some((r) => r.action === "download" && r.outcome === "ok" && r.user_id === "u-oadmin")).toBe(true)
    expect(log.some((r) => r.outcome === "denied" && r.user_id === "u-cadmin")).toBe(true)
    expect(log.some((r) => r.action === "tiles" && r.outcome === "ok")).toBe(true)
  })

  it("never writes tokens, parameters or report contents to the request log", () => {
    const text = JSON.stringify(app.logs)
    for (const token of Object.values(app.tokens)) expect(text).not.toContain(token)
    expect(text).not.toMatch(/Metro Health|Nina Nurse|2026-03-02|cl-a/)
  })
})
