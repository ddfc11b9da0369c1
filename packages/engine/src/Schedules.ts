/**
 * Scheduled deliveries (SPEC §11.4, R78, R79): the owner's use cases (create, list, get, update, delete; anyone
 * else's schedule is NotFound, as if missing) and the worker's firing of due occurrences. A worker claims a due
 * schedule with a lease, checks the owner's rights at that moment (core Permissions; a schedule whose owner lost
 * the right is paused with the reason and nothing is generated), computes the run's range from the occurrence's
 * local date and records, in one transaction, the occurrence, the ones skipped after downtime and a queued history
 * entry: the job the worker's queue then generates and emails exactly as any emailed report (one entry, at most one
 * email). Time comes from the Clock.
 */
import {
  Generation, Instant, InvalidParameter, Locales, NotFound, Parameters, Permissions, reportIds, Schedule, type Actor, type RunInput
} from "@vcr/core"
import type { ScheduleRow, SchedulePatch } from "@vcr/store"
import { Cause, Clock, Effect, Exit, Option } from "effect"
import { randomBytes } from "node:crypto"
import { actorOf } from "./Access.ts"
import { QuotaExceeded } from "./errors.ts"
import { decodeFormat } from "./formats.ts"
import { historyLifetimeMs, newEntry } from "./History.ts"
import { Quotas } from "./Quotas.ts"
import * as Report from "./Report.ts"
import { call } from "./Store.ts"

/** A schedule's fields as an edge receives them (API body, CLI options); validated here. */
export interface ScheduleInput {
  readonly report: string
  readonly organisation_id: string
  readonly clinic_id?: string | null | undefined
  readonly format: string
  readonly timezone: string
  readonly minimum_duration_minutes?: string | number | null | undefined
  readonly locale?: string | null | undefined
  readonly range: string
  readonly recurrence: string
}

/** What PATCH may change: any input field, and `status` (pause or resume). */
export type ScheduleChange = Partial<ScheduleInput> & { readonly status?: string | undefined }

/** A schedule as the API and the CLI show it (SPEC §11.4). */
export interface ScheduleView {
  readonly id: string
  readonly report: string
  readonly organisation_id: string
  readonly clinic_id: string | null
  readonly format: string
  readonly timezone: string
  readonly minimum_duration_minutes: number | null
  readonly locale: string
  readonly range: string
  readonly recurrence: string
  readonly status: "active" | "paused"
  readonly paused_reason: string | null
  /** Why, as a stable code for programs and translations (`paused_by_owner`, `access_lost`, `cannot_generate`); null when active. */
  readonly paused_reason_code: PausedReasonCode | null
  /** The next five occurrences after now, R69 text in the schedule's zone; none while paused. */
  readonly next_occurrences: ReadonlyArray<string>
  readonly last_run: { readonly entry_id: string | null; readonly status: string; readonly late: boolean; readonly skipped: number } | null
}

/** The reason a schedule is paused when its owner may no longer run its scope. */
export const accessLostReason = "paused: you no longer have access to this schedule's organisation or clinic; nothing was generated"
/** The reason shown for a schedule its owner paused. */
export const pausedByOwner = "paused by its owner"

/** How the reason of a schedule whose report no longer passes its own validation starts (the error's message follows). */
export const cannotGeneratePrefix = "paused: the report could not be generated: "

/** The stable codes of the reasons a schedule is paused (the reason's text is English and may change). */
export type PausedReasonCode = "paused_by_owner" | "access_lost" | "cannot_generate"

/** The code of a paused schedule's reason; null when active. */
export const pausedReasonCode = (row: Pick<ScheduleRow, "status" | "paused_reason">): PausedReasonCode | null => {
  if (row.status !== "paused") return null
  if (row.paused_reason === accessLostReason) return "access_lost"
  return row.paused_reason?.startsWith(cannotGeneratePrefix) === true ? "cannot_generate" : "paused_by_owner"
}

const invalid = (field: string, code: string, message: string) => new InvalidParameter({ field, code, message })
const orFail = <A>(value: A | InvalidParameter): Effect.Effect<A, InvalidParameter> =>
  value instanceof InvalidParameter ? Effect.fail(value) : Effect.succeed(value)

