/**
 * The OpenAPI document drives a client: Redocly CLI lints it clean (no error, no warning), it is served without
 * sign-in with VCR_PUBLIC_URL as its server, and real answers of every operation validate against it with ajv
 * (rows with bandwidth and tag columns included); every operation of the document is exercised.
 */
import { createEngine } from "@vcr/engine"
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"
import { execFile } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createLoginLink } from "../src/index.ts"
import { day, start, type Running } from "./support.ts"

const run = promisify(execFile)
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const publicUrl = "https://reports.example.org"
const redocly = join(import.meta.dirname, "../node_modules/.bin/redocly")

type Method = "get" | "post" | "put" | "patch" | "delete"
interface Operation {
  readonly operationId: string
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema: object }> }>
}
type Document = { readonly paths: Record<string, Partial<Record<Method, Operation>>>; readonly components: object; readonly servers: ReadonlyArray<{ url: string }> }

let app: Running
let document: Document
let ajv: Ajv2020
const validators = new Map<string, ValidateFunction>()
/** Operations answered with a success status (2xx) in this file. */
const exercised = new Set<string>()

/** Validates `res` (status, media type, body) against the document's response for `method path`. */
const conforms = async (method: Method, path: string, res: Response): Promise<unknown> => {
  const operation = document.paths[path]?.[method]
  if (operation === undefined) throw new Error(`${method} ${path} is not in the document`)
  const response = operation.responses[String(res.status)]
  expect(response, `${method} ${path} answered ${res.status}, which the document does not declare`).toBeDefined()
  if (res.status < 300) exercised.add(operation.operationId)
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim()
  if (response!.content === undefined) {
    expect(await res.text()).toBe("")
    return undefined
  }
  const media = response!.content[type]
  expect(media, `${method} ${path} ${res.status} answered ${type}, which the document does not declare`).toBeDefined()
  if (type !== "application/json") return res.arrayBuffer()
  const body = (await res.json()) as unknown
  const key = `${method} ${path} ${res.status}`
  let validate = validators.get(key)
  if (validate === undefined) {
    const schema = JSON.parse(JSON.stringify(media!.schema).replaceAll('"#/components/', '"vcr.json#/components/')) as object
    validate = ajv.compile(schema)
    validators.set(key, validate)
  }
  if (!validate(body)) expect.fail(`${key}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 400)}`)
  return body
}

beforeAll(async () => {
  app = await start({ app: { publicUrl }, limits: { downloads: 1000 } })
  const res = await fetch(`${app.url}/api/v1/openapi.json`)
  expect(res.status).toBe(200)
  document = (await res.json()) as Document
  ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: "vcr.json", components: document.components })
})
afterAll(() => app.close())

describe("the OpenAPI document", () => {
  it("is served without sign-in, with VCR_PUBLIC_URL as its server and an operationId on every operation", async () => {
    expect(document.servers).toEqual([{ url: publicUrl, description: "This vcr server" }])
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId))
    expect(ids.every((id) => typeof id === "string" && id !== "")).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    await conforms("get", "/api/v1/openapi.json", await fetch(`${app.url}/api/v1/openapi.json`))
    await conforms("get", "/api/v1/openapi.json", await fetch(`${app.url}/api/v1/openapi.json?x=1`))
  })

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const file = join(app.dir, "openapi.json")
    writeFileSync(file, JSON.stringify(document, null, 2))
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" }
    const { stdout } = await run(redocly, ["lint", file, "--format=json"], { env, maxBuffer: 16 << 20 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })
    )
    const result = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: ReadonlyArray<{ ruleId: string; message: string }> }
    expect(result.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([])
    expect(result.totals).toMatchObject({ errors: 0, warnings: 0 })
  })
})

