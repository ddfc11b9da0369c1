/**
 * The OpenAPI document, generated from the same definitions the app and core use: the run parameters, the
 * report ids and each report's columns (keys, kinds, descriptions). Nothing in it is written by hand twice.
 */
import { Definitions, reportIds } from "@vcr/core"
import { formats } from "@vcr/engine"

/** The run parameters of SPEC §10 and what each means (also used to build the query/body schemas). */
export const runParameterSpecs = {
  from: { type: "string", format: "date", description: "First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later" },
  to: { type: "string", format: "date", description: "Last date, inclusive (default: today); not after today in the timezone" },
  timezone: { type: "string", description: "IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney)" },
  minimum_duration_minutes: { oneOf: [{ type: "number" }, { type: "string" }], description: "Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0)" },
  clinic_id: { type: "string", description: "Narrow the run to one clinic of the organisation" }
} as const

const errorSchema = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, field: { type: ["string", "null"] } }, required: ["code", "message", "field"] } }
}
const errors = (...codes: Array<number>) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ({ 400: "bad parameter", 401: "not signed in", 403: "missing CSRF token, or a credential that may not do this", 404: "not found (also anything outside your roles)", 409: "conflict (range too long, not ready)", 410: "expired", 413: "body too large", 415: "unsupported media type", 429: "too many requests (see Retry-After)" } as Record<number, string>)[c], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]))

const count = (description: string) => ({ type: "integer", minimum: 0, description })
const ingestSummarySchema = {
  type: "object",
  description: "What one push stored: the same counts as `vcr import` of the body as one file",
  properties: {
    lines: count("Lines read, blank lines included"),
    records: count("Non-blank lines, each one record"),
    events: { type: "object", properties: { inserted: count("New events stored"), duplicates: count("Events already stored with the same content, ignored") }, required: ["inserted", "duplicates"] },
    directory: count("Directory records upserted (organisations, clinics, users, roles, rooms, reporting configurations)"),
    logins: count("Login records read"),
    components: count("Components (linked sessions, room calls) whose facts were recomputed"),
    bytes: count("Size of the body")
  },
  required: ["lines", "records", "events", "directory", "logins", "components", "bytes"]
}

const query = Object.entries(runParameterSpecs).map(([name, schema]) => ({ name, in: "query", required: false, schema, description: schema.description }))
const orgParam = { name: "org", in: "path", required: true, schema: { type: "string" } }
const reportParam = { name: "report", in: "path", required: true, schema: { type: "string", enum: [...reportIds] } }
const body = {
  required: false,
  content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { ...runParameterSpecs, format: { type: "string", enum: [...formats], default: "xlsx" } } } } }
}

/** The OpenAPI 3.1 document of the API. */
export const openApiDocument = () => ({
  openapi: "3.1.0",
  info: { title: "vcr reports API", version: "1", description: "Organisation reports for a telehealth video-call platform. Every /api route needs a bearer token or the session cookie." },
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "A personal access token (vcr token create --user <id>)" },
      session: { type: "apiKey", in: "cookie", name: "vcr_session" },
      service: { type: "http", scheme: "bearer", description: "A service token with the ingest scope (vcr token create --service <name> --scope ingest); it may only post events" }
    },
    schemas: {
      Error: errorSchema,
      IngestSummary: ingestSummarySchema,
      ...Object.fromEntries(Definitions.all.map((d) => [`${d.id}-row`, {
        type: "object",
        description: `${d.title}: ${d.grain}. Bandwidth and tag columns follow when configured.`,
        properties: Object.fromEntries(d.columns.map((c) => [c.key, { description: `${c.header}: ${c.description}`, "x-vcr-kind": c.type, type: c.type === "boolean" ? ["boolean", "null"] : c.type === "integer" || c.type === "seconds" ? ["integer", "null"] : ["string", "null"] }]))
      }]))
    }
  },
  security: [{ bearer: [] }, { session: [] }],
  paths: {
    "/healthz": { get: { summary: "Liveness", security: [], responses: { 200: { description: "alive" } } } },
    "/readyz": { get: { summary: "Readiness (database reachable)", security: [], responses: { 200: { description: "ready" }, 503: { description: "database unreachable" } } } },
    "/api/v1/openapi.json": { get: { summary: "This document", responses: { 200: { description: "OpenAPI document" } } } },
    "/api/v1/me": { get: { summary: "The account, its organisations, clinics and roles", responses: { 200: { description: "the caller" }, ...errors(401) } } },
    "/api/v1/organisations/{org}/tiles": { get: { summary: "The six summary tiles (short ranges only)", parameters: [orgParam, ...query], responses: { 200: { description: "summary document (SPEC §7)" }, ...errors(400, 401, 404, 409) } } },
    "/api/v1/organisations/{org}/reports/{report}/downloads": { post: { summary: "Generate a report (short range) and stream the file; records a history entry", parameters: [orgParam, reportParam], requestBody: body, responses: { 200: { description: "the file (X-History-Entry header names its entry)" }, ...errors(400, 401, 403, 404, 409, 413, 429) } } },
    "/api/v1/organisations/{org}/reports/{report}/emails": { post: { summary: "Generate a report in the background and email a link", parameters: [orgParam, reportParam], requestBody: body, responses: { 202: { description: "the history entry" }, ...errors(400, 401, 403, 404, 413) } } },
    "/api/v1/history": { get: { summary: "The caller's own entries of the last 24 hours", parameters: [{ name: "organisation_id", in: "query", schema: { type: "string" } }, { name: "clinic_id", in: "query", schema: { type: "string" } }], responses: { 200: { description: "entries" }, ...errors(400, 401) } } },
    "/api/v1/history/{entry}": { get: { summary: "One history entry", parameters: [{ name: "entry", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { description: "entry" }, ...errors(401, 404, 410) } } },
    "/api/v1/history/{entry}/file": { get: { summary: "The entry's file", parameters: [{ name: "entry", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { description: "the file" }, ...errors(401, 404, 409, 410) } } },
    "/api/v1/events": {
      post: {
        summary: "Receive events and directory records pushed by a platform (SPEC §11.6), all or nothing like vcr import of one file",
        description: "The lines of SPEC §4 as NDJSON, up to 50 MB per request, streamed. Concurrent, out-of-order and repeated pushes store the same facts as one import of all their lines; reports and tiles include them as soon as the 200 is sent. Only a service token with the ingest scope may post; such a token gets 404 on every other route.",
        security: [{ service: [] }],
        requestBody: { required: true, content: { "application/x-ndjson": { schema: { type: "string", description: "One JSON object per line, each with a type (SPEC §4)" } } } },
        responses: {
          200: { description: "stored: the counts", content: { "application/json": { schema: { $ref: "#/components/schemas/IngestSummary" } } } },
          ...errors(400, 401, 403, 404, 413, 415, 429),
          409: { description: "an event id already used for a different event (nothing stored)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
        }
      }
    },
    "/api/v1/organisations/{org}/reporting-configuration": {
      get: { summary: "Tags, bandwidth columns, default timezone and minimum", parameters: [orgParam], responses: { 200: { description: "configuration" }, ...errors(401, 404) } },
      put: { summary: "Replace the reporting configuration", parameters: [orgParam], requestBody: { content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { tags: { type: "array", items: { type: "object", properties: { key: { type: "string" }, label: { type: "string" } }, required: ["key"] } }, bandwidth_columns: { type: "boolean" }, default_timezone: { type: ["string", "null"] }, default_minimum_duration_minutes: { type: ["number", "null"] } } } } } }, responses: { 200: { description: "configuration" }, ...errors(400, 401, 403, 404) } }
    }
  }
})