/** The canonical values of a schedule's fields; every rule is core's (or the engine's format rule). */
const decodeFields = Effect.fnUntraced(function* (input: ScheduleInput) {
  if (!Generation.isReportId(input.report)) {
    return yield* invalid("report", "unknown_report", `report must be one of ${reportIds.join(", ")} (got "${input.report}")`)
  }
  if (input.organisation_id.trim() === "") return yield* invalid("organisation_id", "missing_field", "organisation_id must name an organisation")
  const clinicId = input.clinic_id === undefined || input.clinic_id === null || input.clinic_id === "" ? null : input.clinic_id
  const format = yield* orFail(decodeFormat(input.format))
  const timezone = yield* orFail(Parameters.resolveTimezone(input.timezone))
  const minimum = input.minimum_duration_minutes === undefined || input.minimum_duration_minutes === null
    ? null
    : (yield* orFail(Parameters.parseMinimum(input.minimum_duration_minutes))).minutes
  const locale = yield* orFail(Locales.decode(input.locale))
  const range = yield* orFail(Schedule.parseRangeRule(input.range))
  const recurrence = yield* orFail(Schedule.parseRecurrence(input.recurrence))
  if (!Schedule.firesAtMostHourly(recurrence)) {
    return yield* invalid(
      "recurrence", "recurrence_too_frequent",
      `recurrence may fire at most once an hour: a cron expression's minute field must name one minute (got "${recurrence.text}")`
    )
  }
  return {
    report: input.report, organisation_id: input.organisation_id, clinic_id: clinicId, format, timezone, minimum_duration_minutes: minimum, locale,
    range: range.text, recurrence: recurrence.text
  }
})

/** The scope must exist and the actor may run it now; anything else is NotFound, as if missing (R29). */
const checkScope = Effect.fnUntraced(function* (actor: Actor, organisationId: string, clinicId: string | null) {
  const org = yield* call("organisation", (s) => s.organisation(organisationId))
  if (org === undefined) return yield* notFound("organisation", organisationId)
  const clinic = clinicId === null ? null : yield* call("clinic", (s) => s.clinic(clinicId))
  if (clinic === undefined || (clinic !== null && clinic.organisation_id !== organisationId)) return yield* notFound("clinic", clinicId!)
  if (!Permissions.canRun(actor, organisationId, clinic)) {
    return yield* clinicId === null ? notFound("organisation", organisationId) : notFound("clinic", clinicId)
  }
})

const notFound = (kind: string, id: string) => new NotFound({ kind, id, message: `${kind} "${id}" not found` })

const recurrenceOf = (row: Pick<ScheduleRow, "recurrence">) => {
  const r = Schedule.parseRecurrence(row.recurrence)
  if (r instanceof InvalidParameter) throw r // stored values are canonical: this cannot happen
  return r
}

/** The first occurrence after `after`, or null when the recurrence never fires again. */
const nextAfter = (row: Pick<ScheduleRow, "recurrence" | "timezone">, after: number): number | null =>
  Schedule.nextOccurrences(recurrenceOf(row), row.timezone, after, 1)[0] ?? null

/** A schedule as shown, at the Clock's now. */
export const view = Effect.fnUntraced(function* (row: ScheduleRow) {
  const now = yield* Clock.currentTimeMillis
  const zone = new Instant.ZoneClock(row.timezone)
  const last = yield* call("last run", (s) => s.schedules.lastRun(row.id))
  const next = row.status === "active" ? Schedule.nextOccurrences(recurrenceOf(row), row.timezone, now, 5) : []
  const entryStatus = last === undefined ? undefined
    : last.entryStatus === undefined || last.occurrence.recorded_at + historyLifetimeMs <= now ? "expired" : last.entryStatus
  const shown: ScheduleView = {
    id: row.id, report: row.report, organisation_id: row.organisation_id, clinic_id: row.clinic_id, format: row.format, timezone: row.timezone,
    minimum_duration_minutes: row.minimum_duration_minutes, locale: row.locale, range: row.range, recurrence: row.recurrence, status: row.status,
    paused_reason: row.paused_reason, paused_reason_code: pausedReasonCode(row), next_occurrences: next.map((t) => zone.format(t)),
    last_run: last === undefined ? null : { entry_id: last.occurrence.entry_id, status: entryStatus!, late: last.occurrence.status === "late", skipped: last.skipped }
  }
  return shown
})

