/**
 * The six report definitions of SPEC §6 (R48, R49): ids, titles, categories, grains and the fixed columns in
 * order. Bandwidth and tag columns depend on the run's configuration and are added by `resolve`.
 */
import * as Column from "../Column.ts"
import type { Category, ReportDefinition, ReportId } from "../Report.ts"

/** A report's fixed part, before bandwidth and tag columns. */
export interface BaseDefinition {
  readonly id: ReportId
  readonly title: string
  readonly category: Category
  readonly grain: string
  readonly columns: ReadonlyArray<Column.Column>
  /** Whether the six bandwidth columns follow (activity reports) and whether tag columns follow (R50). */
  readonly bandwidth: boolean
  readonly tags: boolean
}

export const organisations: BaseDefinition = {
  id: "organisations",
  title: "Organisations",
  category: "entities",
  grain: "One row per organisation in scope",
  bandwidth: false,
  tags: false,
  columns: [
    Column.string("organisation_id", "Organisation ID", "Stable identifier of the organisation"),
    Column.string("organisation_name", "Organisation", "Name of the organisation"),
    Column.string("state", "State", "State of the organisation"),
    Column.string("specialty", "Specialty", "Specialty of the organisation"),
    Column.string("contract", "Contract", "Contract of the organisation"),
    Column.instant("created_time", "Created", "When the organisation was created"),
    Column.instant("deleted_time", "Deleted", "When the organisation was deleted; blank if it has not been"),
    Column.integer("user_accounts", "User accounts", "Distinct accounts that, at the end of the range, are not deactivated and hold at least one role in the organisation or in one of its clinics"),
    Column.integer("waiting_areas", "Waiting areas", "Clinics (one waiting area each) existing at the end of the range"),
    Column.integer("new_waiting_areas", "New waiting areas", "Clinics created in the range"),
    Column.integer("deleted_waiting_areas", "Deleted waiting areas", "Clinics deleted in the range"),
    Column.integer("service_providers_consulted", "Service providers consulted", "Distinct accounts that, as host, were together with a caller in a counted session of the range"),
    Column.integer("consultations", "Consultations", "Counted sessions (answered, consultation time at least the minimum) that entered a waiting area of this organisation in the range"),
    Column.seconds("consultation_duration", "Consultation time", "Total consultation time of those sessions, over all their segments"),
    Column.integer("meeting_rooms", "Meeting rooms", "Rooms of any kind (meeting, group, user) existing at the end of the range"),
    Column.integer("new_meeting_rooms", "New meeting rooms", "Rooms of any kind created in the range"),
    Column.integer("deleted_meeting_rooms", "Deleted meeting rooms", "Rooms of any kind deleted in the range"),
    Column.integer("room_calls", "Room calls", "Room calls that started in the range and last at least the minimum duration"),
    Column.seconds("room_call_duration", "Room call time", "Total duration of those room calls"),
  ]
}

