/**
 * The OpenAPI document, generated from the definitions the routes use: the run parameters and the request
 * bodies the handlers read (`schemas.ts`), the report ids, and each report's typed definition in core (row keys
 * and kinds, bandwidth and tag columns: `openapi-reports.ts`). `servers` is VCR_PUBLIC_URL. Nothing in it is
 * written twice by hand.
 */
import { reportIds } from "@vcr/core"
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
  summarySchema
} from "./schemas.ts"
import { signInLinkAcceptedSchema, signInLinkRequestSchema, signInRequestSchema, signInResultSchema } from "./schemas-sign-in.ts"
import { trendsQuery, trendsSchema } from "./schemas-trends.ts"
import { ref, reportDocumentRefs, reportPreviewRefs, reportSchemas } from "./openapi-reports.ts"
import { schedulePaths, scheduleSchemas } from "./openapi-schedules.ts"

export { runParameterSpecs } from "./schemas.ts"

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
    [bare(mediaType.json)]: { schema: { oneOf: reportDocumentRefs() } }
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
      SignInLinkRequest: signInLinkRequestSchema,
      SignInLinkAccepted: signInLinkAcceptedSchema,
      Me: meSchema,
      RunParameters: parametersSchema,
      Summary: summarySchema,
      Trends: trendsSchema,
      HistoryEntry: entrySchema,
      HistoryList: historyListSchema,
      ReportingConfiguration: configurationSchema,
      ReportingConfigurationInput: configurationInputSchema,
      IngestSummary: ingestSummarySchema,
      ...scheduleSchemas,
      ...reportSchemas()
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
    "/api/v1/sign-in-links": {
      post: {
        operationId: "requestSignInLink",
        summary: "Email a one-time sign-in link to an account's address (SPEC §11.3)",
        description:
          "No credential needed. The answer is the same 202 whether or not the address belongs to an active account; an active account gets an email " +
          "with <base>/signin[?next=<percent-encoded path>]#token=<secret>, valid 15 minutes, once (base: VCR_PUBLIC_URL, else this server's address). " +
          "The page posts token and next to POST /auth/link, which answers the safe next to go to. Limited per address (3) and per client (10) per 15 minutes.",
        security: [],
        requestBody: { required: true, content: json(ref("SignInLinkRequest")) },
        responses: { 202: { description: "accepted (the same for every address)", content: json(ref("SignInLinkAccepted")) }, ...errors(400, 413, 415, 429) }
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
    "/api/v1/organisations/{org}/trends": {
      get: {
        operationId: "getTrends",
        summary: "Tile figures per day, week or month, with totals and the previous period (ranges up to 13 months)",
        parameters: [orgParam, ...query, ...Object.entries(trendsQuery).map(([name, schema]) => ({ name, in: "query", required: false, schema, description: schema.description }))],
        responses: { 200: { description: "trends document (SPEC §11.1)", content: json(ref("Trends")) }, ...errors(400, 401, 404) }
      }
    },
    "/api/v1/organisations/{org}/reports/{report}/preview": {
      get: {
        operationId: "previewReport",
        summary: "The first rows of a report (short range) and the total; nothing is recorded (SPEC §11.2)",
        description: "Same scope and role checks as a download. A long range is a 400 (code range_too_long_for_preview, field to); a limit outside 1–200 is a 400 (field limit).",
        parameters: [orgParam, reportParam, ...query, { name: "limit", in: "query", required: false, description: "Rows to return", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } }],
        responses: { 200: { description: "the JSON report's first rows and total_rows", content: json({ oneOf: reportPreviewRefs() }) }, ...errors(400, 401, 404) }
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
    ...schedulePaths(json, errors),
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
