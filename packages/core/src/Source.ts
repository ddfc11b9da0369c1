/**
 * The port through which core reads a store: the directory of a scope and ordered streams of facts.
 * The store implements it (SQLite, PostgreSQL); reports, tiles and tests only see this interface.
 */
import type { RoomCallBundle, SegmentParticipant, SessionBundle, SessionFigures } from "./Facts.ts"
import type {
  Clinic, ClinicRole, Organisation, OrganisationRole, ReportingConfiguration, Room, User
} from "./Records.ts"

/** Directory records of a scope: the organisations, every clinic and room of them, roles, users, configuration. */
export interface Directory {
  readonly organisations: ReadonlyArray<Organisation>
  /** Every clinic of the organisations, deleted ones included. */
  readonly clinics: ReadonlyArray<Clinic>
  /** Every room of those clinics, deleted ones included. */
  readonly rooms: ReadonlyArray<Room>
  readonly organisationRoles: ReadonlyArray<OrganisationRole>
  readonly clinicRoles: ReadonlyArray<ClinicRole>
  /** Users referenced by those roles, rooms (owners) or hosting in those clinics and rooms; an id missing here is unknown (R22). */
  readonly users: ReadonlyMap<string, User>
  readonly configurations: ReadonlyMap<string, ReportingConfiguration>
}

/** A window of facts: `[start, end)` and the clinics of interest. */
export interface FactQuery {
  readonly start: number
  readonly end: number
  readonly clinicIds: ReadonlyArray<string>
}

/** A window of room calls: `[start, end)` and the rooms of interest. */
export interface RoomCallQuery {
  readonly start: number
  readonly end: number
  readonly roomIds: ReadonlyArray<string>
  /** Whether each call's participants are read (default true); without them a call's list is empty. */
  readonly participants?: boolean
}

/**
 * One participant of one segment with the facts of its segment and session that a Consultations row shows, flat
 * and by position, so that a store can hand over its driver's array rows as they are (nothing built per row).
 * Flags are 0 or 1; the six bandwidth figures are each null when never reported.
 */
export type ParticipantFact = readonly [
  session_id: string,
  session_entry_at: number,
  session_consultation_ms: number,
  segment_id: string,
  clinic_id: string,
  queued_call_id: string,
  entry_at: number,
  answered_at: number | null,
  wait_ms: number,
  end_at: number,
  consultation_ms: number,
  transfer_at: number | null,
  transferred_to_clinic_id: string | null,
  transferred_to_segment_id: string | null,
  abandoned_at: number | null,
  participants: number,
  participant_id: string,
  kind: SegmentParticipant["kind"],
  user_id: string | null,
  joined_at: number | null,
  left_at: number,
  attendance_ms: number,
  incomplete: 0 | 1,
  min_sent_kbps: number | null,
  max_sent_kbps: number | null,
  avg_sent_kbps: number | null,
  min_received_kbps: number | null,
  max_received_kbps: number | null,
  avg_received_kbps: number | null
]

/**
 * One segment of a session with the figures of its session, flat and by position (`ReportSource.segmentFacts`):
 * what the aggregate reports and the tiles count, without an object per segment. `flags` adds 1 when the segment
 * was answered, 2 when it was transferred out (`transfer_at` set), 4 when it was transferred in, 8 when it was
 * abandoned. `hosts_json` is the segment's hosts (an array of `SegmentHost`) as JSON, null when it has none.
 */
export type SegmentFact = readonly [
  session_id: string,
  session_entry_at: number,
  first_clinic_id: string,
  session_consultation_ms: number,
  clinic_id: string,
  flags: number,
  wait_ms: number,
  consultation_ms: number,
  hosts_json: string | null
]

/**
 * One room call's figures, flat and by position (`ReportSource.roomCallFacts`). `hosts_json` is the call's hosts
 * (an array of `RoomCallHost`) as JSON, null when it has none.
 */
export type RoomCallFact = readonly [
  room_call_id: string,
  start_at: number,
  room_id: string,
  duration_ms: number,
  participants: number,
  hosts_json: string | null
]

/** Logins of one user relative to a range. */
export interface LoginSummary {
  readonly lastBeforeEnd: number | null
  readonly inRange: boolean
}

/** What reports read. Streams are ordered as documented and never hold a whole range in memory. */
export interface ReportSource {
  /** Directory of the organisations; unknown ids are simply absent. */
  directory(organisationIds: ReadonlyArray<string>): Promise<Directory>
  /**
   * Sessions whose first entry is in `[start, end)` and that have a segment in one of `clinicIds`, ordered by
   * entry then session id (code points); each with ALL its segments in order (R52), and each segment's
   * participants in order when `participants` is true (an empty list otherwise). With `hosts: false` a
   * source may leave each segment's `hosts` empty (readers that do not need them save their decoding).
   */
  sessions(query: FactQuery & { readonly participants: boolean; readonly hosts?: boolean }): AsyncIterable<SessionBundle>
  /**
   * The participants of the segments in `clinicIds` of sessions whose first entry is in `[start, end)`, in batches:
   * what `sessions` gives with participants, flattened and without the segments outside `clinicIds` (or without
   * participants), in the same order (session entry, session id, segment order, participant order). Optional: the
   * Consultations report flattens `sessions` itself for a source without it.
   */
  participantFacts?(query: FactQuery): AsyncIterable<ReadonlyArray<ParticipantFact>>
  /**
   * The sessions of `sessions` for the same query, in the same order, as their figures only (no participants; ALL
   * their segments, in any order, each with its hosts), a batch at a time: what the aggregate reports and the
   * tiles count in one pass over the range, without an object per participant or an await per session.
   */
  sessionFigures(query: FactQuery): AsyncIterable<ReadonlyArray<SessionFigures>>
  /**
   * The sessions of `sessionFigures` for the same query, as one fact per segment (ALL their segments; a session's
   * segments next to each other, across two batches at most, sessions in any order), in batches: the driver's array rows as they are. Optional:
   * the aggregate reports and the tiles read `sessionFigures` for a source without it.
   */
  segmentFacts?(query: FactQuery): AsyncIterable<ReadonlyArray<SegmentFact>>
  /** Room calls that started in `[start, end)` in a room of `roomIds`, ordered by start then call id, with participants. */
  roomCalls(query: RoomCallQuery): AsyncIterable<RoomCallBundle>
  /**
   * The calls of `roomCalls` for the same query (in any order), as their figures only, in batches: the driver's
   * array rows as they are. Optional: the aggregate reports and the tiles read `roomCalls` for a source without it.
   */
  roomCallFacts?(query: Omit<RoomCallQuery, "participants">): AsyncIterable<ReadonlyArray<RoomCallFact>>
  /**
   * For each clinic: over sessions with first entry before `end` and consultation time `>= thresholdMs`, the latest
   * such session (by entry, then session id) answered in the clinic, and the latest answer time of its segments there.
   */
  lastClinicConsultations(clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number): Promise<ReadonlyMap<string, number>>
  /**
   * For each (clinic, user): over segments in the clinic of sessions with first entry before `end` and consultation
   * time `>= thresholdMs`, the latest `first_consult_at` of that user's host record.
   */
  lastProviderConsultations(
    clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
  ): Promise<ReadonlyArray<{ readonly clinic_id: string; readonly user_id: string; readonly at: number }>>
  /** Login summaries for users relative to `[start, end)`. */
  logins(userIds: ReadonlyArray<string>, start: number, end: number): Promise<ReadonlyMap<string, LoginSummary>>
}

