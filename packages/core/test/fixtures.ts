/** Helpers to write call events by hand in tests: times are local 2026-03-02 Sydney (+11:00) clock times. */
import type { CallEvent } from "../src/Records.ts"
import { decodeValue } from "../src/Records.ts"

let counter = 0
const at = (hhmmss: string) => `2026-03-02T${hhmmss.length === 5 ? hhmmss + ":00" : hhmmss}+11:00`

const make = (fields: Record<string, unknown>): CallEvent => {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  const value = { type: "event", id: `e-${String(++counter).padStart(4, "0")}`, ...defined }
  const r = decodeValue(value, 1)
  if (r instanceof Error || r.type !== "event") throw new Error(`bad fixture: ${String((r as Error).message)}`)
  return r
}

/** `waiting_area.entered`. */
export const enter = (time: string, segment: string, o: { session?: string; clinic?: string; caller?: string; id?: string } = {}) =>
  make({ id: o.id, event: "waiting_area.entered", at: at(time), session_id: o.session ?? "s-1", segment_id: segment, queued_call_id: `q-${segment}`, clinic_id: o.clinic ?? "cl-a", participant_id: o.caller ?? "p-pat" })
/** A host joins a segment. */
export const hostJoins = (time: string, segment: string, participant: string, user: string, id?: string) =>
  make({ id, event: "participant.joined", at: at(time), segment_id: segment, participant_id: participant, role: "host", user_id: user })
/** An invited caller (or the primary caller re-entering) joins a segment. */
export const callerJoins = (time: string, segment: string, participant: string, id?: string) =>
  make({ id, event: "participant.joined", at: at(time), segment_id: segment, participant_id: participant, role: "caller" })
/** Someone leaves a segment. */
export const leaves = (time: string, segment: string, participant: string, o: { id?: string; bandwidth?: Array<number> } = {}) =>
  make({
    id: o.id, event: "participant.left", at: at(time), segment_id: segment, participant_id: participant,
    ...(o.bandwidth === undefined ? {} : {
      bandwidth: Object.fromEntries(["min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"].map((k, i) => [k, o.bandwidth![i]]))
    })
  })
/** A transfer out of a segment into a new one. */
export const transfer = (time: string, from: string, to: string, clinic: string, id?: string) =>
  make({ id, event: "call.transferred", at: at(time), segment_id: from, to_clinic_id: clinic, to_segment_id: to, to_queued_call_id: `q-${to}` })
/** Room call join / leave. */
export const roomJoins = (time: string, call: string, participant: string, o: { room?: string; user?: string; role?: "host" | "guest"; id?: string } = {}) =>
  make({ id: o.id, event: "participant.joined", at: at(time), room_id: o.room ?? "room-1", room_call_id: call, participant_id: participant, role: o.role ?? (o.user ? "host" : "guest"), user_id: o.user })
export const roomLeaves = (time: string, call: string, participant: string, id?: string) =>
  make({ id, event: "participant.left", at: at(time), room_call_id: call, participant_id: participant })

/** Epoch ms of a local Sydney time on 2026-03-02. */
export const ms = (time: string) => Date.parse(at(time))
