/**
 * The trends document (SPEC §11.1) as chart rows: one row per bucket with its label, and long rows (one per
 * bucket and series) for charts with several lines.
 */
import type { Bucket, Granularity, TrendFigures, Trends } from "../api.ts"
import { bucketLabel } from "./dates.ts"

/** A bucket as a chart row. */
export interface Point { readonly index: number; readonly label: string; readonly start: string; readonly value: number | null; readonly series: string }

/** One series of figures per bucket, mapped by `value`. */
export const seriesOf = (buckets: ReadonlyArray<Bucket>, granularity: Granularity, locale: string, series: string, value: (f: TrendFigures) => number | null): Array<Point> =>
  buckets.map((b, index) => ({ index, label: bucketLabel(b.start, granularity, locale), start: b.start, value: value(b.figures), series }))

/** Whether a trends document holds no consultation or room-call activity at all. */
export const isEmpty = (trends: Trends): boolean =>
  trends.totals.consultations === 0 && trends.totals.room_calls === 0 && trends.totals.abandoned === 0

/** Ticks to label on an axis of `n` buckets so that at most `max` show. */
export const tickEvery = (n: number, max: number): number => Math.max(1, Math.ceil(n / Math.max(1, max)))

/** Seconds as hours or minutes for an axis (one decimal). */
export const toHours = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10)
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10)

/** Series as table rows: one row per bucket label, one column per series, each value formatted. */
export const tableRows = (points: ReadonlyArray<Point>, names: ReadonlyArray<string>, format: (value: number | null) => string): Array<Array<string>> => {
  const byLabel = new Map<string, Array<string>>()
  for (const p of points) {
    const row = byLabel.get(p.label) ?? [p.label, ...names.map(() => format(null))]
    row[names.indexOf(p.series) + 1] = format(p.value)
    byLabel.set(p.label, row)
  }
  return [...byLabel.values()]
}
