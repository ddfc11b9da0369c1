/**
 * The reads of core's ReportSource port over the store's tables: the directory of a scope, keyset-paginated
 * streams of sessions and room calls (bounded memory whatever the range), and the small aggregates for "last
 * consultation" and logins. Orders are those documented in core's Source.ts, by code point on both databases.
 */
import type {
  Clinic, ClinicRole, Directory, FactQuery, LoginSummary, Organisation, OrganisationRole, ReportingConfiguration,
  Room, RoomCallBundle, SegmentParticipant, SessionBundle, User
} from "@vcr/core"
import { sql, type Kysely, type Selectable } from "kysely"
import type { StoreDialect } from "./dialect.ts"
import {
  roomCallOf, roomCallParticipantOf, segmentOf, segmentParticipantOf, sessionOf
} from "./facts.ts"
import type {
  ClinicRolesTable, ClinicsTable, Database, OrganisationRolesTable, OrganisationsTable, ReportingConfigurationsTable,
  RoomsTable, UsersTable
} from "./schema.ts"

/** Sessions (or room calls) per page of a stream. */
export const STREAM_PAGE = 500

/** An instant or threshold as a bound integer: `x >= t` on integer columns is `x >= ceil(t)`; infinities clamp. */
const bound = (t: number): number =>
  Math.min(Math.max(Math.ceil(t), -Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER)

export const organisationOf = (r: Selectable<OrganisationsTable>): Organisation => ({
  type: "organisation", id: r.id, name: r.name, state: r.state, specialty: r.specialty, contract: r.contract,
  created_at: r.created_at, deleted_at: r.deleted_at
})

export const clinicOf = (r: Selectable<ClinicsTable>): Clinic => ({
  type: "clinic", id: r.id, organisation_id: r.organisation_id, name: r.name, subdomain: r.subdomain,
  status: r.status as Clinic["status"], state: r.state, specialty: r.specialty, contract: r.contract,
  consultation_name: r.consultation_name, created_at: r.created_at, deleted_at: r.deleted_at,
  tags: JSON.parse(r.tags) as Clinic["tags"]
})

export const userOf = (r: Selectable<UsersTable>): User => ({
  type: "user", id: r.id, name: r.name, email: r.email, created_at: r.created_at, deactivated_at: r.deactivated_at
})

export const organisationRoleOf = (r: Selectable<OrganisationRolesTable>): OrganisationRole => ({
  type: "organisation_role", user_id: r.user_id, organisation_id: r.organisation_id,
  role: r.role as OrganisationRole["role"], granted_at: r.granted_at, revoked_at: r.revoked_at
})

export const clinicRoleOf = (r: Selectable<ClinicRolesTable>): ClinicRole => ({
  type: "clinic_role", user_id: r.user_id, clinic_id: r.clinic_id, role: r.role as ClinicRole["role"],
  granted_at: r.granted_at, revoked_at: r.revoked_at
})

const roomOf = (r: Selectable<RoomsTable>): Room => ({
  type: "room", id: r.id, clinic_id: r.clinic_id, kind: r.kind as Room["kind"], name: r.name,
  owner_user_id: r.owner_user_id, created_at: r.created_at, deleted_at: r.deleted_at,
  tags: JSON.parse(r.tags) as Room["tags"]
})

export const configurationOf = (r: Selectable<ReportingConfigurationsTable>): ReportingConfiguration => ({
  type: "reporting_configuration", organisation_id: r.organisation_id,
  tags: JSON.parse(r.tags) as ReportingConfiguration["tags"], bandwidth_columns: Number(r.bandwidth_columns) === 1,
  default_timezone: r.default_timezone, default_minimum_duration_minutes: r.default_minimum_duration_minutes
})

/** The directory of some organisations: their clinics and rooms (deleted ones too), roles, users and configurations. */
export const directory = async (db: Kysely<Database>, dialect: StoreDialect, organisationIds: ReadonlyArray<string>): Promise<Directory> => {
  const ids = [...new Set(organisationIds)]
  if (ids.length === 0) {
    return { organisations: [], clinics: [], rooms: [], organisationRoles: [], clinicRoles: [], users: new Map(), configurations: new Map() }
  }
  const clinicIds = db.selectFrom("clinics").select("clinics.id").where(dialect.anyOf("clinics.organisation_id", ids))
  const [organisations, clinics, rooms, organisationRoles, clinicRoles, users, configurations] = await Promise.all([
    db.selectFrom("organisations").selectAll().where(dialect.anyOf("id", ids)).orderBy("id").execute(),
    db.selectFrom("clinics").selectAll().where(dialect.anyOf("organisation_id", ids)).orderBy("organisation_id").orderBy("id").execute(),
    db.selectFrom("rooms").selectAll().where("clinic_id", "in", clinicIds).orderBy("clinic_id").orderBy("id").execute(),
    db.selectFrom("organisation_roles").selectAll().where(dialect.anyOf("organisation_id", ids))
      .orderBy("organisation_id").orderBy("user_id").orderBy("role").orderBy("granted_at").execute(),
    db.selectFrom("clinic_roles").selectAll().where("clinic_id", "in", clinicIds)
      .orderBy("clinic_id").orderBy("user_id").orderBy("role").orderBy("granted_at").execute(),
    db.selectFrom("users").selectAll()
      .where((eb) => eb.or([
        eb("id", "in", eb.selectFrom("organisation_roles").select("organisation_roles.user_id").where(dialect.anyOf("organisation_roles.organisation_id", ids))),
        eb("id", "in", eb.selectFrom("clinic_roles").select("clinic_roles.user_id").where("clinic_roles.clinic_id", "in", clinicIds)),
        eb("id", "in", eb.selectFrom("rooms").select("rooms.owner_user_id").where("rooms.clinic_id", "in", clinicIds).where("rooms.owner_user_id", "is not", null)),
        // Hosts are named on report rows even without a role in the scope.
        eb("id", "in", eb.selectFrom("segment_hosts").select("segment_hosts.user_id").where("segment_hosts.clinic_id", "in", clinicIds)),
        eb("id", "in", eb.selectFrom("room_call_participants").select("room_call_participants.user_id")
          .where("room_call_participants.role", "=", "host")
          .where("room_call_participants.room_call_id", "in", eb.selectFrom("room_calls").select("room_calls.room_call_id")
            .where("room_calls.room_id", "in", eb.selectFrom("rooms").select("rooms.id").where("rooms.clinic_id", "in", clinicIds))))
      ]))
      .orderBy("id").execute(),
    db.selectFrom("reporting_configurations").selectAll().where(dialect.anyOf("organisation_id", ids)).orderBy("organisation_id").execute()
  ])
  return {
    organisations: organisations.map(organisationOf),
    clinics: clinics.map(clinicOf),
    rooms: rooms.map(roomOf),
    organisationRoles: organisationRoles.map(organisationRoleOf),
    clinicRoles: clinicRoles.map(clinicRoleOf),
    users: new Map(users.map((u) => [u.id, userOf(u)])),
    configurations: new Map(configurations.map((c) => [c.organisation_id, configurationOf(c)]))
  }
}

/**
 * Sessions whose first entry is in `[start, end)` with a segment in one of `clinicIds`, by entry then session id,
 * each with all its segments and (when asked) their participants. Keyset pages of STREAM_PAGE sessions.
 */
export async function* sessions(
  db: Kysely<Database>,
  dialect: StoreDialect,
  query: FactQuery & { readonly participants: boolean },
  pageSize = STREAM_PAGE
): AsyncGenerator<SessionBundle> {
  if (query.clinicIds.length === 0) return
  const start = bound(query.start)
  const end = bound(query.end)
  if (start >= end) return
  const clinicIds = [...new Set(query.clinicIds)]
  let after: { entry_at: number; session_id: string } | undefined
  for (;;) {
    const last = after
    // The keyset's own entry time is the lower bound, so each page seeks instead of rescanning the range.
    const page = await db.selectFrom("sessions").selectAll()
      .where("entry_at", ">=", last === undefined ? start : Math.max(start, last.entry_at))
      .where("entry_at", "<", end)
      .where((eb) => eb.exists(
        eb.selectFrom("segments as g").select(sql.lit(1).as("one"))
          .whereRef("g.session_id", "=", "sessions.session_id")
          .where(dialect.anyOf("g.clinic_id", clinicIds))
      ))
      .$if(last !== undefined, (q) =>
        q.where((eb) => eb.or([eb("entry_at", ">", last!.entry_at), eb("session_id", ">", last!.session_id)])))
      .orderBy("entry_at").orderBy("session_id").limit(pageSize).execute()
    if (page.length === 0) return
    const ids = page.map((s) => s.session_id)
    const segments = await db.selectFrom("segments").selectAll().where(dialect.anyOf("session_id", ids))
      .orderBy("session_id").orderBy("entry_at").orderBy("start_seq").orderBy("segment_id").execute()
    const participants = new Map<string, Array<SegmentParticipant>>()
    if (query.participants && segments.length > 0) {
      const rows = await db.selectFrom("segment_participants").selectAll()
        .where(dialect.anyOf("segment_id", segments.map((g) => g.segment_id)))
        .orderBy("segment_id").orderBy("ord").execute()
      for (const r of rows) {
        const list = participants.get(r.segment_id) ?? []
        participants.set(r.segment_id, list)
        list.push(segmentParticipantOf(r))
      }
    }
    const bySession = new Map<string, Array<SessionBundle["segments"][number]>>()
    for (const g of segments) {
      const list = bySession.get(g.session_id) ?? []
      bySession.set(g.session_id, list)
      list.push({ segment: segmentOf(g), participants: participants.get(g.segment_id) ?? [] })
    }
    for (const s of page) yield { session: sessionOf(s), segments: bySession.get(s.session_id) ?? [] }
    if (page.length < pageSize) return
    const tail = page[page.length - 1]!
    after = { entry_at: tail.entry_at, session_id: tail.session_id }
  }
}

/** Room calls that started in `[start, end)` in one of `roomIds`, by start then call id, with participants in order. */
export async function* roomCalls(
  db: Kysely<Database>,
  dialect: StoreDialect,
  query: { readonly start: number; readonly end: number; readonly roomIds: ReadonlyArray<string> },
  pageSize = STREAM_PAGE
): AsyncGenerator<RoomCallBundle> {
  if (query.roomIds.length === 0) return
  const start = bound(query.start)
  const end = bound(query.end)
  if (start >= end) return
  const roomIds = [...new Set(query.roomIds)]
  let after: { start_at: number; room_call_id: string } | undefined
  for (;;) {
    const last = after
    const page = await db.selectFrom("room_calls").selectAll()
      .where("start_at", ">=", last === undefined ? start : Math.max(start, last.start_at))
      .where("start_at", "<", end)
      .where(dialect.anyOf("room_id", roomIds))
      .$if(last !== undefined, (q) =>
        q.where((eb) => eb.or([eb("start_at", ">", last!.start_at), eb("room_call_id", ">", last!.room_call_id)])))
      .orderBy("start_at").orderBy("room_call_id").limit(pageSize).execute()
    if (page.length === 0) return
    const rows = await db.selectFrom("room_call_participants").selectAll()
      .where(dialect.anyOf("room_call_id", page.map((c) => c.room_call_id)))
      .orderBy("room_call_id").orderBy("ord").execute()
    const participants = new Map<string, Array<RoomCallBundle["participants"][number]>>()
    for (const r of rows) {
      const list = participants.get(r.room_call_id) ?? []
      participants.set(r.room_call_id, list)
      list.push(roomCallParticipantOf(r))
    }
    for (const c of page) yield { call: roomCallOf(c), participants: participants.get(c.room_call_id) ?? [] }
    if (page.length < pageSize) return
    const tail = page[page.length - 1]!
    after = { start_at: tail.start_at, room_call_id: tail.room_call_id }
  }
}

/**
 * For each clinic, over sessions that entered before `end` with consultation time `>= thresholdMs` and were
 * answered in the clinic: the latest such session (entry, then id) and the latest answer time of its segments there.
 */
export const lastClinicConsultations = async (
  db: Kysely<Database>, _dialect: StoreDialect, clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
): Promise<ReadonlyMap<string, number>> => {
  const out = new Map<string, number>()
  // One small query per clinic: walk sessions backwards from the end on (entry_at, session_id) and stop at the
  // first counted one answered in the clinic, instead of ranking every session of the history.
  for (const clinicId of new Set(clinicIds)) {
    const { rows } = await sql<{ answered: number | null }>`
      select max(g.answered_at) as answered from segments g
      where g.clinic_id = ${clinicId} and g.answered_at is not null and g.session_id = (
        select s.session_id from sessions s
        where s.entry_at < ${bound(end)} and s.consultation_ms >= ${bound(thresholdMs)}
          and exists (select 1 from segments g2 where g2.session_id = s.session_id and g2.clinic_id = ${clinicId} and g2.answered_at is not null)
        order by s.entry_at desc, s.session_id desc limit 1)`.execute(db)
    const answered = rows[0]?.answered
    if (answered !== null && answered !== undefined) out.set(clinicId, Number(answered))
  }
  return out
}

/**
 * For each (clinic, user), over segments in the clinic of sessions that entered before `end` with consultation
 * time `>= thresholdMs`: the latest first instant of that user's own consultation time. Ordered by clinic, user.
 */
export const lastProviderConsultations = async (
  db: Kysely<Database>, dialect: StoreDialect, clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
): Promise<ReadonlyArray<{ readonly clinic_id: string; readonly user_id: string; readonly at: number }>> => {
  if (clinicIds.length === 0) return []
  const rows = await db.selectFrom("segment_hosts as h")
    .innerJoin("sessions as s", "s.session_id", "h.session_id")
    .select((eb) => ["h.clinic_id", "h.user_id", eb.fn.max("h.first_consult_at").as("at")])
    .where(dialect.anyOf("h.clinic_id", [...new Set(clinicIds)]))
    .where("h.first_consult_at", "is not", null)
    .where("s.entry_at", "<", bound(end))
    .where("s.consultation_ms", ">=", bound(thresholdMs))
    .groupBy(["h.clinic_id", "h.user_id"])
    .orderBy("h.clinic_id").orderBy("h.user_id")
    .execute()
  return rows.map((r) => ({ clinic_id: r.clinic_id, user_id: r.user_id, at: Number(r.at) }))
}

/** For each requested user: the latest login before `end`, and whether any login is in `[start, end)`. */
export const logins = async (
  db: Kysely<Database>, dialect: StoreDialect, userIds: ReadonlyArray<string>, start: number, end: number
): Promise<ReadonlyMap<string, LoginSummary>> => {
  const ids = [...new Set(userIds)]
  const result = new Map<string, LoginSummary>(ids.map((id) => [id, { lastBeforeEnd: null, inRange: false }]))
  if (ids.length === 0) return result
  const from = bound(start)
  const rows = await db.selectFrom("logins")
    .select((eb) => [
      "user_id",
      eb.fn.max("at").as("last"),
      eb.fn.max(eb.case().when("at", ">=", from).then(1).else(0).end()).as("in_range")
    ])
    .where(dialect.anyOf("user_id", ids))
    .where("at", "<", bound(end))
    .groupBy("user_id")
    .execute()
  for (const r of rows) result.set(r.user_id, { lastBeforeEnd: Number(r.last), inRange: Number(r.in_range) === 1 })
  return result
}
