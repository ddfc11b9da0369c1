/**
 * The OpenAPI document, generated from the definitions the routes use: the run parameters and the request
 * bodies the handlers read (`schemas.ts`), the report ids, and each report's typed definition in core (row keys
 * and kinds, bandwidth and tag columns). `servers` is VCR_PUBLIC_URL. Nothing in it is written twice by hand.
 */
import { Definitions, Report, reportIds, type Column, type ReportId } from "@vcr/core"
import { formats, mediaType } from "@vcr/engine"
import {
  configurationInputSchema,
  configurationSchema,
  entrySchema,
  errorSchema,
  healthSchema,
  historyListSchema,
  historyQuery,
  ingestSummarySchema,
  meSchema,
  parametersSchema,
  readySchema,
  runParameterSpecs,
  signInRequestSchema,
  signInResultSchema,
  summarySchema
} from "./schemas.ts"

export { runParameterSpecs } from "./schemas.ts"

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object) => ({ "application/json": { schema } })

const errorText: Record<number, string> = {
  400: "bad parameter: the error names the field and the rule",
  401: "not signed in",
  403: "missing CSRF token, or a credential that may not do this",
  404: "not found (also anything outside your roles)",
  409: "conflict (range too long, not ready)",
  410: "expired",
  413: "body too large",
  415: "unsupported media type",
  429: "too many requests (see Retry-After)",
  503: "database unreachable"
}
const errors = (...codes: Array<number>) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: errorText[c]!, content: json(ref("Error")) }]))

/** Schema name of a report's row ("ConsultationsRow"). */
const rowName = (id: ReportId) => `${id.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}Row`

/** A cell of a column kind as JSON shows it (instants as ISO text with offset, R69); null when blank. */
const cellSchema = (kind: Column.ColumnKind, description: string): object => ({ ...cellType(kind, description), "x-vcr-kind": kind })

const cellType = (kind: Column.ColumnKind, description: string): object => {
  switch (kind) {
    case "string":
      return { type: ["string", "null"], description }
    case "integer":
      return { type: ["integer", "null"], description }
    case "seconds":
      return { type: ["integer", "null"], minimum: 0, description: `${description} (whole seconds)` }
    case "instant":
      return { type: ["string", "null"], format: "date-time", description }
    case "date":
      return { type: ["string", "null"], format: "date", description }
    case "boolean":
      return { type: ["boolean", "null"], description }
  }
}

/**
 * A report's row: every fixed column (always present, null when blank), the six bandwidth columns when the
 * report has them and the organisation shows them, one `tag:<key>` column per configured tag; nothing else.
 */
const rowSchema = (id: ReportId) => {
  const definition = Definitions.reports[id]
  const fixed = Definitions.byId(id)
  const bandwidth = definition.bandwidth
    ? Report.resolve(definition, { bandwidth: true, tags: [] }).columns.filter((c) => (Report.bandwidthKeys as ReadonlyArray<string>).includes(c.key))
    : []
  return {
    type: "object",
    description:
      `${fixed.title}: ${fixed.grain}.` +
      (definition.bandwidth ? " The bandwidth columns are present when the organisation's configuration shows them." : "") +
      (definition.tags ? " One `tag:<key>` column per tag of the organisation's configuration follows." : ""),
    properties: Object.fromEntries([
      ...fixed.columns.map((c) => [c.key, cellSchema(c.type, `${c.header}: ${c.description}`)]),
      ...bandwidth.map((c) => [c.key, cellSchema(c.type, `${c.header}: ${c.description}`)])
    ]),
    required: fixed.columns.map((c) => c.key),
    ...(definition.tags ? { patternProperties: { "^tag:": { type: ["string", "null"], description: "A reporting tag's value; blank if not set" } } } : {}),
    additionalProperties: false
  }
}

const columnKinds: ReadonlyArray<Column.ColumnKind> = ["string", "integer", "seconds", "instant", "date", "boolean"]

/** The JSON download of one report: what was run, its columns and its rows (R70). */
const documentSchema = (id: ReportId) => ({
  type: "object",
  properties: {
    report: { type: "string", const: id },
    title: { type: "string" },
    parameters: ref("RunParameters"),
    generated_at: { type: "string", format: "date-time" },
    columns: {
      type: "array",
      items: {
        type: "object",
        properties: { key: { type: "string" }, header: { type: "string" }, type: { type: "string", enum: [...columnKinds] }, description: { type: "string" } },
        required: ["key", "header", "type", "description"],
        additionalProperties: false
      }
    },
    rows: { type: "array", items: ref(rowName(id)) }
  },
  required: ["report", "title", "parameters", "generated_at", "columns", "rows"],
  additionalProperties: false
})

