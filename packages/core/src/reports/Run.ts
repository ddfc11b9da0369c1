/**
 * A report run: the validated parameters, the scope (organisations, clinics) resolved under R29 and R31, the
 * directory of the scope, and the predicates every report shares (exists at the end, in range, counted).
 */
import { InvalidParameter, NotFound } from "../Errors.ts"
import { ZoneClock } from "../Instant.ts"
import { compareCodePoints } from "../Order.ts"
import * as Parameters from "../Parameters.ts"
import type { Clinic, ClinicRole, Organisation, OrganisationRole, ReportingConfiguration, Room, User } from "../Records.ts"
import type { Directory, ReportSource } from "../Source.ts"

/** Look-ups a run needs before its parameters can be decoded (defaults, R27; scope, R29). */
export interface DirectoryLookup {
  organisation(id: string): Promise<Organisation | undefined>
  clinic(id: string): Promise<Clinic | undefined>
  configuration(organisationId: string): Promise<ReportingConfiguration | undefined>
}

/** Everything the report builders read. */
export interface RunContext {
  readonly parameters: Parameters.RunParameters
  readonly directory: Directory
  /** The run's organisations, by name then id (R52). */
  readonly organisations: ReadonlyArray<Organisation>
  /** The clinics in scope: all clinics of the organisations, or the one clinic of a clinic-level run. */
  readonly clinics: ReadonlyArray<Clinic>
  readonly clinicById: ReadonlyMap<string, Clinic>
  readonly organisationById: ReadonlyMap<string, Organisation>
  /** Tag columns of the run (R51). */
  readonly tags: ReadonlyArray<{ readonly key: string; readonly label: string }>
  /** Whether bandwidth columns are shown (R51), and the organisations that turned them off. */
  readonly bandwidth: boolean
  readonly bandwidthOff: ReadonlySet<string>
  readonly source: ReportSource
  /** Shows an instant in the run's zone (R69); null stays null. */
  readonly clock: (ms: number | null) => string | null
}

const byNameThenId = (a: { name: string | null; id: string }, b: { name: string | null; id: string }) =>
  (a.name === null ? (b.name === null ? 0 : -1) : b.name === null ? 1 : compareCodePoints(a.name, b.name)) ||
  compareCodePoints(a.id, b.id)

/** Orders organisations or clinics by name then id, a blank name first (R52). */
export const compareNamed = byNameThenId

/** Resolves the scope and defaults, then validates the parameters (R23–R31). Nothing is read beyond look-ups. */
export const decode = async (
  input: Parameters.RunInput,
  lookup: DirectoryLookup,
  now: number
): Promise<Parameters.RunParameters | InvalidParameter | NotFound> => {
  const requested = [...new Set(input.organisationIds.map((id) => id.trim()))].filter((id) => id !== "")
  if (requested.length === 0) {
    return new InvalidParameter({ field: "organisation_ids", code: "organisation_required", message: "at least one organisation id is required" })
  }
  for (const id of requested) {
    if ((await lookup.organisation(id)) === undefined) {
      return new NotFound({ kind: "organisation", id, message: `organisation "${id}" not found` })
    }
  }
  let organisationIds = requested
  const clinicId = input.clinicId === undefined || input.clinicId === null || input.clinicId.trim() === "" ? null : input.clinicId.trim()
  if (clinicId !== null) {
    const clinic = await lookup.clinic(clinicId)
    if (clinic === undefined || !requested.includes(clinic.organisation_id)) {
      return new NotFound({ kind: "clinic", id: clinicId, message: `clinic "${clinicId}" not found` })
    }
    organisationIds = [clinic.organisation_id]
  }
  const configuration = await lookup.configuration(organisationIds[0]!)
  return Parameters.decodeRun(
    { ...input, organisationIds, clinicId },
    { timezone: configuration?.default_timezone, minimumDurationMinutes: configuration?.default_minimum_duration_minutes },
    now
  )
}