export const clinics: BaseDefinition = {
  id: "clinics",
  title: "Clinics",
  category: "entities",
  grain: "One row per clinic that existed at any time in the range",
  bandwidth: false,
  tags: true,
  columns: [
    Column.string("organisation_name", "Organisation", "Name of the clinic's organisation"),
    Column.string("clinic_id", "Clinic ID", "Stable identifier of the clinic"),
    Column.string("clinic_name", "Clinic", "Name of the clinic"),
    Column.string("subdomain", "Subdomain", "Subdomain of the clinic"),
    Column.string("waiting_area_status", "Waiting area status", "Open or Closed, as currently configured"),
    Column.string("state", "State", "State of the clinic"),
    Column.string("specialty", "Specialty", "Specialty of the clinic"),
    Column.string("contract", "Contract", "Contract of the clinic"),
    Column.string("consultation_name", "Consultation name", "Name given to consultations in this clinic"),
    Column.instant("created_time", "Created", "When the clinic was created"),
    Column.instant("deleted_time", "Deleted", "When the clinic was deleted; blank if it has not been"),
    Column.instant("last_consultation_time", "Last consultation", "Answer time in this clinic of the latest counted session that entered before the end of the range (any earlier date included); blank if none"),
    Column.integer("members", "Members", "Distinct accounts holding a role in this clinic at the end of the range (accounts not deactivated)"),
    Column.integer("members_consulted", "Members consulted", "Distinct accounts that, as host in this clinic, were together with a caller in a counted session of the range"),
    Column.integer("new_members", "New members", "Distinct accounts granted a role in this clinic in the range"),
    Column.integer("consultations", "Consultations", "Counted sessions of the range answered in this clinic (a session counts once per clinic)"),
    Column.seconds("consultation_duration", "Consultation time", "Consultation time of those sessions spent in this clinic"),
    Column.seconds("average_consultation_duration", "Average consultation", "Consultation time divided by consultations, to the nearest second; blank if none"),
    Column.seconds("average_wait_duration", "Average wait", "Mean wait (entry to answer) of the answered segments of counted sessions in this clinic, to the nearest second; blank if none"),
    Column.integer("abandoned_calls", "Abandoned calls", "Segments of sessions of the range in this clinic whose caller left while waiting, never answered and not transferred (the minimum duration does not apply)"),
    Column.integer("transfers_in", "Transfers in", "Segments of counted sessions transferred into this clinic"),
    Column.integer("transfers_out", "Transfers out", "Segments of counted sessions transferred out of this clinic"),
  ]
}

export const serviceProviders: BaseDefinition = {
  id: "service-providers",
  title: "Service Providers",
  category: "roles",
  grain: "One row per account holder per clinic (a blank-clinic row for holders of organisation roles only)",
  bandwidth: false,
  tags: true,
  columns: [
    Column.string("organisation_name", "Organisation", "Name of the organisation"),
    Column.string("user_id", "User ID", "Stable identifier of the account"),
    Column.string("user_name", "User", "Name of the account"),
    Column.string("email", "Email", "Email address of the account"),
    Column.string("clinic_id", "Clinic ID", "Clinic of the roles; blank on the row of a holder of organisation roles only"),
    Column.string("clinic_name", "Clinic", "Name of the clinic; blank on the row of a holder of organisation roles only"),
    Column.string("roles", "Roles", "Roles held in this clinic (or in the organisation) at any time in the range, separated by '; '"),
    Column.instant("access_granted_time", "Access granted", "Earliest grant among those roles that is still held at the end of the range; blank if none is held"),
    Column.string("account_status", "Account status", "Active, or Deactivated if deactivated before the end of the range"),
    Column.integer("consultations", "Consultations", "Counted sessions of the range in which this provider, as host in this clinic (any clinic of the organisation on a blank-clinic row), was together with a caller"),
    Column.seconds("consultation_duration", "Consultation time", "The provider's own time together with at least one caller in those sessions"),
    Column.instant("last_consultation_time", "Last consultation", "Start of the provider's latest own consultation time in a counted session that entered before the end of the range (any earlier date included); blank if none"),
    Column.integer("room_calls", "Room calls", "Counted room calls of the range, in rooms of this clinic, that the provider joined as host"),
    Column.seconds("room_call_duration", "Room call time", "The provider's own attendance in those room calls"),
    Column.instant("last_login_time", "Last login", "Latest login before the end of the range; blank if none"),
  ]
}

