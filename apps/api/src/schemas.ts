/**
 * The JSON Schemas of what the routes read and answer: the handlers read their parameters and fields from
 * these (run parameters, the history filters, the configuration's fields, the sign-in body) and the OpenAPI
 * document publishes them; a test validates every route's real answers against that document.
 */
import { Locales, reportIds } from "@vcr/core"
import { formats } from "@vcr/engine"

/** JSON Schema constructors for the shapes every answer uses. */
export const text = (description: string) => ({ type: "string", description })
export const nullableText = (description: string) => ({ type: ["string", "null"], description })
export const count = (description: string) => ({ type: "integer", minimum: 0, description })
export const instant = (description: string) => ({ type: "string", format: "date-time", description })

/** The run parameters of SPEC §10 and what each means (the query and body of tiles and reports). */
export const runParameterSpecs = {
  from: { type: "string", format: "date", description: "First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later" },
  to: { type: "string", format: "date", description: "Last date, inclusive (default: today); not after today in the timezone" },
  timezone: { type: "string", description: "IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney)" },
  minimum_duration_minutes: { type: ["number", "string"], description: "Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0)" },
  clinic_id: { type: "string", description: "Narrow the run to one clinic of the organisation" },
  locale: {
    type: "string",
    description: "Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No " +
      "and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry"
  }
} as const

/** The filters of `GET /history`. */
export const historyQuery = {
  organisation_id: "Only entries of this organisation",
  clinic_id: "Only entries of this clinic"
} as const

/** The error body of every 4xx and 5xx. */
export const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: text("Stable machine-readable code, such as invalid_parameter"),
        message: text("What went wrong, for people"),
        field: nullableText("The parameter or field at fault, if any")
      },
      required: ["code", "message", "field"],
      additionalProperties: false
    }
  },
  required: ["error"],
  additionalProperties: false
}

export const healthSchema = { type: "object", properties: { status: { type: "string", const: "ok" } }, required: ["status"], additionalProperties: false }
export const readySchema = {
  type: "object",
  properties: { status: { type: "string", enum: ["ready", "database unreachable"] } },
  required: ["status"],
  additionalProperties: false
}

const named = {
  type: "object",
  properties: { id: text("Id"), name: nullableText("Name; blank if the directory has none") },
  required: ["id", "name"],
  additionalProperties: false
}

/** `GET /me`. */
export const meSchema = {
  type: "object",
  properties: {
    user: {
      type: "object",
      properties: { id: text("User id"), name: nullableText("Display name"), email: nullableText("Email address") },
      required: ["id", "name", "email"],
      additionalProperties: false
    },
    organisations: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: text("Organisation id"),
          name: nullableText("Organisation name"),
          roles: { type: "array", items: { type: "string" }, description: "Roles held: organisation roles by name, clinic roles as role:clinic_id" },
          organisation_reports: { type: "boolean", description: "May run organisation-level reports" },
          edit_configuration: { type: "boolean", description: "May read and replace the reporting configuration" },
          default_timezone: text("The organisation's default timezone"),
          default_minimum_duration_minutes: { type: "number", minimum: 0, description: "The organisation's default minimum duration" },
          clinics: { type: "array", items: named, description: "Clinics the caller may report on, by name" }
        },
        required: ["id", "name", "roles", "organisation_reports", "edit_configuration", "default_timezone", "default_minimum_duration_minutes", "clinics"],
        additionalProperties: false
      }
    }
  },
  required: ["user", "organisations"],
  additionalProperties: false
}

/** The run parameters as every output shows them (R70). */
export const parametersSchema = {
  type: "object",
  properties: {
    organisation_ids: { type: "array", items: { type: "string" } },
    clinic_id: nullableText("The clinic of a clinic-level run"),
    from: { type: "string", format: "date" },
    to: { type: "string", format: "date" },
    timezone: text("IANA time zone"),
    minimum_duration_minutes: { type: "number", minimum: 0 },
    range_start: instant("Start of the range: local midnight of `from`"),
    range_end: instant("End of the range: local midnight after `to`"),
    range_kind: { type: "string", enum: ["short", "long"] }
  },
  required: ["organisation_ids", "clinic_id", "from", "to", "timezone", "minimum_duration_minutes", "range_start", "range_end", "range_kind"],
  additionalProperties: false
}

