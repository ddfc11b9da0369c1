/**
 * Calendar dates as `YYYY-MM-DD` strings: today in a timezone and the period presets. Arithmetic is on the
 * calendar date alone (UTC fields of a date-only value), never on the browser's local time, so results are the
 * same in every browser timezone.
 */

/** A period preset of the settings form. */
export type Preset = "last7" | "lastMonth" | "thisMonth" | "custom"

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether a string is a real calendar date `YYYY-MM-DD`. */
export const isDate = (value: string): boolean => {
  const m = datePattern.exec(value)
  if (m === null) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

const toDate = (value: string): Date => new Date(`${value}T00:00:00Z`)
const fromDate = (d: Date): string => d.toISOString().slice(0, 10)

/** The date `days` after (or before) a date. */
export const addDays = (value: string, days: number): string => {
  const d = toDate(value)
  d.setUTCDate(d.getUTCDate() + days)
  return fromDate(d)
}

/** The calendar date of an instant in a timezone (today for `now`). */
export const dateIn = (epochMs: number, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(epochMs)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ""
  return `${part("year")}-${part("month")}-${part("day")}`
}

/** The range of a preset ending on `today` (custom keeps what the user typed, so it has none). */
export const presetRange = (preset: Exclude<Preset, "custom">, today: string): { from: string; to: string } => {
  const firstOfMonth = `${today.slice(0, 8)}01`
  switch (preset) {
    case "last7":
      return { from: addDays(today, -6), to: today }
    case "thisMonth":
      return { from: firstOfMonth, to: today }
    case "lastMonth": {
      const lastDay = addDays(firstOfMonth, -1)
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay }
    }
  }
}

/** The preset a range matches on `today`, else custom. */
export const presetOf = (range: { from: string; to: string }, today: string): Preset => {
  if (!isDate(today)) return "custom"
  for (const preset of ["last7", "lastMonth", "thisMonth"] as const) {
    const r = presetRange(preset, today)
    if (r.from === range.from && r.to === range.to) return preset
  }
  return "custom"
}

/** An instant as a date and time in a timezone, e.g. "29 Nov 2026, 14:05". */
export const formatInstant = (iso: string | number, timeZone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso))

/** A bucket's calendar date ("2 Mar") from its start instant, which carries the run's offset (R75). */
export const bucketLabel = (start: string, granularity: "day" | "week" | "month", locale: string): string => {
  const d = toDate(start.slice(0, 10))
  return granularity === "month"
    ? new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", year: "numeric" }).format(d)
    : new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "short" }).format(d)
}