const audit = (row: Pick<ScheduleRow, "user_id" | "organisation_id" | "clinic_id" | "report" | "id">, action: string, outcome: string, at: number, detail: object = {}) =>
  call("audit", (s) => s.access.audit({
    at, user_id: row.user_id, action, outcome, organisation_id: row.organisation_id, clinic_id: row.clinic_id, report: row.report,
    detail: JSON.stringify({ schedule: row.id, ...detail })
  }))

/** Creates a schedule for the actor: validated (InvalidParameter naming the field), its scope allowed (else NotFound); nothing written otherwise. */
export const create = Effect.fnUntraced(function* (actor: Actor, input: ScheduleInput) {
  const fields = yield* decodeFields(input)
  yield* checkScope(actor, fields.organisation_id, fields.clinic_id)
  const limit = (yield* Quotas).schedules
  const owned = (yield* list(actor)).length
  if (owned >= limit) {
    return yield* new QuotaExceeded({
      quota: "schedules", limit,
      message: `you already have ${owned} schedules (at most ${limit}); delete one before creating another`
    })
  }
  const now = yield* Clock.currentTimeMillis
  const row: ScheduleRow = {
    id: randomBytes(12).toString("base64url"), user_id: actor.userId, ...fields, status: "active", paused_reason: null,
    created_at: now, updated_at: now, last_occurrence: now, next_due: nextAfter(fields, now)
  }
  yield* call("add schedule", (s) => s.schedules.add(row))
  yield* audit(row, "schedule_created", "ok", now, { recurrence: row.recurrence, range: row.range })
  return row
})

/** The actor's own schedule; NotFound for anyone else's or a missing one. */
export const own = Effect.fnUntraced(function* (actor: Actor, id: string) {
  const row = yield* call("schedule", (s) => s.schedules.get(id))
  if (row === undefined || row.user_id !== actor.userId) return yield* notFound("schedule", id)
  return row
})

/** The actor's schedules, oldest first. */
export const list = (actor: Actor) => call("schedules", (s) => s.schedules.of(actor.userId))

/**
 * Changes the actor's own schedule: the given fields are validated as at creation (the scope checked again unless
 * the change only pauses); `status` pauses (`paused`) or resumes (`active`). A new recurrence, timezone or a resume
 * counts occurrences from now on, so nothing missed before is run.
 */