describe("every route answers as the document says", () => {
  it("health, sign-in and sign-out", async () => {
    await conforms("get", "/healthz", await fetch(`${app.url}/healthz`))
    await conforms("get", "/healthz", await fetch(`${app.url}/healthz?verbose=1`))
    await conforms("get", "/readyz", await fetch(`${app.url}/readyz`))
    const post = (body: unknown) => fetch(`${app.url}/auth/link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
    await conforms("post", "/auth/link", await post({ token: "vcr_link_unknown" }))
    const link = await createLoginLink(app.store, "u-oadmin", app.clock.now)
    const signedIn = await post({ token: link, next: "/history/h-1" })
    await conforms("post", "/auth/link", signedIn)
    const cookies = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!)
    const csrf = cookies.find((c) => c.startsWith("vcr_csrf="))!.slice("vcr_csrf=".length)
    const cookie = cookies.join("; ")
    await conforms("delete", "/api/v1/session", await fetch(`${app.url}/api/v1/session`, { method: "DELETE", headers: { cookie } }))
    const ask = (body: unknown) => fetch(`${app.url}/api/v1/sign-in-links`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
    await conforms("post", "/api/v1/sign-in-links", await ask({ email: "nobody@example.org", next: "/history/h-1" }))
    await conforms("post", "/api/v1/sign-in-links", await ask({ email: "nobody" }))
    await conforms("delete", "/api/v1/session", await fetch(`${app.url}/api/v1/session`, { method: "DELETE", headers: { cookie, "X-CSRF-Token": csrf } }))
    await conforms("delete", "/api/v1/session", await fetch(`${app.url}/api/v1/session`, { method: "DELETE", headers: { cookie, "X-CSRF-Token": csrf } }))
  })

  it("the account, the configuration, tiles, reports with bandwidth and tag columns, history and files", async () => {
    await conforms("get", "/api/v1/me", await app.as("u-oadmin", "/api/v1/me"))
    await conforms("get", "/api/v1/me", await fetch(`${app.url}/api/v1/me`))
    const configuration = "/api/v1/organisations/{org}/reporting-configuration"
    await conforms("get", configuration, await app.as("u-oadmin", "/api/v1/organisations/org-1/reporting-configuration"))
    await conforms("get", configuration, await app.as("u-oadmin", "/api/v1/organisations/org-9/reporting-configuration"))
    const put = (body: unknown) => app.as("u-oadmin", "/api/v1/organisations/org-1/reporting-configuration", { method: "PUT", body: JSON.stringify(body) })
    await conforms("put", configuration, await put({ tags: [{ key: "cc", label: "Cost centre" }, { key: "region" }], bandwidth_columns: true, default_timezone: null, default_minimum_duration_minutes: null }))
    await conforms("put", configuration, await put({ colour: "blue" }))

    const tiles = "/api/v1/organisations/{org}/tiles"
    const query = new URLSearchParams(day).toString()
    await conforms("get", tiles, await app.as("u-oadmin", `/api/v1/organisations/org-1/tiles?${query}`))
    await conforms("get", tiles, await app.as("u-oadmin", `/api/v1/organisations/org-1/tiles?${query}&timezone=Mars/Base`))
    await conforms("get", tiles, await app.as("u-oadmin", "/api/v1/organisations/org-1/tiles?from=2025-01-01&to=2025-12-31"))
    const trends = "/api/v1/organisations/{org}/trends"
    await conforms("get", trends, await app.as("u-oadmin", `/api/v1/organisations/org-1/trends?${query}&by=clinic`))
    await conforms("get", trends, await app.as("u-oadmin", "/api/v1/organisations/org-1/trends?from=2025-01-01&to=2025-12-31&granularity=week"))
    await conforms("get", trends, await app.as("u-oadmin", `/api/v1/organisations/org-1/trends?${query}&granularity=hour`))
    await conforms("get", trends, await app.as("u-oadmin", "/api/v1/organisations/org-9/trends"))

    const downloads = "/api/v1/organisations/{org}/reports/{report}/downloads"
    let tagged = 0
    let bandwidth = 0
    for (const report of ["organisations", "clinics", "service-providers", "service-provider-summary", "room-calls", "consultations"]) {
      for (const format of ["json", "csv", "xlsx"]) {
        const res = await app.as("u-oadmin", `/api/v1/organisations/org-1/reports/${report}/downloads`, { method: "POST", body: JSON.stringify({ ...day, format }) })
        const body = (await conforms("post", downloads, res)) as { rows?: ReadonlyArray<Record<string, unknown>> } | undefined
        for (const row of format === "json" ? body!.rows! : []) {
          if ("tag:cc" in row && "tag:region" in row) tagged += 1
          if ("avg_sent_kbps" in row) bandwidth += 1
        }
      }
    }
    expect(tagged).toBeGreaterThan(0)
    expect(bandwidth).toBeGreaterThan(0)
    await conforms("post", downloads, await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ format: "pdf" }) }))
    await conforms("post", downloads, await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/nothing/downloads", { method: "POST", body: "{}" }))

    const preview = "/api/v1/organisations/{org}/reports/{report}/preview"
    for (const report of ["organisations", "clinics", "service-providers", "service-provider-summary", "room-calls", "consultations"]) {
      await conforms("get", preview, await app.as("u-oadmin", `/api/v1/organisations/org-1/reports/${report}/preview?${query}&limit=3`))
    }
    await conforms("get", preview, await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/preview?from=2025-01-01&to=2025-12-31"))
    await conforms("get", preview, await app.as("u-oadmin", `/api/v1/organisations/org-1/reports/clinics/preview?${query}&limit=0`))
    await conforms("get", preview, await app.as("u-oadmin", `/api/v1/organisations/org-9/reports/clinics/preview?${query}`))
    await conforms("get", preview, await fetch(`${app.url}/api/v1/organisations/org-1/reports/clinics/preview?${query}`))

    const emails = "/api/v1/organisations/{org}/reports/{report}/emails"
    const queued = (await conforms("post", emails, await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/emails", { method: "POST", body: JSON.stringify(day) }))) as { id: string }
    await conforms("post", emails, await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/emails", { method: "POST", body: JSON.stringify({ from: "yesterday" }) }))

    const list = (await conforms("get", "/api/v1/history", await app.as("u-oadmin", "/api/v1/history?organisation_id=org-1"))) as { entries: ReadonlyArray<{ id: string; status: string }> }
    await conforms("get", "/api/v1/history", await app.as("u-oadmin", "/api/v1/history?colour=blue"))
    const ready = list.entries.find((e) => e.status === "ready")!
    await conforms("get", "/api/v1/history/{entry}", await app.as("u-oadmin", `/api/v1/history/${ready.id}`))
    await conforms("get", "/api/v1/history/{entry}", await app.as("u-oadmin", "/api/v1/history/nope"))
    await conforms("get", "/api/v1/history/{entry}/file", await app.as("u-oadmin", `/api/v1/history/${ready.id}/file`))
    await conforms("get", "/api/v1/history/{entry}/file", await app.as("u-oadmin", `/api/v1/history/${queued.id}/file`))
  })

  it("events pushed by a platform", async () => {
    const engine = await createEngine({ database: app.store, now: () => app.clock.now })
    const ingest = await engine.access.serviceToken("video-platform", "ingest")
    const push = (body: string, type = "application/x-ndjson") =>
      fetch(`${app.url}/api/v1/events`, { method: "POST", headers: { Authorization: `Bearer ${ingest}`, "Content-Type": type }, body })
    const line = JSON.stringify({ type: "organisation", id: "org-3", name: "Pushed", created_at: "2024-01-01T00:00:00Z" })
    await conforms("post", "/api/v1/events", await push(line + "\n"))
    await conforms("post", "/api/v1/events", await push("{not json}\n"))
    await conforms("post", "/api/v1/events", await push(line, "text/plain"))
    await conforms("get", "/api/v1/openapi.json", await fetch(`${app.url}/api/v1/openapi.json`, { headers: { Authorization: `Bearer ${ingest}` } }))
  })

  it("schedules", async () => {
    const list = "/api/v1/schedules"
    const one = "/api/v1/schedules/{schedule}"
    const body = { report: "clinics", organisation_id: "org-1", format: "csv", timezone: "Australia/Sydney", range: "previous_week", recurrence: "weekly Mon 08:00" }
    const created = (await conforms("post", list, await app.as("u-oadmin", list, { method: "POST", body: JSON.stringify(body) }))) as { id: string }
    await conforms("post", list, await app.as("u-oadmin", list, { method: "POST", body: JSON.stringify({ ...body, recurrence: "weekly Mon 25:00" }) }))
    await conforms("post", list, await app.as("u-oadmin", list, { method: "POST", body: JSON.stringify({ ...body, organisation_id: "org-2" }) }))
    await conforms("get", list, await app.as("u-oadmin", list))
    await conforms("get", one, await app.as("u-oadmin", `${list}/${created.id}`))
    await conforms("get", one, await app.as("u-orep", `${list}/${created.id}`))
    await conforms("patch", one, await app.as("u-oadmin", `${list}/${created.id}`, { method: "PATCH", body: JSON.stringify({ status: "paused" }) }))
    await conforms("patch", one, await app.as("u-oadmin", `${list}/${created.id}`, { method: "PATCH", body: JSON.stringify({ range: "fortnight" }) }))
    await conforms("delete", one, await app.as("u-orep", `${list}/${created.id}`, { method: "DELETE" }))
    await conforms("delete", one, await app.as("u-oadmin", `${list}/${created.id}`, { method: "DELETE" }))
  })

  it("exercised every operation of the document", () => {
    const all = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId))
    expect(all.filter((id) => !exercised.has(id))).toEqual([])
  })
})