const documentName = (id: ReportId) => rowName(id).replace(/Row$/, "Document")

const path = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } })
const orgParam = path("org", "Organisation id")
const entryParam = path("entry", "History entry id")
const reportParam = { name: "report", in: "path", required: true, description: "Report id", schema: { type: "string", enum: [...reportIds] } }
const query = Object.entries(runParameterSpecs).map(([name, schema]) => ({ name, in: "query", required: false, schema, description: schema.description }))
const reportBody = {
  required: false,
  content: json({
    type: "object",
    additionalProperties: false,
    properties: { ...runParameterSpecs, format: { type: "string", enum: [...formats], default: "xlsx", description: "File format" } }
  })
}
/** A media type without its parameters ("text/csv" of "text/csv; charset=utf-8"). */
const bare = (type: string) => type.split(";")[0]!
const fileContent = (description: string) => ({
  description,
  content: {
    [bare(mediaType.xlsx)]: { schema: { type: "string", format: "binary" } },
    [bare(mediaType.csv)]: { schema: { type: "string" } },
    [bare(mediaType.json)]: { schema: { oneOf: reportIds.map((id) => ref(documentName(id))) } }
  }
})

/** The OpenAPI 3.1 document of the API; `publicUrl` (VCR_PUBLIC_URL) is its server, else the host serving it. */
export const openApiDocument = (options: { readonly publicUrl?: string | undefined } = {}) => ({
  openapi: "3.1.0",
  info: {
    title: "vcr reports API",
    version: "1",
    description:
      "Organisation reports for a telehealth video-call platform. Every /api/v1 route but this document needs a bearer token or the session cookie " +
      "(with the X-CSRF-Token header on changes); anything outside the caller's roles answers 404.",
    license: { name: "MIT", identifier: "MIT" }
  },
  servers: [{ url: options.publicUrl ?? "/", description: "This vcr server" }],
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "A personal access token (vcr token create --user <id>)" },
      session: { type: "apiKey", in: "cookie", name: "vcr_session", description: "The page's session cookie, set by POST /auth/link" },
      service: { type: "http", scheme: "bearer", description: "A service token with the ingest scope (vcr token create --service <name> --scope ingest); it may only post events" }
    },
    schemas: {
      Error: errorSchema,
      Health: healthSchema,
      Ready: readySchema,
      SignInRequest: signInRequestSchema,
      SignInResult: signInResultSchema,
      Me: meSchema,
      RunParameters: parametersSchema,
      Summary: summarySchema,
      HistoryEntry: entrySchema,
      HistoryList: historyListSchema,
      ReportingConfiguration: configurationSchema,
      ReportingConfigurationInput: configurationInputSchema,
      IngestSummary: ingestSummarySchema,
      ...Object.fromEntries(reportIds.map((id) => [rowName(id), rowSchema(id)])),
      ...Object.fromEntries(reportIds.map((id) => [documentName(id), documentSchema(id)]))
    }
  },
  security: [{ bearer: [] }, { session: [] }],
  paths: {
    "/healthz": {
      get: { operationId: "getHealth", summary: "Liveness", security: [], responses: { 200: { description: "alive", content: json(ref("Health")) }, ...errors(400) } }
    },
    "/readyz": {
      get: { operationId: "getReadiness", summary: "Readiness (database reachable)", security: [], responses: { 200: { description: "ready", content: json(ref("Ready")) }, ...errors(400), 503: { description: errorText[503]!, content: json(ref("Ready")) } } }
    },
    "/auth/link": {
      post: {
        operationId: "signIn",
        summary: "Exchange a one-time sign-in link's secret for the session and CSRF cookies",
        security: [],
        requestBody: { required: true, content: json(ref("SignInRequest")) },
        responses: { 200: { description: "signed in: Set-Cookie carries vcr_session and vcr_csrf", content: json(ref("SignInResult")) }, ...errors(400, 401, 415, 429) }
      }
    },
    "/api/v1/session": {
      delete: { operationId: "signOut", summary: "Sign out: the session is deleted and its cookies cleared", responses: { 204: { description: "signed out" }, ...errors(401, 403) } }
    },
    "/api/v1/openapi.json": {
      get: { operationId: "getOpenApi", summary: "This document (public: it holds no data)", security: [], responses: { 200: { description: "OpenAPI document", content: json({ type: "object" }) }, ...errors(400) } }
    },
    "/api/v1/me": {
      get: { operationId: "getMe", summary: "The account, its organisations, clinics and roles", responses: { 200: { description: "the caller", content: json(ref("Me")) }, ...errors(401) } }
    },
    "/api/v1/organisations/{org}/tiles": {
      get: {
        operationId: "getTiles",
        summary: "The six summary tiles (short ranges only)",
        parameters: [orgParam, ...query],
        responses: { 200: { description: "summary document (SPEC §7)", content: json(ref("Summary")) }, ...errors(400, 401, 404, 409) }
      }
    },
    "/api/v1/organisations/{org}/reports/{report}/downloads": {
      post: {
        operationId: "downloadReport",
        summary: "Generate a report (short range) and stream the file; records a history entry",
        parameters: [orgParam, reportParam],
        requestBody: reportBody,
        responses: { 200: fileContent("the file (the X-History-Entry header names its entry)"), ...errors(400, 401, 403, 404, 409, 413, 415, 429) }
      }
    },
    "/api/v1/organisations/{org}/reports/{report}/emails": {
      post: {
        operationId: "emailReport",
        summary: "Generate a report in the background and email a link",
        parameters: [orgParam, reportParam],
        requestBody: reportBody,
        responses: { 202: { description: "queued: the history entry", content: json(ref("HistoryEntry")) }, ...errors(400, 401, 403, 404, 413, 415) }
      }
    },
    "/api/v1/history": {
      get: {
        operationId: "listHistory",
        summary: "The caller's own entries of the last 24 hours",
        parameters: Object.entries(historyQuery).map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } })),
        responses: { 200: { description: "entries, newest first", content: json(ref("HistoryList")) }, ...errors(400, 401) }
      }
    },
    "/api/v1/history/{entry}": {
      get: { operationId: "getHistoryEntry", summary: "One history entry", parameters: [entryParam], responses: { 200: { description: "the entry", content: json(ref("HistoryEntry")) }, ...errors(401, 404, 410) } }
    },
    "/api/v1/history/{entry}/file": {
      get: { operationId: "getHistoryFile", summary: "The entry's file", parameters: [entryParam], responses: { 200: fileContent("the file"), ...errors(401, 404, 409, 410) } }
    },
    "/api/v1/events": {
      post: {
        operationId: "postEvents",
        summary: "Receive events and directory records pushed by a platform (SPEC §11.6), all or nothing like vcr import of one file",
        description:
          "The lines of SPEC §4 as NDJSON, up to 50 MB per request, streamed. Concurrent, out-of-order and repeated pushes store the same facts as one import of all their lines; reports and tiles include them as soon as the 200 is sent. Only a service token with the ingest scope may post; such a token gets 404 on every other route.",
        security: [{ service: [] }],
        requestBody: { required: true, content: { "application/x-ndjson": { schema: { type: "string", description: "One JSON object per line, each with a type (SPEC §4)" } } } },
        responses: {
          200: { description: "stored: the counts", content: json(ref("IngestSummary")) },
          ...errors(400, 401, 403, 404, 413, 415, 429),
          409: { description: "an event id already used for a different event (nothing stored)", content: json(ref("Error")) }
        }
      }
    },
    "/api/v1/organisations/{org}/reporting-configuration": {
      get: {
        operationId: "getReportingConfiguration",
        summary: "Tags, bandwidth columns, default timezone and minimum",
        parameters: [orgParam],
        responses: { 200: { description: "the configuration", content: json(ref("ReportingConfiguration")) }, ...errors(401, 404) }
      },
      put: {
        operationId: "putReportingConfiguration",
        summary: "Replace the reporting configuration",
        parameters: [orgParam],
        requestBody: { required: false, content: json(ref("ReportingConfigurationInput")) },
        responses: { 200: { description: "the configuration now", content: json(ref("ReportingConfiguration")) }, ...errors(400, 401, 403, 404, 413, 415) }
      }
    }
  }
})
