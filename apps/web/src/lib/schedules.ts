/**
 * Schedules (SPEC §11.4) as the page handles them: the API's shape, the form's draft filled in from the current
 * settings, the draft's checks, the `range` and `recurrence` texts the API takes, and those texts read back for
 * display. The API stays the judge of every rule; these checks only answer sooner, each under its field.
 */
import type { Schedule } from "../api.ts"
export type { Schedule }
import { t } from "../i18n/index.ts"
import { presetOf } from "./dates.ts"
import { isTimezone } from "./validation.ts"

export const rangeKinds = ["previous_day", "previous_week", "previous_month", "month_to_date", "last_n_days"] as const
export type RangeKind = (typeof rangeKinds)[number]
export const recurrenceKinds = ["daily", "weekly", "monthly", "cron"] as const
export type RecurrenceKind = (typeof recurrenceKinds)[number]
export const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const
export type Weekday = (typeof weekdays)[number]

/** The form's values, as typed. */
export interface Draft {
  readonly report: string
  readonly clinic_id: string
  readonly format: string
  readonly timezone: string
  readonly minimum: string
  readonly rangeKind: RangeKind
  readonly days: string
  readonly kind: RecurrenceKind
  readonly weekday: Weekday
  readonly dayOfMonth: string
  readonly time: string
  readonly cron: string
}

/** The fields of the form that can be wrong, named as the API names them. */
export type DraftField = "report" | "clinic_id" | "format" | "timezone" | "minimum_duration_minutes" | "range" | "recurrence"
export type DraftErrors = Partial<Record<DraftField, string>>

/** What the settings form holds now (the Reports view's current settings). */
export interface CurrentSettings {
  readonly from: string
  readonly to: string
  readonly timezone: string
  readonly minimum_duration_minutes: string
  readonly clinic_id: string
}

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1

/**
 * A draft from the current settings: the same scope, timezone and minimum; the period becomes the range rule
 * that keeps it (last month: previous_month, this month: month_to_date, a custom range: its number of days) and
 * the recurrence that fits it (monthly on the 1st, weekly on Monday, else daily), at 08:00.
 */
export const draftFrom = (settings: CurrentSettings, today: string): Draft => {
  const preset = presetOf(settings, today)
  const span = Math.min(366, Math.max(1, daysBetween(settings.from, settings.to) || 1))
  const rangeKind: RangeKind = preset === "lastMonth" ? "previous_month" : preset === "thisMonth" ? "month_to_date" : "last_n_days"
  const kind: RecurrenceKind = rangeKind === "previous_month" || rangeKind === "month_to_date" ? "monthly" : span === 7 ? "weekly" : "daily"
  return {
    report: "consultations", clinic_id: settings.clinic_id, format: "xlsx", timezone: settings.timezone.trim(), minimum: settings.minimum_duration_minutes.trim(),
    rangeKind, days: String(Number.isFinite(span) ? span : 7), kind, weekday: "Mon", dayOfMonth: "1", time: "08:00", cron: "0 8 * * 1"
  }
}

/** The `range` text of a draft ("previous_week", "last_n_days:14"). */
export const rangeOf = (d: Draft): string => (d.rangeKind === "last_n_days" ? `last_n_days:${d.days.trim()}` : d.rangeKind)

/** The `recurrence` text of a draft ("daily 08:00", "weekly Mon 08:00", "monthly 28 07:00" or the cron expression). */
export const recurrenceOf = (d: Draft): string => {
  switch (d.kind) {
    case "daily": return `daily ${d.time}`
    case "weekly": return `weekly ${d.weekday} ${d.time}`
    case "monthly": return `monthly ${d.dayOfMonth} ${d.time}`
    case "cron": return d.cron.trim().replace(/\s+/g, " ")
  }
}

/** Every rule a draft breaks that the page can tell by itself, by field. */
export const checkDraft = (d: Draft): DraftErrors => {
  const m = t().schedules.invalid
  const errors: DraftErrors = {}
  if (!isTimezone(d.timezone.trim()) || d.timezone.trim() === "") errors.timezone = m.timezone
  const minimum = d.minimum.trim()
  if (minimum !== "" && (!/^\d+(?:\.\d+)?$/.test(minimum) || Number(minimum) > 1440)) errors.minimum_duration_minutes = m.minimum
  if (d.rangeKind === "last_n_days" && !(/^\d+$/.test(d.days.trim()) && Number(d.days) >= 1 && Number(d.days) <= 366)) errors.range = m.days
  if (d.kind === "cron" ? d.cron.trim().split(/\s+/).length !== 5 : !/^([01]\d|2[0-3]):[0-5]\d$/.test(d.time)) errors.recurrence = d.kind === "cron" ? m.cron : m.time
  return errors
}

/** The body of POST /schedules for a draft in a locale. */
export const bodyOf = (d: Draft, organisationId: string, locale: string) => ({
  report: d.report, organisation_id: organisationId, clinic_id: d.clinic_id === "" ? null : d.clinic_id, format: d.format,
  timezone: d.timezone.trim(), minimum_duration_minutes: d.minimum.trim() === "" ? null : d.minimum.trim(),
  locale, range: rangeOf(d), recurrence: recurrenceOf(d)
})

/** A range rule in words ("the previous week", "the last 14 days"). */
export const describeRange = (range: string): string => {
  const m = t().schedules.describeRange
  const days = /^last_n_days:(\d+)$/.exec(range)
  if (days !== null) return m.last_n_days(Number(days[1]))
  const fixed = rangeKinds.filter((k): k is Exclude<RangeKind, "last_n_days"> => k !== "last_n_days").find((k) => k === range)
  return fixed === undefined ? range : m[fixed]
}

/** A recurrence in words ("Every Monday at 08:00"); a cron expression is shown as it is. */
export const describeRecurrence = (recurrence: string): string => {
  const m = t().schedules
  const parts = recurrence.trim().split(/\s+/)
  if (parts[0] === "daily" && parts.length === 2) return m.describeRecurrence.daily(parts[1]!)
  if (parts[0] === "weekly" && parts.length === 3 && (weekdays as ReadonlyArray<string>).includes(parts[1]!)) return m.describeRecurrence.weekly(m.weekdays[parts[1] as Weekday], parts[2]!)
  if (parts[0] === "monthly" && parts.length === 3) return m.describeRecurrence.monthly(Number(parts[1]), parts[2]!)
  return m.describeRecurrence.cron(recurrence)
}

/** An occurrence (R69 text with its offset) as a date and time in the schedule's zone, in the page's locale. */
export const formatOccurrence = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat(t().locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso))
