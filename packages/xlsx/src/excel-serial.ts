/**
 * Excel serial numbers: days since 1899-12-30, the time of day as the fraction. Instants are shown as their
 * wall time in the run's zone, from core's one wall-time conversion (the same as the ISO text of JSON and
 * CSV), so the process timezone never matters; durations are days too, shown as [h]:mm:ss. Values are
 * whole seconds since the Excel epoch until they are written, as the shortest text that reads back as the
 * double nearest to seconds / 86400 (anything shorter lands a hair off, and readers that floor lose a second).
 */
import { Instant } from "@vcr/core"

const secondsPerDay = 86_400
/** Days from 1899-12-30 (Excel's day 0 in the 1900 system) to 1970-01-01. */
const unixEpochSerial = 25_569
/** 1900-03-01: earlier serials are off by one in Excel (its 1900 leap-year bug), so they are refused. */
const firstExactSerial = 61

const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at) - 48
  return code >= 0 && code <= 9 ? code : Number.NaN
}
const number2 = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1)
const number4 = (text: string, at: number) => number2(text, at) * 100 + number2(text, at + 2)

const { daysFromCivil, daysInMonth } = Instant

/** Excel day serial of a date column's "YYYY-MM-DD" (dates, unlike instants, are calendar text), or NaN if malformed or < 1900-03-01. */
export const dateSerial = (text: string): number => {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN
  const y = number4(text, 0)
  const m = number2(text, 5)
  const d = number2(text, 8)
  if (!(y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) {
    return Number.NaN
  }
  const serial = daysFromCivil(y, m, d) + unixEpochSerial
  return serial >= firstExactSerial ? serial : Number.NaN
}

/**
 * Whole seconds since the Excel epoch of an instant's wall time on `clock` (09:00:00 on 2 March 2026 in
 * Sydney for 2026-03-01T22:00:00Z), or NaN before 1900-03-01, where Excel's serials are off by a day.
 */
export const instantSeconds = (clock: Instant.ZoneClock, ms: number): number => {
  const seconds = clock.wallTime(ms).seconds + unixEpochSerial * secondsPerDay
  return seconds >= firstExactSerial * secondsPerDay ? seconds : Number.NaN
}

const underADay: Array<string | undefined> = new Array(secondsPerDay).fill(undefined) // packed, not sparse

/**
 * Serials from 32768 to 65535 (1989-09-17 to 2079-06-06, every instant a report holds) share one binade:
 * the same exponent, so the double nearest to day + s / 86400 is the day plus a fraction that depends on s
 * alone (the day is a whole multiple of the spacing, 2^-37; no second falls on a tie), its rounding interval
 * is the same width, and its shortest round-tripping text is the day's digits followed by a suffix that
 * depends on s alone. The suffixes are kept (86,400 at most) and the day's digits too, so an instant's text
 * costs two look-ups instead of a double-to-text conversion, which is most of its cost.
 */
const binadeFirstDay = 32_768
const binadeEndDay = 65_536
const binadeFraction: Array<string | undefined> = new Array(secondsPerDay).fill(undefined)
const binadeDay: Array<string | undefined> = new Array(binadeEndDay - binadeFirstDay).fill(undefined)

/**
 * The serial-day text of a number of seconds (a duration, or seconds since the Excel epoch): the shortest
 * text that round-trips `seconds / 86400`, so a reader gets the nearest double to the exact value and
 * `Math.round(v * 86400)` and `Math.floor(v * 86400 + 1e-9)` both give the seconds back.
 */
export const secondsAsDaysText = (seconds: number): string => {
  if (!Number.isInteger(seconds)) return String(seconds / secondsPerDay)
  if (seconds >= 0 && seconds < secondsPerDay) {
    // Most durations are under a day and repeat: their text is kept (86,400 entries at most).
    let text = underADay[seconds]
    if (text === undefined) underADay[seconds] = text = String(seconds / secondsPerDay)
    return text
  }
  const day = Math.floor(seconds / secondsPerDay)
  if (day < binadeFirstDay || day >= binadeEndDay) return String(seconds / secondsPerDay)
  const second = seconds - day * secondsPerDay
  let fraction = binadeFraction[second]
  if (fraction === undefined) {
    // The suffix after the day's five digits, read off any day of the binade.
    binadeFraction[second] = fraction = String((binadeFirstDay * secondsPerDay + second) / secondsPerDay).slice(5)
  }
  let dayText = binadeDay[day - binadeFirstDay]
  if (dayText === undefined) binadeDay[day - binadeFirstDay] = dayText = String(day)
  return dayText + fraction
}
