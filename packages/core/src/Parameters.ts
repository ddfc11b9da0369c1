/**
 * Run parameters (SPEC §3, RULINGS R23–R28, R70): decoding of the raw values every edge receives, with one
 * error code per rule, the range in the run's timezone (Temporal, DST exact), and the two-months rule.
 */
import { Temporal } from "@js-temporal/polyfill"
import { InvalidParameter } from "./Errors.ts"
import { type EpochMs, ZoneClock } from "./Instant.ts"
import type { ParametersJson } from "./Report.ts"

/** Raw run parameters as an edge receives them (strings from a CLI or query, numbers from JSON). */
export interface RunInput {
  readonly organisationIds: ReadonlyArray<string>
  readonly clinicId?: string | null | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly timezone?: string | undefined
  readonly minimumDurationMinutes?: string | number | undefined
  /**
   * The locale of the words (`en` or `zh-CN`, any letter case; absent is `en`), decoded by `Locales.decode`. It
   * changes only text, never data, so it is no part of the parameters an output shows (R70, R80).
   */
  readonly locale?: string | null | undefined
}

/** Defaults from the reporting configuration of the run's first organisation (R27). */
export interface RunDefaults {
  readonly timezone?: string | null | undefined
  readonly minimumDurationMinutes?: number | null | undefined
}

/** Validated run parameters. */
export interface RunParameters {
  readonly organisationIds: ReadonlyArray<string>
  readonly clinicId: string | null
  readonly from: string
  readonly to: string
  readonly timezone: string
  readonly minimumDurationMinutes: number
  /** The minimum as exact milliseconds, rounded up: a time meets it when `ms >= minimumMs` (R26, R36). */
  readonly minimumMs: number
  readonly rangeStart: EpochMs
  readonly rangeEnd: EpochMs
  readonly rangeKind: "short" | "long"
}

/** The earliest date a range may start (SPEC §3). */
export const earliestDate = "2019-08-28"
/** The default timezone when the configuration names none (R27). */
export const defaultTimezone = "Australia/Sydney"

const invalid = (field: string, code: string, message: string) => new InvalidParameter({ field, code, message })

/** Resolves an IANA zone name in any letter case to its database spelling (R25), or fails. */
export const resolveTimezone = (raw: string, field = "timezone"): string | InvalidParameter => {
  const name = raw.trim()
  if (name === "" || !/^[A-Za-z]/.test(name)) {
    return invalid(field, "invalid_timezone", `${field} must be an IANA time zone name such as Australia/Sydney (got "${raw}")`)
  }
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId
  } catch {
    return invalid(field, "invalid_timezone", `${field} must be an IANA time zone name such as Australia/Sydney (got "${raw}")`)
  }
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