/** Loads the directory of a run's scope and derives what every report shares. */
export const open = async (parameters: Parameters.RunParameters, source: ReportSource): Promise<RunContext> => {
  const directory = await source.directory(parameters.organisationIds)
  const zone = new ZoneClock(parameters.timezone)
  const organisations = [...directory.organisations].sort(byNameThenId)
  const clinics = directory.clinics.filter((c) => parameters.clinicId === null || c.id === parameters.clinicId)
  const tags: Array<{ key: string; label: string }> = []
  let bandwidth = false
  const bandwidthOff = new Set<string>()
  for (const org of organisations) {
    const config = directory.configurations.get(org.id)
    for (const tag of config?.tags ?? []) if (!tags.some((t) => t.key === tag.key)) tags.push(tag)
    if (config === undefined || config.bandwidth_columns) bandwidth = true
    else bandwidthOff.add(org.id)
  }
  return {
    parameters,
    directory,
    organisations,
    clinics,
    clinicById: new Map(directory.clinics.map((c) => [c.id, c])),
    organisationById: new Map(organisations.map((o) => [o.id, o])),
    tags,
    bandwidth,
    bandwidthOff,
    source,
    clock: (ms) => (ms === null ? null : zone.format(ms))
  }
}

/** `range_start <= t < range_end` (R46). */
export const inRange = (ctx: RunContext, t: number | null): boolean =>
  t !== null && t >= ctx.parameters.rangeStart && t < ctx.parameters.rangeEnd

/** Created before the end and not ended before it (R45): ended exactly at the end still exists. */
export const existsAtEnd = (ctx: RunContext, created: number, ended: number | null): boolean =>
  created < ctx.parameters.rangeEnd && (ended === null || ended >= ctx.parameters.rangeEnd)

/** Existed at any time in the range: created before the end, not ended before the start (R46). */
export const existedInRange = (ctx: RunContext, created: number, ended: number | null): boolean =>
  created < ctx.parameters.rangeEnd && (ended === null || ended >= ctx.parameters.rangeStart)

/** A known account that exists at the end (R22, R45). */
export const accountAtEnd = (ctx: RunContext, userId: string): User | undefined => {
  const user = ctx.directory.users.get(userId)
  return user !== undefined && existsAtEnd(ctx, user.created_at, user.deactivated_at) ? user : undefined
}

/** A role record held at the end by an account that exists then (R45). */
export const holderAtEnd = (ctx: RunContext, role: OrganisationRole | ClinicRole): boolean =>
  existsAtEnd(ctx, role.granted_at, role.revoked_at) && accountAtEnd(ctx, role.user_id) !== undefined

/** A role record held at any time in the range (R46). */
export const heldInRange = (ctx: RunContext, role: OrganisationRole | ClinicRole): boolean =>
  existedInRange(ctx, role.granted_at, role.revoked_at)

/** The smallest consultation time of a counted session: answered (> 0 ms) and meeting the minimum (SPEC §5). */
export const countedThresholdMs = (ctx: RunContext): number => Math.max(1, ctx.parameters.minimumMs)

/** Whether a consultation time meets the minimum (R36): exact milliseconds. */
export const meetsMinimum = (ctx: RunContext, ms: number): boolean => ms >= ctx.parameters.minimumMs

/** Whether a session counts in aggregates: answered and meeting the minimum. */
export const isCounted = (ctx: RunContext, consultationMs: number): boolean => consultationMs >= countedThresholdMs(ctx)

/** Whole seconds of summed milliseconds, rounded down once (R37). */
export const seconds = (ms: number): number => Math.floor(ms / 1000)

/** A mean of milliseconds to the nearest second, halves up; null over nothing (R37). */
export const averageSeconds = (totalMs: number, count: number): number | null =>
  count === 0 ? null : Math.floor((2 * totalMs + count * 1000) / (2 * count * 1000))

/** The clinics of an organisation in the run's scope. */
export const clinicsOf = (ctx: RunContext, organisationId: string): ReadonlyArray<Clinic> =>
  ctx.clinics.filter((c) => c.organisation_id === organisationId)

/** The rooms of the run's scope clinics. */
export const roomsInScope = (ctx: RunContext): ReadonlyArray<Room> => {
  const ids = new Set(ctx.clinics.map((c) => c.id))
  return ctx.directory.rooms.filter((r) => ids.has(r.clinic_id))
}
