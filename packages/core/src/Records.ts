/**
 * The input records of SPEC §4, decoded from NDJSON lines with Effect Schema under RULINGS R1–R13. A line
 * decodes to one typed record or a MalformedLine that names the line, the field and the rule.
 */
import { Schema, Result } from "effect"
import { malformed, type MalformedLine } from "./Errors.ts"
import * as Instant from "./Instant.ts"
import { resolveTimezone } from "./Parameters.ts"
import { InvalidParameter } from "./Errors.ts"

const Id = Schema.String.check(Schema.isMinLength(1, { message: "must be a non-empty string id" }))
const InstantText = Schema.String.check(
  Schema.makeFilter((s: string) => Instant.parse(s) !== undefined, {
    message: "must be an ISO 8601 instant with an offset, such as 2026-03-02T09:00:00+11:00"
  })
)
const Text = Schema.optional(Schema.NullOr(Schema.String))
const OptionalId = Schema.optional(Schema.NullOr(Schema.String))
const OptionalInstant = Schema.optional(Schema.NullOr(InstantText))
const Tags = Schema.optional(Schema.NullOr(Schema.Record(Schema.String, Schema.NullOr(Schema.String))))
const NonNegative = Schema.Number.check(Schema.makeFilter((n: number) => Number.isFinite(n) && n >= 0, { message: "must be a non-negative number" }))
const Bandwidth = Schema.Struct({
  min_sent_kbps: NonNegative,
  max_sent_kbps: NonNegative,
  avg_sent_kbps: NonNegative,
  min_received_kbps: NonNegative,
  max_received_kbps: NonNegative,
  avg_received_kbps: NonNegative
})

const OrganisationLine = Schema.Struct({
  id: Id, name: Text, state: Text, specialty: Text, contract: Text,
  created_at: InstantText, deleted_at: OptionalInstant
})
const ClinicLine = Schema.Struct({
  id: Id, organisation_id: Id, name: Text, subdomain: Text, status: Schema.Literals(["open", "closed"]),
  state: Text, specialty: Text, contract: Text, consultation_name: Text,
  created_at: InstantText, deleted_at: OptionalInstant, tags: Tags
})
const UserLine = Schema.Struct({ id: Id, name: Text, email: Text, created_at: InstantText, deactivated_at: OptionalInstant })
const OrganisationRoleLine = Schema.Struct({
  user_id: Id, organisation_id: Id,
  role: Schema.Literals(["organisation_admin", "organisation_coordinator", "organisation_reporter"]),
  granted_at: InstantText, revoked_at: OptionalInstant
})
const ClinicRoleLine = Schema.Struct({
  user_id: Id, clinic_id: Id,
  role: Schema.Literals(["clinic_admin", "clinic_clerk", "team_member", "service_referrer"]),
  granted_at: InstantText, revoked_at: OptionalInstant
})
const RoomLine = Schema.Struct({
  id: Id, clinic_id: Id, kind: Schema.Literals(["meeting", "group", "user"]), name: Text,
  owner_user_id: OptionalId, created_at: InstantText, deleted_at: OptionalInstant, tags: Tags
})
const ConfigurationLine = Schema.Struct({
  organisation_id: Id,
  tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.Struct({ key: Id, label: Text })))),
  bandwidth_columns: Schema.optional(Schema.NullOr(Schema.Boolean)),
  default_timezone: Text,
  default_minimum_duration_minutes: Schema.optional(Schema.NullOr(Schema.Number))
})
const LoginLine = Schema.Struct({ user_id: Id, at: InstantText })
const eventNames = ["waiting_area.entered", "participant.joined", "participant.left", "call.transferred"] as const
const optionalIdFields = [
  "session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id", "role", "user_id", "room_id", "room_call_id",
  "to_clinic_id", "to_segment_id", "to_queued_call_id"
] as const
const bandwidthFields = ["min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"] as const
const EventLine = Schema.Struct({
  id: Id,
  event: Schema.Literals(eventNames),
  at: InstantText,
  session_id: OptionalId, segment_id: OptionalId, queued_call_id: OptionalId, clinic_id: OptionalId,
  participant_id: OptionalId, role: OptionalId, user_id: OptionalId, room_id: OptionalId, room_call_id: OptionalId,
  to_clinic_id: OptionalId, to_segment_id: OptionalId, to_queued_call_id: OptionalId,
  bandwidth: Schema.optional(Schema.NullOr(Bandwidth))
})

