/**
 * Facts: what core's rules project from call events (SPEC §5) and the store keeps, so that reports read
 * facts rather than raw events. Instants are epoch ms; durations are exact milliseconds (rounded down to
 * whole seconds only when shown, R37).
 */
import type { Bandwidth } from "./Records.ts"

/** A provider's own consultation time in one segment, over all their devices (R41, R42). */
export interface SegmentHost {
  readonly user_id: string
  /** Time present as host together with at least one caller, ms. */
  readonly own_ms: number
  /** First instant of that time; null when own_ms is 0. */
  readonly first_consult_at: number | null
}

/** One participant of a segment (one Consultations row). */
export interface SegmentParticipant {
  readonly participant_id: string
  /** Order of first appearance in the segment (0 = first). */
  readonly appearance: number
  readonly kind: "primary" | "caller" | "host"
  readonly user_id: string | null
  /** Primary caller: the segment's answer time (null if never answered); others: first join. */
  readonly joined_at: number | null
  readonly left_at: number
  readonly attendance_ms: number
  readonly incomplete: boolean
  readonly bandwidth: Bandwidth | null
}

/** One segment: the part of a session spent in one clinic. */
export interface Segment {
  readonly segment_id: string
  readonly session_id: string
  readonly clinic_id: string
  readonly queued_call_id: string
  readonly entry_at: number
  /** Position of the segment's starting event in the order of events (R15), for row order. */
  readonly start_seq: number
  readonly answered_at: number | null
  readonly wait_ms: number
  readonly end_at: number
  readonly consultation_ms: number
  readonly transfer_at: number | null
  readonly transferred_to_clinic_id: string | null
  readonly transferred_to_segment_id: string | null
  readonly transferred_in: boolean
  readonly abandoned_at: number | null
  readonly participants: number
  readonly hosts: ReadonlyArray<SegmentHost>
}

/** One session: the whole call across its segments. */
export interface Session {
  readonly session_id: string
  /** First waiting-area entry: the range a session belongs to (SPEC §5). */
  readonly entry_at: number
  /** The clinic of its first segment: its organisation owns the session. */
  readonly first_clinic_id: string
  /** Sum of its segments' consultation time, ms: judged against the minimum. */
  readonly consultation_ms: number
}

/** A session with its segments in order, each with its participants in order (when asked for). */
export interface SessionBundle {
  readonly session: Session
  readonly segments: ReadonlyArray<{ readonly segment: Segment; readonly participants: ReadonlyArray<SegmentParticipant> }>
}

/** A segment's figures, what the aggregate reports and the tiles count (SPEC §5, §7): no participants. */
export type SegmentFigures = Pick<
  Segment,
  "segment_id" | "clinic_id" | "answered_at" | "wait_ms" | "consultation_ms" | "transfer_at" | "transferred_in" | "abandoned_at" | "hosts"
>

/** A session as the aggregate reports and the tiles read it: its figures and ALL its segments' figures. */
export interface SessionFigures {
  readonly session_id: string
  readonly first_clinic_id: string
  readonly consultation_ms: number
  readonly segments: ReadonlyArray<SegmentFigures>
}

/** One participant of a room call (one Room calls row). */
export interface RoomCallParticipant {
  readonly participant_id: string
  readonly appearance: number
  readonly role: "host" | "guest"
  readonly user_id: string | null
  readonly joined_at: number
  readonly left_at: number
  readonly attendance_ms: number
  readonly incomplete: boolean
  readonly bandwidth: Bandwidth | null
}

/** A provider's own attendance as host in one room call, over all their devices (R44, R73). */
export interface RoomCallHost {
  readonly user_id: string
  /** The union of the presences of their host participants, ms. */
  readonly attendance_ms: number
}

/** One room call. */
export interface RoomCall {
  readonly room_call_id: string
  /** The room of its first join (R43). */
  readonly room_id: string
  readonly start_at: number
  readonly end_at: number
  readonly duration_ms: number
  readonly participants: number
  /** Each account that joined as host, in order of first appearance. */
  readonly hosts: ReadonlyArray<RoomCallHost>
}

/** A room call with its participants in order. */
export interface RoomCallBundle {
  readonly call: RoomCall
  readonly participants: ReadonlyArray<RoomCallParticipant>
}

/** What projecting one component of events yields. */
export interface Projection {
  readonly sessions: ReadonlyArray<SessionBundle>
  readonly roomCalls: ReadonlyArray<RoomCallBundle>
}
