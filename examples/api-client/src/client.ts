/**
 * A typed client of the vcr API: `npm run generate` writes `src/api.d.ts` from the server's OpenAPI document
 * (openapi-typescript), and every call below is checked against it at build time (openapi-fetch). It signs in
 * with a personal token, lists the caller's organisations, reads the tiles, downloads the Consultations report
 * as JSON and reads its history entry. Set VCR_URL and VCR_TOKEN (vcr token create --user <id>).
 */
import createClient from "openapi-fetch"
import type { components, paths } from "./api.js"

type ConsultationsRow = components["schemas"]["ConsultationsRow"]

const baseUrl = process.env.VCR_URL ?? "http://127.0.0.1:8080"
const token = process.env.VCR_TOKEN
if (token === undefined || token === "") throw new Error("set VCR_TOKEN to a personal token (vcr token create --user <id>)")

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } })

/** The body of a successful answer, or an Error naming the operation and the server's error. */
const ok = <T>(operation: string, result: { data?: T; error?: { error: { code: string; message: string } } | unknown; response: Response }): T => {
  if (result.data === undefined) throw new Error(`${operation} answered ${result.response.status}: ${JSON.stringify(result.error)}`)
  return result.data
}

const me = ok("getMe", await api.GET("/api/v1/me"))
const organisation = me.organisations[0]
if (organisation === undefined) throw new Error(`${me.user.id} reports on no organisation`)
console.log(`${me.user.name ?? me.user.id} reports on ${me.organisations.map((o) => o.name ?? o.id).join(", ")}`)

const range = { from: process.env.VCR_FROM ?? "2026-03-02", to: process.env.VCR_TO ?? "2026-03-02", timezone: organisation.default_timezone }
const summary = ok("getTiles", await api.GET("/api/v1/organisations/{org}/tiles", { params: { path: { org: organisation.id }, query: range } }))
for (const tile of summary.tiles) console.log(`${tile.title}: ${JSON.stringify(tile.figures)}`)

const download = await api.POST("/api/v1/organisations/{org}/reports/{report}/downloads", {
  params: { path: { org: organisation.id, report: "consultations" } },
  body: { ...range, format: "json" }
})
// The answer is the file in the requested format: the typed JSON document here (the CSV and XLSX are text).
const document = ok("downloadReport", download)
if (typeof document === "string" || document.report !== "consultations") throw new Error("expected the JSON document of the consultations report")
const rows: ReadonlyArray<ConsultationsRow> = document.rows
const answered = rows.filter((row) => row.answered_time !== null).length
console.log(`${document.title}: ${rows.length} rows, ${answered} answered, columns ${document.columns.map((c) => c.key).join(", ")}`)

const entryId = download.response.headers.get("X-History-Entry")
if (entryId === null) throw new Error("the download named no history entry")
const entry = ok("getHistoryEntry", await api.GET("/api/v1/history/{entry}", { params: { path: { entry: entryId } } }))
console.log(`history entry ${entry.id}: ${entry.title}, ${entry.format}, ${entry.status}, expires ${entry.expires_at}`)