/** Text that may be blank (R8). */
export type Text = string | null

export interface Organisation {
  readonly type: "organisation"; readonly id: string; readonly name: Text; readonly state: Text; readonly specialty: Text
  readonly contract: Text; readonly created_at: number; readonly deleted_at: number | null
}
export interface Clinic {
  readonly type: "clinic"; readonly id: string; readonly organisation_id: string; readonly name: Text; readonly subdomain: Text
  readonly status: "open" | "closed"; readonly state: Text; readonly specialty: Text; readonly contract: Text
  readonly consultation_name: Text; readonly created_at: number; readonly deleted_at: number | null
  readonly tags: Readonly<Record<string, string | null>>
}
export interface User {
  readonly type: "user"; readonly id: string; readonly name: Text; readonly email: Text
  readonly created_at: number; readonly deactivated_at: number | null
}
export type OrganisationRoleName = "organisation_admin" | "organisation_coordinator" | "organisation_reporter"
export type ClinicRoleName = "clinic_admin" | "clinic_clerk" | "team_member" | "service_referrer"
export type RoleName = OrganisationRoleName | ClinicRoleName
export interface OrganisationRole {
  readonly type: "organisation_role"; readonly user_id: string; readonly organisation_id: string
  readonly role: OrganisationRoleName; readonly granted_at: number; readonly revoked_at: number | null
}
export interface ClinicRole {
  readonly type: "clinic_role"; readonly user_id: string; readonly clinic_id: string
  readonly role: ClinicRoleName; readonly granted_at: number; readonly revoked_at: number | null
}
export interface Room {
  readonly type: "room"; readonly id: string; readonly clinic_id: string; readonly kind: "meeting" | "group" | "user"
  readonly name: Text; readonly owner_user_id: string | null; readonly created_at: number; readonly deleted_at: number | null
  readonly tags: Readonly<Record<string, string | null>>
}
export interface ConfigurationTag { readonly key: string; readonly label: string }
export interface ReportingConfiguration {
  readonly type: "reporting_configuration"; readonly organisation_id: string
  readonly tags: ReadonlyArray<ConfigurationTag>; readonly bandwidth_columns: boolean
  readonly default_timezone: string | null; readonly default_minimum_duration_minutes: number | null
}
export interface Login { readonly type: "login"; readonly user_id: string; readonly at: number }

/** The six bandwidth figures in kbps, in the column order of SPEC §6. */
export type Bandwidth = readonly [number, number, number, number, number, number]

export type EventName = "waiting_area.entered" | "participant.joined" | "participant.left" | "call.transferred"

/** A call event, normalised: instants as epoch ms, bandwidth rounded (R10). */
export interface CallEvent {
  readonly type: "event"
  readonly id: string
  readonly event: EventName
  readonly at: number
  readonly session_id: string | null
  readonly segment_id: string | null
  readonly queued_call_id: string | null
  readonly clinic_id: string | null
  readonly participant_id: string | null
  readonly role: "host" | "caller" | "guest" | null
  readonly user_id: string | null
  readonly room_id: string | null
  readonly room_call_id: string | null
  readonly to_clinic_id: string | null
  readonly to_segment_id: string | null
  readonly to_queued_call_id: string | null
  readonly bandwidth: Bandwidth | null
  /** Canonical JSON of the line (keys sorted, `at` as epoch ms): equal for "the same event" (R13). */
  readonly identity: string
}

export type DirectoryRecord = Organisation | Clinic | User | OrganisationRole | ClinicRole | Room | ReportingConfiguration | Login
export type InputRecord = DirectoryRecord | CallEvent

const recordTypes = ["organisation", "clinic", "user", "organisation_role", "clinic_role", "room", "reporting_configuration", "login", "event"] as const

/** Turns a Schema failure message into `field a.b: reason`. */
const describe = (message: string): string => {
  const lines = message.split("\n")
  const reason = (lines[0] ?? "invalid").trim()
  const at = lines.find((l) => l.trim().startsWith("at "))
  if (at === undefined) return reason
  const path = [...at.matchAll(/\["?([^"\]]*)"?\]/g)].map((m) => m[1]).join(".")
  const text = reason === "Missing key" ? "is required" : reason.replace(/^Expected /, "expected ")
  return `field "${path}" ${text.startsWith("expected") || text.startsWith("is ") ? text : text}`
}

