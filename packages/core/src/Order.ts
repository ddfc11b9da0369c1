/**
 * Orders of the contract: strings by Unicode code point (RULINGS preamble), and call events by instant,
 * then kind, then id (SPEC §4, R15).
 */
import type { CallEvent, EventName } from "./Records.ts"

/** Compares two strings by code point, a prefix first (`e-Z` < `e-a`, `ｚ` < `😀`). */
export const compareCodePoints = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x !== y) {
      // UTF-16 puts surrogates (astral code points) below U+E000..U+FFFF; move them above for code point order.
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000
        y += y >= 0xe000 ? -0x800 : 0x2000
      }
      return x - y
    }
  }
  return a.length - b.length
}

/** Compares possibly blank strings: a blank sorts first (R52). */
export const compareBlankFirst = (a: string | null, b: string | null): number =>
  a === null ? (b === null ? 0 : -1) : b === null ? 1 : compareCodePoints(a, b)

/** Rank of each event kind at one instant (SPEC §4). */
export const eventRank: Readonly<Record<EventName, number>> = {
  "waiting_area.entered": 0,
  "call.transferred": 1,
  "participant.left": 2,
  "participant.joined": 3
}

/** The order of events before the same-instant exceptions of R15: instant, kind, id. */
export const compareEvents = (a: CallEvent, b: CallEvent): number =>
  a.at - b.at || eventRank[a.event] - eventRank[b.event] || compareCodePoints(a.id, b.id)
