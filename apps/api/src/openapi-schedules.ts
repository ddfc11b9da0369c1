/**
 * Scheduled deliveries (SPEC §11.4) in the API: the fields POST and PATCH read (the route reads its field list and
 * required fields from here), the answer's shape, and the OpenAPI paths and schemas the document publishes.
 */
import { Locales, reportIds } from "@vcr/core"
import { formats } from "@vcr/engine"
import { count, nullableText, text } from "./schemas.ts"

/** The fields POST and PATCH take (the fields of a schedule before `status`), with what each means. */
export const scheduleFields = {
  report: { type: "string", enum: [...reportIds], description: "The report id" },
  organisation_id: text("The organisation the report is for"),
  clinic_id: { type: ["string", "null"], description: "Narrow the report to one clinic of the organisation (optional)" },
  format: { type: "string", enum: [...formats], description: "File format of each occurrence's report" },
  timezone: text("IANA time zone of the recurrence and of each run (any letter case)"),
  minimum_duration_minutes: {
    type: ["number", "string", "null"],
    description: "Minimum consultation duration in minutes, 0 to 1440 (optional; null or absent: the organisation's configured minimum at each run)"
  },
  locale: { type: ["string", "null"], description: `Locale of the emails and report text, ${Locales.all.join(" or ")} in any letter case (optional, default en)` },
  range: text("The range each run covers, from the occurrence's local date (R79): previous_day, previous_week, previous_month, month_to_date or last_n_days:N (1 to 366)"),
  recurrence: text("When it runs, in the schedule's timezone (R78): daily HH:MM, weekly <Mon..Sun> HH:MM, monthly <1..28> HH:MM, or a 5-field cron expression")
} as const

/** The fields POST must send. */
export const requiredScheduleFields = ["report", "organisation_id", "format", "timezone", "range", "recurrence"] as const

/** PATCH also takes `status`: pause or resume. */
export const scheduleStatusField = {
  type: "string", enum: ["active", "paused"], description: "paused stops the schedule (its reason: paused by its owner); active resumes it from now on"
} as const

const instantText = (description: string) => ({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$", description })

/** A schedule as the API answers it (SPEC §11.4). */
export const scheduleSchema = {
  type: "object",
  properties: {
    id: text("Schedule id"),
    report: scheduleFields.report,
    organisation_id: scheduleFields.organisation_id,
    clinic_id: nullableText("The clinic of a clinic-level schedule, else null"),
    format: scheduleFields.format,
    timezone: text("IANA time zone, canonical spelling"),
    minimum_duration_minutes: { type: ["number", "null"], description: "The minimum, or null for the organisation's configured minimum at each run" },
    locale: { type: "string", enum: [...Locales.all] },
    range: text("The range rule, canonical (previous_week, last_n_days:14)"),
    recurrence: text("The recurrence, canonical (weekly Mon 08:00, a cron expression)"),
    status: { type: "string", enum: ["active", "paused"] },
    paused_reason: nullableText("Why the schedule is paused (by its owner, or because the owner lost the right to its scope), in English, else null"),
    paused_reason_code: {
      type: ["string", "null"], enum: ["paused_by_owner", "access_lost", "cannot_generate", null],
      description: "Why the schedule is paused, as a stable code: paused_by_owner; access_lost (the owner lost the right to its scope); cannot_generate (the report no longer passes its own validation, paused_reason says why); null when active"
    },
    next_occurrences: {
      type: "array", maxItems: 5, items: instantText("An occurrence, in the schedule's timezone with its offset (R69)"),
      description: "The next five occurrences after now (R78); empty while paused"
    },
    last_run: {
      type: ["object", "null"],
      description: "The latest occurrence that ran, or null",
      properties: {
        entry_id: nullableText("The history entry it created"),
        status: { type: "string", enum: ["queued", "generating", "ready", "failed", "expired"], description: "That entry's status now" },
        late: { type: "boolean", description: "Run after downtime, later than its time" },
        skipped: count("Occurrences missed during downtime just before it, recorded as skipped (R78)")
      },
      required: ["entry_id", "status", "late", "skipped"],
      additionalProperties: false
    }
  },
  required: ["id", "report", "organisation_id", "clinic_id", "format", "timezone", "minimum_duration_minutes", "locale", "range", "recurrence", "status", "paused_reason", "paused_reason_code", "next_occurrences", "last_run"],
  additionalProperties: false
}

export const scheduleListSchema = {
  type: "object",
  properties: { schedules: { type: "array", items: { $ref: "#/components/schemas/Schedule" } } },
  required: ["schedules"],
  additionalProperties: false
}

/** The schemas the document adds under components. */
export const scheduleSchemas = {
  Schedule: scheduleSchema,
  ScheduleList: scheduleListSchema,
  ScheduleInput: { type: "object", additionalProperties: false, properties: scheduleFields, required: [...requiredScheduleFields] },
  ScheduleChange: { type: "object", additionalProperties: false, properties: { ...scheduleFields, status: scheduleStatusField } }
}

/** The document's paths for schedules, given its helpers for JSON content and error answers. */
export const schedulePaths = (json: (schema: object) => object, errors: (...codes: Array<number>) => object) => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const id = { name: "schedule", in: "path", required: true, description: "Schedule id", schema: { type: "string" } }
  const one = { description: "the schedule", content: json(ref("Schedule")) }
  return {
    "/api/v1/schedules": {
      get: { operationId: "listSchedules", summary: "The caller's own schedules, oldest first", responses: { 200: { description: "schedules", content: json(ref("ScheduleList")) }, ...errors(401) } },
      post: {
        operationId: "createSchedule",
        summary: "Schedule a report for yourself: generated at each occurrence and emailed to you as a link (SPEC §11.4)",
        description: "Needs the right to run the report's scope now and at every occurrence; a schedule whose owner loses it is paused with the reason.",
        requestBody: { required: true, content: json(ref("ScheduleInput")) },
        responses: { 201: one, ...errors(400, 401, 403, 404, 413, 415, 429) }
      }
    },
    "/api/v1/schedules/{schedule}": {
      get: { operationId: "getSchedule", summary: "One of the caller's schedules (anyone else's answers 404)", parameters: [id], responses: { 200: one, ...errors(401, 404) } },
      patch: {
        operationId: "updateSchedule",
        summary: "Change fields of your schedule, pause it or resume it",
        parameters: [id],
        requestBody: { required: true, content: json(ref("ScheduleChange")) },
        responses: { 200: one, ...errors(400, 401, 403, 404, 413, 415) }
      },
      delete: { operationId: "deleteSchedule", summary: "Delete your schedule (its history entries stay)", parameters: [id], responses: { 204: { description: "deleted" }, ...errors(401, 403, 404) } }
    }
  }
}