const decodeWith = <S extends Schema.Top>(schema: S, value: unknown, line: number): S["Type"] | MalformedLine => {
  const result = Schema.decodeUnknownResult(schema as any)(value)
  if (Result.isFailure(result)) return malformed(line, describe(result.failure.message))
  return result.success as S["Type"]
}

/**
 * Whether a parsed event line certainly passes EventLine, checked field by field without the schema: the common
 * case of a large import. It accepts nothing the schema rejects (the same types and rules, unknown keys ignored
 * as the schema ignores them) and the schema's result would carry the same values; anything else goes through the
 * schema, so every failure is still the schema's, naming the same field and rule.
 */
/** Compile-time: the fast check covers every field of EventLine and of its bandwidth. */
const coversEventLine: [Exclude<keyof typeof EventLine.fields, "id" | "event" | "at" | "bandwidth" | (typeof optionalIdFields)[number]>] extends [never]
  ? [Exclude<keyof typeof Bandwidth.fields, (typeof bandwidthFields)[number]>] extends [never] ? true : never
  : never = true
void coversEventLine

const isEventLine = (value: object): value is typeof EventLine.Type => {
  const v = value as Record<string, unknown>
  if (typeof v.id !== "string" || v.id.length === 0) return false
  if (!(eventNames as ReadonlyArray<unknown>).includes(v.event)) return false
  if (typeof v.at !== "string" || Instant.parse(v.at) === undefined) return false
  for (const f of optionalIdFields) {
    const x = v[f]
    if (x !== undefined && x !== null && typeof x !== "string") return false
  }
  const b = v.bandwidth
  if (b === undefined || b === null) return true
  if (typeof b !== "object" || Array.isArray(b)) return false
  for (const f of bandwidthFields) {
    const n = (b as Record<string, unknown>)[f]
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return false
  }
  return true
}

const instant = (s: string): number => Instant.parse(s)!
const optInstant = (s: string | null | undefined): number | null => (s === null || s === undefined ? null : instant(s))
const text = (s: string | null | undefined): Text => (s === undefined ? null : s)

/** Whether a key is an array index, which JavaScript objects list first, in numeric order, whatever their insertion. */
const isIndexKey = (key: string): boolean => {
  const first = key.charCodeAt(0)
  return first >= 48 && first <= 57 && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295
}

/**
 * The keys of an object in the order `canonicalJson` prints them, each with its printed prefix (`{"key":` or
 * `,"key":`), by the keys' order as parsed: the lines of a file share a few shapes, so the sort and the quoting are
 * done once per shape rather than once per line. Bounded: hostile input of many shapes only empties it.
 */
type Shape = { readonly parsed: ReadonlyArray<string>; readonly keys: ReadonlyArray<string>; readonly prefixes: ReadonlyArray<string> }
const shapes = new Map<string, Shape>()
const SHAPES = 512

const sortedShape = (parsed: ReadonlyArray<string>): Shape => {
  let indices = 0
  while (indices < parsed.length && isIndexKey(parsed[indices]!)) indices++
  const keys = [...parsed.slice(0, indices), ...parsed.slice(indices).sort()]
  return { parsed, keys, prefixes: keys.map((key, i) => (i === 0 ? "{" : ",") + JSON.stringify(key) + ":") }
}

const shapeOf = (parsed: ReadonlyArray<string>): Shape => {
  const id = parsed.join("\u0000")
  const known = shapes.get(id)
  // The joined keys name the shape unless a key holds the separator itself: the keys are compared too.
  if (known !== undefined && known.parsed.length === parsed.length && known.parsed.every((k, i) => k === parsed[i])) return known
  const shape = sortedShape(parsed)
  if (known === undefined) {
    if (shapes.size >= SHAPES) shapes.clear()
    shapes.set(id, shape)
  }
  return shape
}

/**
 * A parsed JSON value printed with the keys of every object sorted, so that equal values print the same (R13):
 * `JSON.stringify` of the value rebuilt with sorted entries, printed directly. The stored identities are compared
 * on every import, so the text must not change: keys that are array indices still come first, in numeric order
 * (`Object.keys` lists them so, and an object rebuilt from sorted entries would print them so too). `at`, given,
 * replaces the top-level value of the key "at" (an event's instant as epoch ms).
 */
const canonicalJson = (value: unknown, at?: number): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = "["
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonicalJson(value[i])
    return out + "]"
  }
  const { keys, prefixes } = shapeOf(Object.keys(value))
  if (keys.length === 0) return "{}"
  let out = ""
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    out += prefixes[i]! + (at !== undefined && key === "at" ? JSON.stringify(at) : canonicalJson((value as Record<string, unknown>)[key]))
  }
  return out + "}"
}

