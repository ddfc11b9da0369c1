/**
 * How figures read on the page: durations in units ("44 h 47 min") with the exact clock value for hover,
 * grouped integers, and the change against the previous period in percent.
 */
import { t } from "../i18n/index.ts"

/** A whole number with the locale's grouping ("12,345"); a dash for a blank. */
export const formatCount = (value: number | null): string =>
  value === null ? t().units.none : new Intl.NumberFormat(t().locale, { maximumFractionDigits: 1 }).format(value)

/** Seconds as "44 h 47 min", "5 min 3 s" or "42 s": the two largest units, rounded down; a dash for a blank. */
export const formatDuration = (seconds: number | null): string => {
  if (seconds === null) return t().units.none
  const u = t().units
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor(s / 60) % 60
  if (h > 0) return m > 0 ? `${formatCount(h)} ${u.hours} ${m} ${u.minutes}` : `${formatCount(h)} ${u.hours}`
  if (m > 0) return s % 60 > 0 ? `${m} ${u.minutes} ${s % 60} ${u.seconds}` : `${m} ${u.minutes}`
  return `${s} ${u.seconds}`
}

/** Seconds as the exact clock value "44:47:20", as the downloads show durations. */
export const formatClock = (seconds: number | null): string => {
  if (seconds === null) return t().units.none
  const s = Math.max(0, Math.round(seconds))
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`
}

/** An API value (a status, a delivery) in the page's words, or as it is when the catalogue has none for it. */
export const said = (words: Readonly<Record<string, string>>, value: string): string => words[value] ?? value

/** Whether a figure key is a duration in seconds (SPEC §7 names them `*_duration`). */
export const isDuration = (key: string): boolean => key.endsWith("_duration")

/** A figure for display: a duration in units or a grouped count. */
export const formatFigure = (key: string, value: number | null): string => (isDuration(key) ? formatDuration(value) : formatCount(value))

/** The exact value behind a displayed figure (the hover text): the clock value and seconds, or the plain number. */
export const exactFigure = (key: string, value: number | null): string =>
  value === null ? t().units.none : isDuration(key) ? `${formatClock(value)} (${formatCount(value)} ${t().units.seconds})` : String(value)

/** The change from `previous` to `current` in percent; null when there is nothing to compare (both blank or zero before). */
export const percentChange = (current: number | null, previous: number | null): number | null => {
  if (current === null || previous === null || previous === 0) return null
  return ((current - previous) / previous) * 100
}

/** A change in percent as "+12.5%", "−3%" or "0%" (one decimal below 10%, whole numbers above). */
export const formatPercent = (percent: number): string => {
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent)
  if (rounded === 0) return "0%"
  const text = new Intl.NumberFormat(t().locale, { maximumFractionDigits: 1 }).format(Math.abs(rounded))
  return `${rounded > 0 ? "+" : "−"}${text}%`
}