const parseDate = (field: string, raw: string): Temporal.PlainDate | InvalidParameter => {
  const m = datePattern.exec(raw.trim())
  if (m === null) return invalid(field, "invalid_date", `${field} must be a date written YYYY-MM-DD (got "${raw}")`)
  try {
    return Temporal.PlainDate.from({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { overflow: "reject" })
  } catch {
    return invalid(field, "invalid_date", `${field} must be a date that exists (got "${raw}")`)
  }
}

const minimumPattern = /^\s*(\d+)(?:\.(\d+))?\s*$/

/** Decodes a minimum duration in minutes (R26): exact decimal, 0 to 1440. */
export const parseMinimum = (
  raw: string | number,
  field = "minimum_duration_minutes"
): { minutes: number; ms: number } | InvalidParameter => {
  const text = typeof raw === "number" ? (Number.isFinite(raw) ? String(raw) : "NaN") : raw
  const m = minimumPattern.exec(text)
  if (m === null) {
    return invalid(field, "invalid_minimum_duration", `${field} must be a number of minutes written with digits, such as 5 or 2.5 (got "${text}")`)
  }
  const whole = BigInt(m[1]!)
  const fraction = m[2] ?? ""
  const scale = 10n ** BigInt(fraction.length)
  const scaled = whole * scale + (fraction === "" ? 0n : BigInt(fraction))
  if (scaled > 1440n * scale) {
    return invalid(field, "minimum_duration_out_of_range", `${field} must be from 0 to 1440 minutes (got "${text.trim()}")`)
  }
  const numerator = scaled * 60000n
  return { minutes: Number(text.trim()), ms: Number((numerator + scale - 1n) / scale) }
}

/** The first instant of a date in a zone (R24): midnight, the earlier one if repeated, after the gap if skipped. */
export const startOfDay = (date: Temporal.PlainDate, zone: string): EpochMs =>
  date.toZonedDateTime({ timeZone: zone }).epochMilliseconds

/** Long when `to >= from + 2 months`, the day of month clamped (R28). */
export const rangeKind = (from: Temporal.PlainDate, to: Temporal.PlainDate): "short" | "long" =>
  Temporal.PlainDate.compare(to, from.add({ months: 2 }, { overflow: "constrain" })) >= 0 ? "long" : "short"

/** Today's date in a zone. */
export const today = (now: EpochMs, zone: string): Temporal.PlainDate =>
  Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()

/** Validates raw run parameters, applying defaults; returns the parameters or the first rule broken. */
export const decodeRun = (input: RunInput, defaults: RunDefaults, now: EpochMs): RunParameters | InvalidParameter => {
  const organisationIds = [...new Set(input.organisationIds.map((id) => id.trim()))]
  if (organisationIds.length === 0 || organisationIds.some((id) => id === "")) {
    return invalid("organisation_ids", "organisation_required", "at least one organisation id is required")
  }
  const clinicId = input.clinicId === undefined || input.clinicId === null || input.clinicId.trim() === "" ? null : input.clinicId.trim()
  const timezone = resolveTimezone(input.timezone ?? defaults.timezone ?? defaultTimezone)
  if (timezone instanceof InvalidParameter) return timezone
  const todayDate = today(now, timezone)
  const from = input.from === undefined ? todayDate.with({ day: 1 }) : parseDate("from", input.from)
  if (from instanceof InvalidParameter) return from
  const to = input.to === undefined ? todayDate : parseDate("to", input.to)
  if (to instanceof InvalidParameter) return to
  if (Temporal.PlainDate.compare(from, Temporal.PlainDate.from(earliestDate)) < 0) {
    return invalid("from", "from_too_early", `from must be ${earliestDate} or later (got ${from.toString()})`)
  }
  if (Temporal.PlainDate.compare(from, to) > 0) {
    return invalid("to", "to_before_from", `to must be on or after from (got from ${from.toString()}, to ${to.toString()})`)
  }
  if (Temporal.PlainDate.compare(to, todayDate) > 0) {
    return invalid("to", "to_in_future", `to must not be after today in ${timezone} (${todayDate.toString()}; got ${to.toString()})`)
  }
  const minimum = parseMinimum(input.minimumDurationMinutes ?? defaults.minimumDurationMinutes ?? 0)
  if (minimum instanceof InvalidParameter) return minimum
  return {
    organisationIds,
    clinicId,
    from: from.toString(),
    to: to.toString(),
    timezone,
    minimumDurationMinutes: minimum.minutes,
    minimumMs: minimum.ms,
    rangeStart: startOfDay(from, timezone),
    rangeEnd: startOfDay(to.add({ days: 1 }), timezone),
    rangeKind: rangeKind(from, to)
  }
}

/** The parameters as every output shows them (R70). */
export const toJson = (p: RunParameters): ParametersJson => {
  const clock = new ZoneClock(p.timezone)
  return {
    organisation_ids: p.organisationIds,
    clinic_id: p.clinicId,
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    minimum_duration_minutes: p.minimumDurationMinutes,
    range_start: clock.format(p.rangeStart),
    range_end: clock.format(p.rangeEnd),
    range_kind: p.rangeKind
  }
}