const roundHalfUp = (n: number) => Math.floor(n + 0.5)

const checkEvent = (e: typeof EventLine.Type, line: number): string | undefined => {
  const need = (...fields: Array<keyof typeof e>) => {
    for (const f of fields) {
      const v = e[f]
      if (v === undefined || v === null) return `field "${String(f)}" is required for ${e.event}`
      if (typeof v === "string" && v === "") return `field "${String(f)}" must be a non-empty string id`
    }
    return undefined
  }
  const has = (v: string | null | undefined) => v !== undefined && v !== null
  switch (e.event) {
    case "waiting_area.entered":
      return need("session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id")
    case "call.transferred": {
      const missing = need("segment_id", "to_clinic_id", "to_segment_id", "to_queued_call_id")
      if (missing !== undefined) return missing
      return e.to_segment_id === e.segment_id ? `field "to_segment_id" must differ from "segment_id"` : undefined
    }
    case "participant.joined": {
      const missing = need("participant_id", "role")
      if (missing !== undefined) return missing
      const inSegment = has(e.segment_id)
      const inRoom = has(e.room_id) || has(e.room_call_id)
      if (inSegment && inRoom) return `participant.joined names either "segment_id" or "room_id" and "room_call_id", never both`
      if (!inSegment && !inRoom) return `participant.joined needs "segment_id", or "room_id" and "room_call_id"`
      if (inRoom) {
        const m = need("room_id", "room_call_id")
        if (m !== undefined) return m
        if (e.role !== "host" && e.role !== "guest") return `field "role" must be "host" or "guest" in a room call (got "${e.role}")`
      } else {
        const m = need("segment_id")
        if (m !== undefined) return m
        if (e.role !== "host" && e.role !== "caller") return `field "role" must be "host" or "caller" in a waiting-area segment (got "${e.role}")`
      }
      return e.role === "host" ? need("user_id") : undefined
    }
    case "participant.left": {
      const missing = need("participant_id")
      if (missing !== undefined) return missing
      if (has(e.segment_id) === has(e.room_call_id)) return `participant.left names exactly one of "segment_id" and "room_call_id"`
      return has(e.segment_id) ? need("segment_id") : need("room_call_id")
    }
  }
  void line
  return undefined
}

/** Decodes one NDJSON line (1-based `line`); `undefined` for a blank line (R2). */
export const decodeLine = (textLine: string, line: number): InputRecord | MalformedLine | undefined => {
  if (textLine.trim() === "") return undefined
  // PostgreSQL cannot store U+0000 in text: reject it on every store alike.
  if (textLine.includes("\u0000") || textLine.includes("\\u0000")) return malformed(line, "text must not contain the NUL character (U+0000)")
  let value: unknown
  try {
    value = JSON.parse(textLine)
  } catch {
    return malformed(line, "not valid JSON")
  }
  return decodeValue(value, line)
}

