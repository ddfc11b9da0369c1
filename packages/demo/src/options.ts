/**
 * The options of the demo generator and their checked, defaulted form: a bad option fails before anything is
 * generated, naming the option and the rule.
 */
import { Temporal } from "@js-temporal/polyfill"

/** Options of the demo generator; only `seed` and `now` are required. */
export interface DemoOptions {
  /** Same seed + same options => identical output. */
  readonly seed: number
  /** ISO instant with offset, e.g. "2026-11-26T07:00:00Z"; nothing is generated after it. */
  readonly now: string
  /** History length before now, in months (default 4). */
  readonly months?: number
  /** Number of organisations (default 2); the first is the demo organisation "org-demo", "Harbour Health". */
  readonly organisations?: number
  /** Clinics per organisation (default 4). */
  readonly clinicsPerOrganisation?: number
  /** Waiting-area sessions per clinic per weekday (default 6; fewer on weekends). */
  readonly sessionsPerClinicPerDay?: number
  /** IANA zone of the clinics' local hours (default "Australia/Sydney"). */
  readonly timezone?: string
}

/** The options with defaults applied and `now` as epoch milliseconds. */
export interface Resolved {
  readonly seed: number
  readonly nowMs: number
  readonly months: number
  readonly organisations: number
  readonly clinics: number
  readonly sessions: number
  readonly timezone: string
}

const positiveInt = (name: string, value: number | undefined, fallback: number, min: number): number => {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v < min) throw new RangeError(`demo option ${name} must be an integer >= ${min}, got ${v}`)
  return v
}

/** Checks the options (a RangeError naming the option) and applies the defaults. */
export const resolve = (o: DemoOptions): Resolved => {
  if (!Number.isFinite(o.seed)) throw new RangeError(`demo option seed must be a finite number, got ${o.seed}`)
  const timezone = o.timezone ?? "Australia/Sydney"
  Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timezone) // throws RangeError on an unknown zone
  return {
    seed: o.seed,
    nowMs: Temporal.Instant.from(o.now).epochMilliseconds,
    months: positiveInt("months", o.months, 4, 1),
    organisations: positiveInt("organisations", o.organisations, 2, 1),
    clinics: positiveInt("clinicsPerOrganisation", o.clinicsPerOrganisation, 4, 1),
    sessions: positiveInt("sessionsPerClinicPerDay", o.sessionsPerClinicPerDay, 6, 0),
    timezone
  }
}
