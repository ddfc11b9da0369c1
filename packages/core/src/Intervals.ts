/**
 * Half-open time intervals `[start, end)` in epoch ms: unions where touching stretches merge (R16),
 * intersections, and total length. Zero-length intervals add nothing to any duration.
 */

export type Interval = readonly [number, number]

/** The union of intervals as sorted, disjoint, positive-length stretches. */
export const union = (intervals: ReadonlyArray<Interval>): Array<Interval> => {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0])
  const out: Array<[number, number]> = []
  for (const [s, e] of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

/** The intersection of two unions (as returned by `union`), positive-length stretches only. */
export const intersect = (a: ReadonlyArray<Interval>, b: ReadonlyArray<Interval>): Array<Interval> => {
  const out: Array<Interval> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!
    const [bs, be] = b[j]!
    const s = Math.max(as, bs)
    const e = Math.min(ae, be)
    if (e > s) out.push([s, e])
    if (ae < be) i++
    else j++
  }
  return out
}

/** Total length of disjoint intervals, ms. */
export const total = (intervals: ReadonlyArray<Interval>): number => intervals.reduce((sum, [s, e]) => sum + (e - s), 0)