/** Decodes one parsed JSON value of line `line`. */
export const decodeValue = (value: unknown, line: number): InputRecord | MalformedLine => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return malformed(line, "not a JSON object")
  const type = (value as { type?: unknown }).type
  if (typeof type !== "string") return malformed(line, `field "type" is required and must be a string`)
  if (!(recordTypes as ReadonlyArray<string>).includes(type)) {
    return malformed(line, `field "type" must be one of ${recordTypes.join(", ")} (got "${type}")`)
  }
  switch (type as (typeof recordTypes)[number]) {
    case "organisation": {
      const r = decodeWith(OrganisationLine, value, line)
      if (r instanceof Error) return r
      return { type: "organisation", id: r.id, name: text(r.name), state: text(r.state), specialty: text(r.specialty), contract: text(r.contract), created_at: instant(r.created_at), deleted_at: optInstant(r.deleted_at) }
    }
    case "clinic": {
      const r = decodeWith(ClinicLine, value, line)
      if (r instanceof Error) return r
      return {
        type: "clinic", id: r.id, organisation_id: r.organisation_id, name: text(r.name), subdomain: text(r.subdomain), status: r.status,
        state: text(r.state), specialty: text(r.specialty), contract: text(r.contract), consultation_name: text(r.consultation_name),
        created_at: instant(r.created_at), deleted_at: optInstant(r.deleted_at), tags: r.tags ?? {}
      }
    }
    case "user": {
      const r = decodeWith(UserLine, value, line)
      if (r instanceof Error) return r
      return { type: "user", id: r.id, name: text(r.name), email: text(r.email), created_at: instant(r.created_at), deactivated_at: optInstant(r.deactivated_at) }
    }
    case "organisation_role": {
      const r = decodeWith(OrganisationRoleLine, value, line)
      if (r instanceof Error) return r
      return { type: "organisation_role", user_id: r.user_id, organisation_id: r.organisation_id, role: r.role, granted_at: instant(r.granted_at), revoked_at: optInstant(r.revoked_at) }
    }
    case "clinic_role": {
      const r = decodeWith(ClinicRoleLine, value, line)
      if (r instanceof Error) return r
      return { type: "clinic_role", user_id: r.user_id, clinic_id: r.clinic_id, role: r.role, granted_at: instant(r.granted_at), revoked_at: optInstant(r.revoked_at) }
    }
    case "room": {
      const r = decodeWith(RoomLine, value, line)
      if (r instanceof Error) return r
      if (r.kind === "user" && (r.owner_user_id === undefined || r.owner_user_id === null || r.owner_user_id === "")) {
        return malformed(line, `field "owner_user_id" is required for a room of kind "user"`)
      }
      return {
        type: "room", id: r.id, clinic_id: r.clinic_id, kind: r.kind, name: text(r.name),
        owner_user_id: r.owner_user_id === undefined || r.owner_user_id === "" ? null : r.owner_user_id,
        created_at: instant(r.created_at), deleted_at: optInstant(r.deleted_at), tags: r.tags ?? {}
      }
    }
    case "reporting_configuration": {
      const r = decodeWith(ConfigurationLine, value, line)
      if (r instanceof Error) return r
      const tags = (r.tags ?? []).map((t) => ({ key: t.key, label: t.label ?? t.key }))
      if (new Set(tags.map((t) => t.key)).size !== tags.length) return malformed(line, `field "tags" must have distinct keys`)
      let zone: string | null = null
      if (r.default_timezone !== undefined && r.default_timezone !== null) {
        const z = resolveTimezone(r.default_timezone, "default_timezone")
        if (z instanceof InvalidParameter) return malformed(line, `field "default_timezone" must be an IANA time zone name (got "${r.default_timezone}")`)
        zone = z
      }
      const min = r.default_minimum_duration_minutes ?? null
      if (min !== null && !(Number.isFinite(min) && min >= 0 && min <= 1440)) {
        return malformed(line, `field "default_minimum_duration_minutes" must be a number from 0 to 1440`)
      }
      return { type: "reporting_configuration", organisation_id: r.organisation_id, tags, bandwidth_columns: r.bandwidth_columns ?? true, default_timezone: zone, default_minimum_duration_minutes: min }
    }
    case "login": {
      const r = decodeWith(LoginLine, value, line)
      if (r instanceof Error) return r
      return { type: "login", user_id: r.user_id, at: instant(r.at) }
    }
    case "event": {
      const r = isEventLine(value) ? value : decodeWith(EventLine, value, line)
      if (r instanceof Error) return r
      const problem = checkEvent(r, line)
      if (problem !== undefined) return malformed(line, problem)
      const at = instant(r.at)
      const b = r.bandwidth
      const s = (v: string | null | undefined) => (v === undefined || v === null ? null : v)
      return {
        type: "event", id: r.id, event: r.event, at,
        session_id: s(r.session_id), segment_id: s(r.segment_id), queued_call_id: s(r.queued_call_id), clinic_id: s(r.clinic_id),
        participant_id: s(r.participant_id), role: s(r.role) as CallEvent["role"], user_id: s(r.user_id),
        room_id: s(r.room_id), room_call_id: s(r.room_call_id), to_clinic_id: s(r.to_clinic_id),
        to_segment_id: s(r.to_segment_id), to_queued_call_id: s(r.to_queued_call_id),
        bandwidth: b === undefined || b === null ? null : [
          roundHalfUp(b.min_sent_kbps), roundHalfUp(b.max_sent_kbps), roundHalfUp(b.avg_sent_kbps),
          roundHalfUp(b.min_received_kbps), roundHalfUp(b.max_received_kbps), roundHalfUp(b.avg_received_kbps)
        ],
        identity: canonicalJson(value, at)
      }
    }
  }
}
