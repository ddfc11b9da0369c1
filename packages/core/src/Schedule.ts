/**
 * Schedules (SPEC §11.4): the recurrence of a scheduled delivery, its occurrences as instants in the schedule's
 * own timezone (R78: a wall time inside a gap fires at the first instant after the gap, a repeated one once at the
 * earlier instant), the range rule of each run (R79) and the catch-up plan after downtime (R78). Pure: croner only
 * parses and matches the five cron fields on zone-free wall times; all zone arithmetic is Temporal.
 */
import { Temporal } from "@js-temporal/polyfill"
import { Cron } from "croner"
import { InvalidParameter } from "./Errors.ts"
import type { EpochMs } from "./Instant.ts"

/** A wall-clock time of day. */
export interface WallTime {
  readonly hour: number
  readonly minute: number
}

/** A decoded recurrence; `text` is its canonical spelling. */
export type Recurrence =
  | { readonly kind: "daily"; readonly time: WallTime; readonly text: string }
  | { readonly kind: "weekly"; readonly weekday: number; readonly time: WallTime; readonly text: string }
  | { readonly kind: "monthly"; readonly day: number; readonly time: WallTime; readonly text: string }
  | { readonly kind: "cron"; readonly expression: string; readonly text: string }

/** A decoded range rule (R79). */
export type RangeRule =
  | { readonly kind: "previous_day" | "previous_week" | "previous_month" | "month_to_date"; readonly text: string }
  | { readonly kind: "last_n_days"; readonly days: number; readonly text: string }

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const

const invalid = (field: string, code: string, message: string) => new InvalidParameter({ field, code, message })

const pad = (n: number) => String(n).padStart(2, "0")

const timePattern = /^(\d{1,2}):(\d{2})$/

const parseTime = (field: string, raw: string, whole: string): WallTime | InvalidParameter => {
  const m = timePattern.exec(raw)
  const hour = m === null ? NaN : Number(m[1])
  const minute = m === null ? NaN : Number(m[2])
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    return invalid(field, "invalid_recurrence_time", `${field} must give a time of day HH:MM from 00:00 to 23:59 (got "${whole}")`)
  }
  return { hour, minute }
}

const usage = "daily HH:MM, weekly <Mon..Sun> HH:MM, monthly <1..28> HH:MM or a 5-field cron expression"

/** Decodes `daily HH:MM`, `weekly <Mon..Sun> HH:MM`, `monthly <1..28> HH:MM` or a 5-field cron expression. */
export const parseRecurrence = (raw: string, field = "recurrence"): Recurrence | InvalidParameter => {
  const whole = raw.trim()
  const parts = whole.split(/\s+/)
  const word = parts[0]?.toLowerCase() ?? ""
  if (word === "daily" || word === "weekly" || word === "monthly") {
    const expected = word === "daily" ? 2 : 3
    if (parts.length !== expected) {
      return invalid(field, "invalid_recurrence", `${field} must be ${usage} (got "${whole}")`)
    }
    const time = parseTime(field, parts[expected - 1]!, whole)
    if (time instanceof InvalidParameter) return time
    const at = `${pad(time.hour)}:${pad(time.minute)}`
    if (word === "daily") return { kind: "daily", time, text: `daily ${at}` }
    if (word === "weekly") {
      const index = weekdays.findIndex((d) => d.toLowerCase() === parts[1]!.toLowerCase())
      if (index < 0) {
        return invalid(field, "invalid_recurrence_weekday", `${field} must name a weekday Mon, Tue, Wed, Thu, Fri, Sat or Sun (got "${whole}")`)
      }
      return { kind: "weekly", weekday: index + 1, time, text: `weekly ${weekdays[index]} ${at}` }
    }
    const day = /^\d{1,2}$/.test(parts[1]!) ? Number(parts[1]) : NaN
    if (!(day >= 1 && day <= 28)) {
      return invalid(field, "recurrence_day_out_of_range", `${field} must give a day of month from 1 to 28 (got "${whole}")`)
    }
    return { kind: "monthly", day, time, text: `monthly ${day} ${at}` }
  }
  // Nicknames such as @daily are croner extensions, not the 5-field form the SPEC allows.
  if (parts.length !== 5 || whole.startsWith("@")) {
    return invalid(field, "invalid_recurrence", `${field} must be ${usage} (got "${whole}")`)
  }
  const expression = parts.join(" ")
  try {
    cronOf(expression)
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^CronPattern:\s*/, "") : String(e)
    return invalid(field, "invalid_cron_expression", `${field} is not a valid 5-field cron expression (got "${whole}": ${reason})`)
  }
  return { kind: "cron", expression, text: expression }
}

