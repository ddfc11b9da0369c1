/**
 * Turns a pending line into its NDJSON record object (SPEC §4 event and login shapes), numbering events in the
 * order they are emitted. The objects are made only here, as they are yielded.
 */
import {
  L_ENTERED,
  L_JOINED_ROOM_GUEST,
  L_JOINED_ROOM_HOST,
  L_JOINED_SEGMENT_CALLER,
  L_JOINED_SEGMENT_HOST,
  L_LEFT_SEGMENT,
  L_LOGIN,
  L_TRANSFERRED,
  type Lines
} from "./lines.ts"
import type { Plan } from "./plan.ts"
import { pad } from "./time.ts"

/** A function from (lines, index) to the record of that line; each call numbers the next event. */
export const makeRecord = (plan: Plan, iso: (ms: number) => string) => {
  let eventSeq = 0
  return (l: Lines, i: number): Record<string, unknown> => {
    const kind = l.kind[i]!
    const at = iso(l.t[i]!)
    if (kind === L_LOGIN) return { type: "login", user_id: plan.users[l.a[i]!]!.id, at }
    const id = `e-${pad(++eventSeq, 8)}`
    const a = l.a[i]!
    const pid = `p-${pad(l.e[i]!, 8)}`
    switch (kind) {
      case L_ENTERED:
        return {
          type: "event",
          id,
          event: "waiting_area.entered",
          at,
          session_id: `s-${pad(a, 7)}`,
          segment_id: `g-${pad(l.b[i]!, 7)}`,
          queued_call_id: `q-${pad(l.c[i]!, 7)}`,
          clinic_id: plan.clinics[l.d[i]!]!.id,
          participant_id: pid
        }
      case L_TRANSFERRED:
        return {
          type: "event",
          id,
          event: "call.transferred",
          at,
          segment_id: `g-${pad(a, 7)}`,
          to_clinic_id: plan.clinics[l.b[i]!]!.id,
          to_segment_id: `g-${pad(l.c[i]!, 7)}`,
          to_queued_call_id: `q-${pad(l.d[i]!, 7)}`
        }
      case L_JOINED_SEGMENT_HOST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          segment_id: `g-${pad(a, 7)}`,
          participant_id: pid,
          role: "host",
          user_id: plan.users[l.b[i]!]!.id
        }
      case L_JOINED_SEGMENT_CALLER:
        return { type: "event", id, event: "participant.joined", at, segment_id: `g-${pad(a, 7)}`, participant_id: pid, role: "caller" }
      case L_JOINED_ROOM_HOST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          room_id: plan.rooms[l.b[i]!]!.id,
          room_call_id: `rc-${pad(a, 7)}`,
          participant_id: pid,
          role: "host",
          user_id: plan.users[l.c[i]!]!.id
        }
      case L_JOINED_ROOM_GUEST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          room_id: plan.rooms[l.b[i]!]!.id,
          room_call_id: `rc-${pad(a, 7)}`,
          participant_id: pid,
          role: "guest"
        }
      default: {
        const rec: Record<string, unknown> =
          kind === L_LEFT_SEGMENT
            ? { type: "event", id, event: "participant.left", at, segment_id: `g-${pad(a, 7)}`, participant_id: pid }
            : { type: "event", id, event: "participant.left", at, room_call_id: `rc-${pad(a, 7)}`, participant_id: pid }
        if (l.hasBw[i] === 1) {
          const bw = l.bw
          const o = i * 6
          rec["bandwidth"] = {
            min_sent_kbps: bw[o],
            max_sent_kbps: bw[o + 1],
            avg_sent_kbps: bw[o + 2],
            min_received_kbps: bw[o + 3],
            max_received_kbps: bw[o + 4],
            avg_received_kbps: bw[o + 5]
          }
        }
        return rec
      }
    }
  }
}
