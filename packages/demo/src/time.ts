/**
 * The generator's units and text for instants and ids: seconds per hour, milliseconds per day, zero-padded
 * numbers and ISO instants (UTC, seconds precision) formatted without a date library on the hot path.
 */
import { Instant } from "@vcr/core"

/** Seconds in an hour (activity is planned in local seconds). */
export const HOUR = 3600
/** Milliseconds in a day. */
export const MS_DAY = 86_400_000

/** Zero-pads a non-negative integer to `width` digits. */
export const pad = (n: number, width: number) => String(n).padStart(width, "0")

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SSZ` (seconds precision), caching the date part. */
export const makeIso = () => {
  let cachedDay = Number.NaN
  let prefix = ""
  return (ms: number): string => {
    const day = Math.floor(ms / MS_DAY)
    if (day !== cachedDay) {
      cachedDay = day
      const [y, m, d] = Instant.civilFromDays(day)
      prefix = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T`
    }
    const s = Math.floor((ms - day * MS_DAY) / 1000)
    const hh = Math.floor(s / 3600)
    const mm = Math.floor((s % 3600) / 60)
    const ss = s % 60
    return `${prefix}${hh < 10 ? "0" : ""}${hh}:${mm < 10 ? "0" : ""}${mm}:${ss < 10 ? "0" : ""}${ss}Z`
  }
}