/**
 * Whether a recurrence fires at most once an hour (the engine refuses more frequent schedules). The named
 * recurrences do by construction; a cron expression does exactly when its minute field names one minute (cron
 * fields are independent, so two minutes in the field give two firings in every matching hour).
 */
export const firesAtMostHourly = (recurrence: Recurrence): boolean => {
  if (recurrence.kind !== "cron") return true
  const [first, second] = cronOf(`${recurrence.expression.split(" ")[0]} * * * *`).nextRuns(2, new Date(0))
  return first !== undefined && second !== undefined && second.getTime() - first.getTime() >= 60 * 60_000
}

// utcOffset 0 makes croner read and write its Dates as zone-free wall times, whatever the process TZ.
const cronOf = (expression: string) => new Cron(expression, { mode: "5-part", utcOffset: 0 })

const wallToFloating = (w: Temporal.PlainDateTime): number => w.toZonedDateTime("UTC").epochMilliseconds
const floatingToWall = (ms: number): Temporal.PlainDateTime =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO("UTC").toPlainDateTime()

const at = (date: Temporal.PlainDate, time: WallTime) => date.toPlainDateTime({ hour: time.hour, minute: time.minute })

/** Steps a recurrence's wall times: the first one strictly after `w`, or null when a cron expression never matches again. */
const stepper = (recurrence: Recurrence): ((w: Temporal.PlainDateTime) => Temporal.PlainDateTime | null) => {
  switch (recurrence.kind) {
    case "daily":
      return (w) => {
        const c = at(w.toPlainDate(), recurrence.time)
        return Temporal.PlainDateTime.compare(c, w) > 0 ? c : c.add({ days: 1 })
      }
    case "weekly":
      return (w) => {
        const date = w.toPlainDate()
        const c = at(date.add({ days: (recurrence.weekday - date.dayOfWeek + 7) % 7 }), recurrence.time)
        return Temporal.PlainDateTime.compare(c, w) > 0 ? c : c.add({ days: 7 })
      }
    case "monthly":
      return (w) => {
        // Days 1..28 exist in every month, so adding a month never clamps.
        const c = at(w.toPlainDate().with({ day: recurrence.day }), recurrence.time)
        return Temporal.PlainDateTime.compare(c, w) > 0 ? c : c.add({ months: 1 })
      }
    case "cron": {
      const cron = cronOf(recurrence.expression)
      return (w) => {
        const next = cron.nextRun(new Date(wallToFloating(w)))
        return next === null ? null : floatingToWall(next.getTime())
      }
    }
  }
}

/** The instant a wall time fires in a zone (R78): the earlier of a repeated time, the end of the gap for a missing one. */
export const instantOf = (wall: Temporal.PlainDateTime, zone: string): EpochMs => {
  const earlier = wall.toZonedDateTime(zone, { disambiguation: "earlier" })
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) return earlier.epochMilliseconds
  // The wall time is inside a gap: "earlier" landed just before it, so the next transition is the gap's end.
  const transition = earlier.getTimeZoneTransition("next")
  return transition === null ? earlier.epochMilliseconds : transition.epochMilliseconds
}

// Only a transition that sets the clock back can make a wall time earlier than `after`'s own fire after it; the
// lowest wall reading from `after` on is at `after` or just after such a transition (the tz database's largest step
// is a day, so two days ahead is enough).
const lowestWallFrom = (after: EpochMs, zone: string): Temporal.PlainDateTime => {
  let z = Temporal.Instant.fromEpochMilliseconds(after).toZonedDateTimeISO(zone)
  let lowest = z.toPlainDateTime()
  for (;;) {
    const t = z.getTimeZoneTransition("next")
    if (t === null || t.epochMilliseconds - after > 2 * 86_400_000) return lowest
    if (Temporal.PlainDateTime.compare(t.toPlainDateTime(), lowest) < 0) lowest = t.toPlainDateTime()
    z = t
  }
}

/** The next `count` occurrences strictly after `afterEpochMs`, as instants in increasing order (R78). */
export const nextOccurrences = (
  recurrence: Recurrence,
  zone: string,
  afterEpochMs: EpochMs,
  count: number
): ReadonlyArray<EpochMs> => occurrences(recurrence, zone, afterEpochMs, Number.POSITIVE_INFINITY, count)

/** Every occurrence in `(afterEpochMs, untilEpochMs]`, in increasing order (R78). */
export const occurrencesBetween = (
  recurrence: Recurrence,
  zone: string,
  afterEpochMs: EpochMs,
  untilEpochMs: EpochMs
): ReadonlyArray<EpochMs> => occurrences(recurrence, zone, afterEpochMs, untilEpochMs, Number.POSITIVE_INFINITY)