export const serviceProviderSummary: BaseDefinition = {
  id: "service-provider-summary",
  title: "Service Provider Summary",
  category: "roles",
  grain: "One row per role, then a total row, per organisation",
  bandwidth: false,
  tags: false,
  columns: [
    Column.string("organisation_name", "Organisation", "Name of the organisation"),
    Column.string("role", "Role", "The role, or All Service Providers on the total row"),
    Column.string("access_level", "Access level", "Organisation or Clinic; blank on the total row"),
    Column.integer("total", "Total", "Distinct accounts holding the role at the end of the range (accounts not deactivated)"),
    Column.integer("new", "New", "Distinct accounts granted the role in the range"),
    Column.integer("deactivated", "Deactivated", "Distinct accounts whose role was revoked, or whose account was deactivated while holding it, in the range"),
    Column.integer("logged_in", "Logged in", "Distinct accounts holding the role in the range that logged in during the range"),
    Column.integer("active", "Active", "Distinct accounts holding the role in the range that consulted (as host, with a caller) in a counted session or joined a counted room call as host"),
  ]
}

export const roomCalls: BaseDefinition = {
  id: "room-calls",
  title: "Meeting and User Room Calls",
  category: "activities",
  grain: "One row per participant per room call",
  bandwidth: true,
  tags: true,
  columns: [
    Column.string("organisation_name", "Organisation", "Name of the room's organisation"),
    Column.string("clinic_id", "Clinic ID", "Clinic of the room"),
    Column.string("clinic_name", "Clinic", "Name of the clinic of the room"),
    Column.string("room_id", "Room ID", "Stable identifier of the room"),
    Column.string("room_name", "Room", "Name of the room"),
    Column.string("room_type", "Room type", "Meeting, Group or User"),
    Column.string("room_owner_name", "Room owner", "Owner of a user room; blank for other rooms"),
    Column.string("call_id", "Call ID", "Identifier of the room call"),
    Column.instant("call_start_time", "Call start", "First join of the call"),
    Column.instant("call_end_time", "Call end", "Last leave of the call"),
    Column.seconds("call_duration", "Call duration", "From call start to call end"),
    Column.integer("participants_in_call", "Participants in call", "Distinct participants of the call"),
    Column.string("participant_id", "Participant ID", "Identifier of the participant"),
    Column.string("user_name", "User", "Name of the account of a host; blank for guests"),
    Column.string("participant_type", "Participant type", "Host (an account holder) or Guest"),
    Column.instant("joined_time", "Joined", "First join of this participant"),
    Column.instant("left_time", "Left", "Last leave of this participant"),
    Column.seconds("attendance_duration", "Attendance", "Total time this participant was present"),
    Column.boolean("meets_minimum_duration", "Meets minimum duration", "Whether the call duration is at least the minimum consultation duration"),
    Column.boolean("incomplete", "Incomplete", "Whether a presence of this participant had no leave and was closed at the call's last event"),
  ]
}

