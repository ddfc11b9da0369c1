/**
 * Instants: parsing the input form of RULINGS R11–R12 into epoch milliseconds, and showing an instant in a
 * run's timezone (R69). Offsets come from Temporal; each zone's offset intervals are cached between
 * transitions, so formatting a million timestamps does not call Temporal a million times.
 */
import { Temporal } from "@js-temporal/polyfill"

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type EpochMs = number

const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm; exact for every year). */
export const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a day number (inverse of `daysFromCivil`). */
export const civilFromDays = (z: number): readonly [number, number, number] => {
  const zz = z + 719468
  const era = Math.floor(zz / 146097)
  const doe = zz - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp + (mp < 10 ? 3 : -9)
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d]
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
/** Days in a month of a year. */
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/** Parses an instant written as R11 allows; `undefined` when it is malformed. Keeps milliseconds (R12). */
export const parse = (text: string): EpochMs | undefined => {
  const m = instantPattern.exec(text)
  if (m === null) return undefined
  const [, ys, mos, ds, hs, mis, ss, frac, off] = m
  const y = Number(ys), mo = Number(mos), d = Number(ds), h = Number(hs), mi = Number(mis)
  const s = ss === undefined ? 0 : Number(ss)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined
  const ms = frac === undefined ? 0 : Number((frac + "00").slice(0, 3))
  let offsetMinutes = 0
  if (off !== "Z" && off !== "z" && off !== undefined) {
    const digits = off.slice(1).replace(":", "")
    const oh = Number(digits.slice(0, 2))
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (oh > 23 || om > 59) return undefined
    offsetMinutes = (off[0] === "-" ? -1 : 1) * (oh * 60 + om)
  }
  return (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000 + ms - offsetMinutes * 60000
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n
const pad4 = (n: number) => (n < 0 ? "-" + String(-n).padStart(6, "0") : n > 9999 ? "+" + String(n).padStart(6, "0") : String(n).padStart(4, "0"))

interface Interval {
  readonly start: number
  readonly end: number
  readonly offsetMs: number
  readonly offsetText: string
}

const offsetText = (offsetMs: number): string => {
  const sign = offsetMs < 0 ? "-" : "+"
  const total = Math.abs(offsetMs) / 1000
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = Math.round(total % 60)
  return `${sign}${pad2(h)}:${pad2(m)}${s === 0 ? "" : ":" + pad2(s)}`
}

/** An instant's wall time in a zone: whole seconds since 1970-01-01T00:00:00 on that zone's clock, and the offset then. */
export interface WallTime {
  readonly seconds: number
  /** `+11:00`, `-03:30`, or with seconds for old local mean times. */
  readonly offset: string
}

/** `2026-03-02T09:00:00+11:00`: ISO 8601 text of a wall time, with its offset. */
export const isoText = (wall: WallTime): string => {
  const local = wall.seconds
  const days = Math.floor(local / 86400)
  const secs = local - days * 86400
  const [y, mo, d] = civilFromDays(days)
  return `${pad4(y)}-${pad2(mo)}-${pad2(d)}T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}${wall.offset}`
}

/** Offsets of one timezone, cached per interval between transitions. */
export class ZoneClock {
  private readonly intervals: Array<Interval> = []
  private last: Interval | undefined
  constructor(readonly zone: string) {}

  private interval(ms: EpochMs): Interval {
    const last = this.last
    if (last !== undefined && ms >= last.start && ms < last.end) return last
    for (const i of this.intervals) {
      if (ms >= i.start && ms < i.end) return (this.last = i)
    }
    const zdt = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.zone)
    const prev = zdt.getTimeZoneTransition("previous")
    const next = zdt.getTimeZoneTransition("next")
    const offsetMs = zdt.offsetNanoseconds / 1e6
    const made: Interval = {
      start: prev === null ? -Infinity : prev.epochMilliseconds,
      end: next === null ? Infinity : next.epochMilliseconds,
      offsetMs,
      offsetText: offsetText(offsetMs)
    }
    this.intervals.push(made)
    return (this.last = made)
  }

  /** The offset from UTC in force at an instant, in milliseconds. */
  offsetMs(ms: EpochMs): number {
    return this.interval(ms).offsetMs
  }

  /**
   * The wall time of an instant in this zone, to the second (R69): the one conversion every renderer uses,
   * to ISO text with offset (`format`, JSON and CSV) or to an Excel serial (XLSX). DST-exact: the offset
   * is Temporal's, cached per interval between transitions, so no Temporal object is made per instant.
   */
  wallTime(ms: EpochMs): WallTime {
    const i = this.interval(ms)
    return { seconds: Math.floor((ms + i.offsetMs) / 1000), offset: i.offsetText }
  }

  /** `2026-03-02T09:00:00+11:00`: the wall time in this zone to the second, milliseconds dropped (R69). */
  format(ms: EpochMs): string {
    return isoText(this.wallTime(ms))
  }

  /** The local calendar date (`YYYY-MM-DD`) of an instant in this zone. */
  localDate(ms: EpochMs): string {
    return this.format(ms).slice(0, 10)
  }
}