const occurrences = (
  recurrence: Recurrence,
  zone: string,
  after: EpochMs,
  until: EpochMs,
  count: number
): ReadonlyArray<EpochMs> => {
  const out: Array<EpochMs> = []
  const step = stepper(recurrence)
  // One nanosecond back so that a wall time equal to the lowest reading is a candidate too.
  let wall: Temporal.PlainDateTime | null = lowestWallFrom(after, zone).subtract({ nanoseconds: 1 })
  let last = after
  while (out.length < count) {
    wall = step(wall)
    if (wall === null) break
    // Wall order maps to instant order; several wall times in one gap share an instant and fire once.
    const instant = instantOf(wall, zone)
    if (instant > until) break
    if (instant > last) {
      out.push(instant)
      last = instant
    }
  }
  return out
}

/** Decodes `previous_day`, `previous_week`, `previous_month`, `month_to_date` or `last_n_days:N` (1 ≤ N ≤ 366). */
export const parseRangeRule = (raw: string, field = "range"): RangeRule | InvalidParameter => {
  const text = raw.trim().toLowerCase()
  if (text === "previous_day" || text === "previous_week" || text === "previous_month" || text === "month_to_date") {
    return { kind: text, text }
  }
  const m = /^last_n_days:(\d+)$/.exec(text)
  if (m === null) {
    return invalid(
      field,
      "invalid_range",
      `${field} must be previous_day, previous_week, previous_month, month_to_date or last_n_days:N (got "${raw.trim()}")`
    )
  }
  const days = Number(m[1])
  if (!(days >= 1 && days <= 366)) {
    return invalid(field, "range_days_out_of_range", `${field} last_n_days:N needs N from 1 to 366 (got "${raw.trim()}")`)
  }
  return { kind: "last_n_days", days, text: `last_n_days:${days}` }
}

/** The inclusive local dates a run covers, from the occurrence's local date (R79). */
export const rangeFor = (
  rule: RangeRule,
  occurrence: Temporal.PlainDate
): { readonly from: Temporal.PlainDate; readonly to: Temporal.PlainDate } => {
  const yesterday = occurrence.subtract({ days: 1 })
  switch (rule.kind) {
    case "previous_day":
      return { from: yesterday, to: yesterday }
    case "previous_week": {
      const monday = occurrence.subtract({ days: occurrence.dayOfWeek - 1 + 7 })
      return { from: monday, to: monday.add({ days: 6 }) }
    }
    case "previous_month": {
      const first = occurrence.with({ day: 1 }).subtract({ months: 1 })
      return { from: first, to: first.add({ months: 1 }).subtract({ days: 1 }) }
    }
    case "month_to_date":
      // On the 1st "to date" is empty, so the run covers the month that just ended.
      return occurrence.day === 1
        ? { from: occurrence.subtract({ months: 1 }), to: yesterday }
        : { from: occurrence.with({ day: 1 }), to: yesterday }
    case "last_n_days":
      return { from: occurrence.subtract({ days: rule.days }), to: yesterday }
  }
}

/** The local date of an occurrence in the schedule's zone, the input of `rangeFor`. */
export const occurrenceDate = (occurrence: EpochMs, zone: string): Temporal.PlainDate =>
  Temporal.Instant.fromEpochMilliseconds(occurrence).toZonedDateTimeISO(zone).toPlainDate()

/** What a worker does with a schedule at `now`: the occurrence to run (if any) and the ones to record as skipped. */
export interface CatchUpPlan {
  readonly run: { readonly occurrence: EpochMs; readonly late: boolean } | null
  readonly skipped: ReadonlyArray<EpochMs>
}

/** A run starting more than this after its occurrence is late even when nothing was skipped. */
export const defaultGraceMs = 5 * 60_000

/**
 * The catch-up rule of R78: of the occurrences after `lastOccurrence` (the last one run or skipped; the creation
 * instant for a new schedule) up to `now`, only the latest runs, marked late when earlier ones are skipped or it
 * starts more than `graceMs` after its time; the earlier ones are skipped.
 */
export const planCatchUp = (input: {
  readonly recurrence: Recurrence
  readonly zone: string
  readonly lastOccurrence: EpochMs
  readonly now: EpochMs
  readonly graceMs?: number
}): CatchUpPlan => {
  const due = occurrencesBetween(input.recurrence, input.zone, input.lastOccurrence, input.now)
  const latest = due.at(-1)
  if (latest === undefined) return { run: null, skipped: [] }
  const skipped = due.slice(0, -1)
  const late = skipped.length > 0 || input.now - latest > (input.graceMs ?? defaultGraceMs)
  return { run: { occurrence: latest, late }, skipped }
}