export const consultations: BaseDefinition = {
  id: "consultations",
  title: "Waiting Area Consultations",
  category: "activities",
  grain: "One row per participant per segment",
  bandwidth: true,
  tags: true,
  columns: [
    Column.string("organisation_name", "Organisation", "Name of the clinic's organisation"),
    Column.string("clinic_id", "Clinic ID", "Clinic of the segment"),
    Column.string("clinic_name", "Clinic", "Name of the clinic of the segment"),
    Column.string("queued_call_id", "Queued call ID", "Identifier of the caller's entry into this clinic's queue"),
    Column.string("session_id", "Session ID", "The whole call; unchanged across transfers"),
    Column.string("segment_id", "Segment ID", "The part of the session spent in this clinic"),
    Column.string("participant_id", "Participant ID", "Identifier of the participant"),
    Column.instant("waiting_area_entry_time", "Waiting area entry", "When the caller entered this clinic's waiting area (or was transferred in)"),
    Column.instant("answered_time", "Answered", "Of the segment: the first instant at which a caller and a host were present together; blank if never answered"),
    Column.string("user_name", "User", "Name of the account of a host; blank for callers"),
    Column.string("participant_type", "Participant type", "Caller (the patient or an invited person) or Host"),
    Column.instant("joined_time", "Joined", "First join; for the primary caller the segment's answer time, blank if never answered"),
    Column.instant("left_time", "Left", "Last leave (for the primary caller, or the transfer out)"),
    Column.seconds("attendance_duration", "Attendance", "Total presence; for the primary caller only the time together with at least one host"),
    Column.seconds("wait_duration", "Wait", "Of the segment: entry to answer time; if never answered, entry to the caller leaving or being transferred"),
    Column.instant("segment_end_time", "Segment end", "Last leave of any participant of the segment"),
    Column.instant("transfer_time", "Transfer time", "When the caller was transferred out of this segment; blank if not"),
    Column.string("transferred_to_clinic_id", "Transferred to clinic ID", "Clinic the caller was transferred to"),
    Column.string("transferred_to_clinic_name", "Transferred to clinic", "Name of that clinic; blank when it belongs to an organisation outside this report's scope"),
    Column.string("transferred_to_segment_id", "Transferred to segment ID", "Segment started by the transfer"),
    Column.integer("participants_in_segment", "Participants in segment", "Distinct participants of the segment, caller included"),
    Column.seconds("consultation_duration", "Consultation time", "Of the segment: time with at least one caller and one host present together"),
    Column.boolean("meets_minimum_duration", "Meets minimum duration", "Whether the session's consultation time (all segments) is at least the minimum"),
    Column.boolean("abandoned", "Abandoned", "The caller left while waiting: never answered and not transferred"),
    Column.instant("abandoned_time", "Abandoned time", "When the caller of an abandoned segment left"),
    Column.boolean("incomplete", "Incomplete", "Whether a presence of this participant had no closing event and was closed at the segment's last event"),
  ]
}

/** The six bandwidth columns, in order (SPEC §6). */
export const bandwidthColumns: ReadonlyArray<Column.Column> = [
  Column.integer("min_sent_kbps", "Min sent (kbps)", "Lowest upload bandwidth of this participant, as last reported when leaving; blank if never reported"),
  Column.integer("max_sent_kbps", "Max sent (kbps)", "Highest upload bandwidth of this participant, as last reported when leaving; blank if never reported"),
  Column.integer("avg_sent_kbps", "Average sent (kbps)", "Average upload bandwidth of this participant, as last reported when leaving; blank if never reported"),
  Column.integer("min_received_kbps", "Min received (kbps)", "Lowest download bandwidth of this participant, as last reported when leaving; blank if never reported"),
  Column.integer("max_received_kbps", "Max received (kbps)", "Highest download bandwidth of this participant, as last reported when leaving; blank if never reported"),
  Column.integer("avg_received_kbps", "Average received (kbps)", "Average download bandwidth of this participant, as last reported when leaving; blank if never reported"),
]

/** Every report in the order of SPEC §6. */
export const all: ReadonlyArray<BaseDefinition> = [organisations, clinics, serviceProviders, serviceProviderSummary, roomCalls, consultations]

/** The base definition of a report id. */
export const byId = (id: ReportId): BaseDefinition => all.find((d) => d.id === id)!

/** A tag column: `tag:<key>`, header the tag's label (R49–R51). */
export const tagColumn = (key: string, label: string): Column.Column =>
  Column.string(`tag:${key}`, label, `Reporting tag '${label}' of the clinic (a room's own value first, on room rows)`)

/** The definition for a run: fixed columns, then bandwidth columns when shown, then tag columns (R49). */
export const resolve = (
  base: BaseDefinition,
  options: { readonly bandwidth: boolean; readonly tags: ReadonlyArray<{ readonly key: string; readonly label: string }> }
): ReportDefinition => ({
  id: base.id,
  title: base.title,
  category: base.category,
  grain: base.grain,
  columns: [
    ...base.columns,
    ...(base.bandwidth && options.bandwidth ? bandwidthColumns : []),
    ...(base.tags ? options.tags.map((t) => tagColumn(t.key, t.label)) : [])
  ]
})
