/**
 * The tables of the store as kysely types: the directory (upserted, R14), logins, call events with their
 * component, the link keys that tie events into components, and the facts core projects from each component.
 * Instants and durations are epoch / exact milliseconds; booleans are 0/1; tags are JSON text.
 */

/** 0 or 1: booleans are stored as integers on every dialect. */
export type Flag = 0 | 1

export interface OrganisationsTable {
  id: string
  name: string | null
  state: string | null
  specialty: string | null
  contract: string | null
  created_at: number
  deleted_at: number | null
}

export interface ClinicsTable {
  id: string
  organisation_id: string
  name: string | null
  subdomain: string | null
  status: string
  state: string | null
  specialty: string | null
  contract: string | null
  consultation_name: string | null
  created_at: number
  deleted_at: number | null
  /** JSON object of tag values. */
  tags: string
}

export interface UsersTable {
  id: string
  name: string | null
  email: string | null
  created_at: number
  deactivated_at: number | null
}

export interface OrganisationRolesTable {
  user_id: string
  organisation_id: string
  role: string
  granted_at: number
  revoked_at: number | null
}

export interface ClinicRolesTable {
  user_id: string
  clinic_id: string
  role: string
  granted_at: number
  revoked_at: number | null
}

export interface RoomsTable {
  id: string
  clinic_id: string
  kind: string
  name: string | null
  owner_user_id: string | null
  created_at: number
  deleted_at: number | null
  /** JSON object of tag values. */
  tags: string
}

export interface ReportingConfigurationsTable {
  organisation_id: string
  /** JSON array of `{key, label}`. */
  tags: string
  bandwidth_columns: Flag
  default_timezone: string | null
  default_minimum_duration_minutes: number | null
}

export interface LoginsTable {
  user_id: string
  at: number
}

/** The six bandwidth columns, in the column order of SPEC §6. */
export interface BandwidthColumns {
  min_sent_kbps: number | null
  max_sent_kbps: number | null
  avg_sent_kbps: number | null
  min_received_kbps: number | null
  max_received_kbps: number | null
  avg_received_kbps: number | null
}

export interface EventsTable extends BandwidthColumns {
  id: string
  /**
   * The SHA-256 (base64) of the line's canonical JSON (core's `CallEvent.identity`), equal for the same event (R13);
   * in rows written before, the canonical JSON itself (see identity.ts).
   */
  identity: string
  event: string
  at: number
  session_id: string | null
  segment_id: string | null
  queued_call_id: string | null
  clinic_id: string | null
  participant_id: string | null
  role: string | null
  user_id: string | null
  room_id: string | null
  room_call_id: string | null
  to_clinic_id: string | null
  to_segment_id: string | null
  to_queued_call_id: string | null
  component: number
}

/** One link key of core's `linkKeys` and the component it belongs to. */
export interface LinksTable {
  key: string
  component: number
}

/** Components whose facts must be recomputed before the running import or reprojection commits. */
export interface PendingComponentsTable {
  component: number
}

export interface SessionsTable {
  session_id: string
  component: number
  entry_at: number
  first_clinic_id: string
  consultation_ms: number
}

export interface SegmentsTable {
  segment_id: string
  session_id: string
  component: number
  clinic_id: string
  queued_call_id: string
  entry_at: number
  start_seq: number
  answered_at: number | null
  wait_ms: number
  end_at: number
  consultation_ms: number
  transfer_at: number | null
  transferred_to_clinic_id: string | null
  transferred_to_segment_id: string | null
  transferred_in: Flag
  abandoned_at: number | null
  participants: number
  /** JSON array of core's `SegmentHost`, in projected order. */
  hosts_json: string
}

/** A provider's own consultation time in one segment, kept as rows for the "last consultation" aggregates. */
export interface SegmentHostsTable {
  segment_id: string
  user_id: string
  session_id: string
  clinic_id: string
  own_ms: number
  first_consult_at: number | null
}

/** Each (clinic, account) that hosted a segment in the clinic: kept as facts, so look-ups need not scan history. */
export interface ClinicHostsTable {
  clinic_id: string
  user_id: string
}

/** Each (room, account) that joined a call of the room as host. */
export interface RoomHostsTable {
  room_id: string
  user_id: string
}

export interface SegmentParticipantsTable extends BandwidthColumns {
  segment_id: string
  /** Position in the projected order of the segment's participants. */
  ord: number
  participant_id: string
  appearance: number
  kind: string
  user_id: string | null
  joined_at: number | null
  left_at: number
  attendance_ms: number
  incomplete: Flag
}

export interface RoomCallsTable {
  room_call_id: string
  component: number
  room_id: string
  start_at: number
  end_at: number
  duration_ms: number
  participants: number
  /** JSON array of core's `RoomCallHost`, in projected order. */
  hosts_json: string
}

export interface RoomCallParticipantsTable extends BandwidthColumns {
  room_call_id: string
  /** Position in the projected order of the call's participants. */
  ord: number
  participant_id: string
  appearance: number
  role: string
  user_id: string | null
  joined_at: number
  left_at: number
  attendance_ms: number
  incomplete: Flag
}

/** Every table of the store. */
export interface Database {
  organisations: OrganisationsTable
  clinics: ClinicsTable
  users: UsersTable
  organisation_roles: OrganisationRolesTable
  clinic_roles: ClinicRolesTable
  rooms: RoomsTable
  reporting_configurations: ReportingConfigurationsTable
  logins: LoginsTable
  events: EventsTable
  links: LinksTable
  pending_components: PendingComponentsTable
  sessions: SessionsTable
  segments: SegmentsTable
  segment_hosts: SegmentHostsTable
  clinic_hosts: ClinicHostsTable
  room_hosts: RoomHostsTable
  segment_participants: SegmentParticipantsTable
  room_calls: RoomCallsTable
  room_call_participants: RoomCallParticipantsTable
}

/** Tables whose rows `counts()` reports, in a stable order. */
export const countedTables = [
  "organisations", "clinics", "users", "organisation_roles", "clinic_roles", "rooms", "reporting_configurations",
  "logins", "events", "sessions", "segments", "segment_participants", "room_calls", "room_call_participants"
] as const satisfies ReadonlyArray<keyof Database>

/** Tables of facts, recomputed from events. */
export const factTables = [
  "sessions", "segments", "segment_hosts", "segment_participants", "room_calls", "room_call_participants"
] as const satisfies ReadonlyArray<keyof Database>