export const update = Effect.fnUntraced(function* (actor: Actor, id: string, change: ScheduleChange) {
  const row = yield* own(actor, id)
  const { status, ...fields } = change
  if (status !== undefined && status !== "active" && status !== "paused") {
    return yield* invalid("status", "invalid_status", `status must be active or paused (got "${status}")`)
  }
  const merged = yield* decodeFields({ ...row, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as ScheduleInput)
  const onlyPausing = Object.keys(fields).length === 0 && status === "paused"
  if (!onlyPausing) yield* checkScope(actor, merged.organisation_id, merged.clinic_id)
  const now = yield* Clock.currentTimeMillis
  const resumed = status === "active" && row.status === "paused"
  const restart = resumed || merged.recurrence !== row.recurrence || merged.timezone !== row.timezone
  const last = restart ? Math.max(row.last_occurrence, now) : row.last_occurrence
  const patch: SchedulePatch = {
    ...merged, updated_at: now, last_occurrence: last, next_due: nextAfter(merged, last),
    ...(status === undefined ? {} : { status, paused_reason: status === "paused" ? (row.status === "paused" ? row.paused_reason : pausedByOwner) : null })
  }
  if (!(yield* call("update schedule", (s) => s.schedules.update(id, actor.userId, patch)))) return yield* notFound("schedule", id)
  yield* audit(row, "schedule_updated", "ok", now, { fields: Object.keys(change) })
  return { ...row, ...patch } as ScheduleRow
})

/** Deletes the actor's own schedule (its history entries stay); NotFound for anyone else's. */
export const remove = Effect.fnUntraced(function* (actor: Actor, id: string) {
  const row = yield* own(actor, id)
  if (!(yield* call("delete schedule", (s) => s.schedules.remove(id, actor.userId)))) return yield* notFound("schedule", id)
  yield* audit(row, "schedule_deleted", "ok", yield* Clock.currentTimeMillis)
})

/** What the firing needs of a worker. */
export interface Firing {
  readonly id: string
  readonly leaseMs: number
  readonly log: (record: Record<string, unknown>) => void
}

/** The run of an occurrence (R79): the range from its local date, the schedule's scope, zone, minimum. */
const runOf = (row: ScheduleRow, actor: Actor, occurrence: number): RunInput => {
  const rule = Schedule.parseRangeRule(row.range)
  if (rule instanceof InvalidParameter) throw rule // stored values are canonical
  const { from, to } = Schedule.rangeFor(rule, Schedule.occurrenceDate(occurrence, row.timezone))
  const others = Permissions.reportableOrganisations(actor).filter((id) => id !== row.organisation_id)
  return {
    organisationIds: row.report === "organisations" && row.clinic_id === null ? [row.organisation_id, ...others] : [row.organisation_id],
    clinicId: row.clinic_id, from: from.toString(), to: to.toString(), timezone: row.timezone,
    minimumDurationMinutes: row.minimum_duration_minutes ?? undefined,
    locale: row.locale
  }
}

/**
 * Claims one due schedule and fires it: the latest due occurrence runs (late after downtime), the earlier ones are
 * recorded as skipped (R78), permissions are checked now. False when nothing was due.
 */
export const fireOne = Effect.fnUntraced(function* (worker: Firing) {
  const now = yield* Clock.currentTimeMillis
  const row = yield* call("claim schedule", (s) => s.schedules.claimDue(worker.id, now, worker.leaseMs))
  if (row === undefined) return false
  const stamp = new Date(now).toISOString()
  const plan = Schedule.planCatchUp({ recurrence: recurrenceOf(row), zone: row.timezone, lastOccurrence: row.last_occurrence, now })
  if (plan.run === null) {
    yield* call("record", (s) => s.schedules.record(row.id, worker.id, { skipped: [], run: null, lastOccurrence: row.last_occurrence, nextDue: nextAfter(row, now), now }))
    return true
  }
  const occurrence = plan.run.occurrence
  const after = { lastOccurrence: occurrence, nextDue: nextAfter(row, occurrence), now }
  const pause = (reason: string) =>
    call("record", (s) => s.schedules.record(row.id, worker.id, { skipped: [...plan.skipped, occurrence], run: null, pause: reason, ...after }))
  const actor = yield* actorOf(row.user_id)
  const clinic = row.clinic_id === null ? null : yield* call("clinic", (s) => s.clinic(row.clinic_id!))
  if (actor === undefined || clinic === undefined || !Permissions.canRun(actor, row.organisation_id, clinic)) {
    yield* pause(accessLostReason)
    yield* audit(row, "schedule_paused", "denied", now, { reason: "access_lost" })
    worker.log({ at: stamp, job: "schedule", outcome: "paused", reason: "access_lost" })
    return true
  }
  const prepared = yield* Effect.exit(Report.prepare(row.report, runOf(row, actor, occurrence), actor.name ?? actor.userId))
  if (Exit.isFailure(prepared)) {
    // The run's own validation (the clinic gone, a rule no longer met) will not pass later: pause with the reason.
    const error = Cause.findErrorOption(prepared.cause).pipe(Option.filter((e) => e._tag === "InvalidParameter" || e._tag === "NotFound"))
    if (Option.isNone(error)) {
      yield* call("release", (s) => s.schedules.release(row.id, worker.id))
      return yield* Effect.failCause(prepared.cause)
    }
    yield* pause(`${cannotGeneratePrefix}${error.value.message}`)
    worker.log({ at: stamp, job: "schedule", outcome: "paused", reason: error.value._tag })
    return true
  }
  const entry = newEntry({
    userId: row.user_id, organisationId: row.organisation_id, report: prepared.value.context.report.id, format: row.format as "xlsx" | "csv" | "json",
    parameters: prepared.value.context.parameters, delivery: "email", now, locale: prepared.value.context.report.locale
  })
  const recorded = yield* call("record", (s) => s.schedules.record(row.id, worker.id, { skipped: plan.skipped, run: { ...plan.run!, entry }, ...after }))
  worker.log({ at: stamp, job: "schedule", outcome: recorded ? (plan.run.late ? "late" : "run") : "lease_lost", skipped: plan.skipped.length })
  if (recorded) {
    yield* audit(row, "email_requested", "ok", now, { entry: entry.id, via: "schedule", occurrence: new Date(occurrence).toISOString(), late: plan.run.late, skipped: plan.skipped.length })
  }
  return true
})
