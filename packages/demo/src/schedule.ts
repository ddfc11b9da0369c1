/**
 * How busy a clinic is on a day of the week (sessions, room calls, opening hours), and the size estimate derived
 * from it that benchmarks use to choose options for a number of participant rows.
 */
import { type DemoOptions, resolve } from "./options.ts"
import { buildPlan } from "./plan.ts"
import { HOUR } from "./time.ts"

/** Sessions of a clinic on a day of the week (ISO: 6 Saturday, 7 Sunday). */
export const sessionsOn = (perDay: number, dow: number) => (dow === 6 ? Math.floor(perDay / 3) : dow === 7 ? Math.floor(perDay / 6) : perDay)
/** Expected room calls of a clinic on a day of the week. */
export const roomCallsOn = (perDay: number, dow: number) => (dow === 6 ? perDay / 12 : dow === 7 ? 0 : perDay / 4)
/** Opening hours, local seconds: [open, last entry). */
export const hoursOn = (dow: number): readonly [number, number] =>
  dow === 6 ? [9 * HOUR, 13 * HOUR] : dow === 7 ? [10 * HOUR, 14 * HOUR] : [8 * HOUR, 17.75 * HOUR]

/** Rough number of participant rows (consultation + room-call participant rows) for the given options, for sizing benchmarks. */
export const estimateParticipantRows = (options: DemoOptions): number => {
  const r = resolve(options)
  const plan = buildPlan(r)
  let sessions = 0
  let roomCalls = 0
  for (const day of plan.days) {
    for (const org of plan.orgs) {
      for (const c of org.clinics) {
        if (c.sessionFrom <= day.index && day.index < c.sessionTo) sessions += sessionsOn(r.sessions, day.dow)
        if (c.roomFrom <= day.index && day.index < c.roomTo) roomCalls += roomCallsOn(r.sessions, day.dow)
      }
    }
  }
  return Math.round(sessions * ROWS_PER_SESSION + roomCalls * ROWS_PER_ROOM_CALL)
}

/** Participant rows per session and per room call, as measured on large runs of this generator. */
const ROWS_PER_SESSION = 2.34
const ROWS_PER_ROOM_CALL = 3.35