/** `GET /organisations/{org}/tiles` (SPEC §7). */
export const summarySchema = {
  type: "object",
  properties: {
    parameters: { $ref: "#/components/schemas/RunParameters" },
    generated_at: instant("When the tiles were computed"),
    tiles: {
      type: "array",
      items: {
        type: "object",
        properties: {
          report: { type: "string", enum: [...reportIds] },
          category: { type: "string", enum: ["entities", "roles", "activities"] },
          title: text("The report's title"),
          figures: { type: "object", additionalProperties: { type: ["number", "null"] }, description: "The tile's figures by key; null when there is nothing to average" }
        },
        required: ["report", "category", "title", "figures"],
        additionalProperties: false
      }
    }
  },
  required: ["parameters", "generated_at", "tiles"],
  additionalProperties: false
}

/** A history entry (SPEC §9). */
export const entrySchema = {
  type: "object",
  properties: {
    id: text("Entry id"),
    report: { type: "string", enum: [...reportIds] },
    title: text("The report's title"),
    organisation_id: text("Organisation id"),
    clinic_id: nullableText("The clinic of a clinic-level run"),
    parameters: { $ref: "#/components/schemas/RunParameters" },
    format: { type: "string", enum: [...formats] },
    delivery: { type: "string", enum: ["download", "email"] },
    status: { type: "string", enum: ["queued", "generating", "ready", "failed", "expired"] },
    size: { type: ["integer", "null"], minimum: 0, description: "File size in bytes, once generated" },
    error: nullableText("Why generating or emailing failed"),
    requested_at: instant("When it was requested"),
    expires_at: instant("When the entry and its file expire (24 hours)"),
    file_url: text("Where to download the file"),
    locale: { type: "string", enum: [...Locales.all], description: "The locale of the request: the file, its title here and its email are in it" }
  },
  required: ["id", "report", "title", "organisation_id", "clinic_id", "parameters", "format", "delivery", "status", "size", "error", "requested_at", "expires_at", "file_url", "locale"],
  additionalProperties: false
}

export const historyListSchema = {
  type: "object",
  properties: { entries: { type: "array", items: { $ref: "#/components/schemas/HistoryEntry" } } },
  required: ["entries"],
  additionalProperties: false
}

const configurationFields = {
  tags: {
    type: "array",
    description: "Reporting tags: each becomes a `tag:<key>` column, headed by its label",
    items: {
      type: "object",
      properties: { key: text("Tag key"), label: nullableText("Column header") },
      required: ["key"],
      additionalProperties: false
    }
  },
  bandwidth_columns: { type: "boolean", description: "Show the six bandwidth columns in the Room Calls and Consultations reports" },
  default_timezone: nullableText("Default timezone of runs"),
  default_minimum_duration_minutes: { type: ["number", "null"], minimum: 0, description: "Default minimum consultation duration in minutes" }
}

/** The body of `PUT /organisations/{org}/reporting-configuration`: the whole configuration, every field, nothing else. */
export const configurationInputSchema = {
  type: "object",
  properties: { ...configurationFields, tags: { ...configurationFields.tags, type: ["array", "null"] } },
  required: ["tags", "bandwidth_columns", "default_timezone", "default_minimum_duration_minutes"],
  additionalProperties: false
}

/** The reporting configuration as the API answers it. */
export const configurationSchema = {
  type: "object",
  properties: {
    organisation_id: text("Organisation id"),
    ...configurationFields
  },
  required: ["organisation_id", "tags", "bandwidth_columns", "default_timezone", "default_minimum_duration_minutes"],
  additionalProperties: false
}

/** What one push of events stored. */
export const ingestSummarySchema = {
  type: "object",
  description: "What one push stored: the same counts as `vcr import` of the body as one file",
  properties: {
    lines: count("Lines read, blank lines included"),
    records: count("Non-blank lines, each one record"),
    events: {
      type: "object",
      properties: { inserted: count("New events stored"), duplicates: count("Events already stored with the same content, ignored") },
      required: ["inserted", "duplicates"],
      additionalProperties: false
    },
    directory: count("Directory records upserted (organisations, clinics, users, roles, rooms, reporting configurations)"),
    logins: count("Login records read"),
    components: count("Components (linked sessions, room calls) whose facts were recomputed"),
    bytes: count("Size of the body")
  },
  required: ["lines", "records", "events", "directory", "logins", "components", "bytes"],
  additionalProperties: false
}
