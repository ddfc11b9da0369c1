/**
 * The schemas of `GET /organisations/{org}/trends` (SPEC §11.1, R75–R77, R81): its query beyond the run
 * parameters and its answer. The route reads the query from here; the OpenAPI document shows both.
 */
import { count, instant, nullableText, text } from "./schemas.ts"

/** The query parameters of `GET /organisations/{org}/trends` beyond the run parameters (SPEC §11.1, R75, R81). */
export const trendsQuery = {
  granularity: { type: "string", enum: ["day", "week", "month"], description: "Bucket size in the run's timezone (default: day up to 62 days, week up to 26 weeks, month beyond)" },
  by: { type: "string", enum: ["clinic"], description: "Add each clinic's buckets (those of a clinic-level run for that clinic)" }
} as const

const nullableFigure = (description: string) => ({ type: ["integer", "null"], minimum: 0, description })
const figuresSchema = {
  type: "object",
  description: "Figures of the Waiting Area Consultations and Room Calls tiles (R76); durations in whole seconds",
  properties: {
    consultations: count("Counted sessions that entered the waiting area in the bucket"),
    consultation_duration: count("Consultation time of those sessions' segments, seconds"),
    abandoned: count("Segments abandoned while waiting, of sessions that entered in the bucket"),
    transferred: count("Segments of counted sessions transferred out"),
    average_wait_duration: nullableFigure("Mean wait of the answered segments of counted sessions, seconds; null when none"),
    p90_wait_duration: nullableFigure("90th percentile (nearest rank) of those waits, seconds; null when none"),
    room_calls: count("Room calls meeting the minimum that started in the bucket"),
    room_call_duration: count("Their total duration, seconds")
  },
  required: ["consultations", "consultation_duration", "abandoned", "transferred", "average_wait_duration", "p90_wait_duration", "room_calls", "room_call_duration"],
  additionalProperties: false
}
const bucketsSchema = {
  type: "array",
  items: {
    type: "object",
    properties: {
      start: instant("Local midnight the bucket starts at (the range's start for the first)"),
      end: instant("Local midnight after the bucket (the range's end for the last)"),
      figures: figuresSchema
    },
    required: ["start", "end", "figures"],
    additionalProperties: false
  }
}

/** `GET /organisations/{org}/trends` (SPEC §11.1). */
export const trendsSchema = {
  type: "object",
  properties: {
    parameters: { $ref: "#/components/schemas/RunParameters" },
    generated_at: instant("When the trends were computed"),
    granularity: { type: "string", enum: ["day", "week", "month"] },
    buckets: bucketsSchema,
    totals: figuresSchema,
    previous: {
      type: "object",
      description: "The same number of local days ending the day before `from`, same scope, zone and minimum (R77)",
      properties: { from: { type: "string", format: "date" }, to: { type: "string", format: "date" }, totals: figuresSchema },
      required: ["from", "to", "totals"],
      additionalProperties: false
    },
    clinics: {
      type: "array",
      description: "With by=clinic: every clinic of the scope with its own buckets",
      items: {
        type: "object",
        properties: { clinic_id: text("Clinic id"), clinic_name: nullableText("Clinic name"), buckets: bucketsSchema },
        required: ["clinic_id", "clinic_name", "buckets"],
        additionalProperties: false
      }
    }
  },
  required: ["parameters", "generated_at", "granularity", "buckets", "totals", "previous"],
  additionalProperties: false
}
