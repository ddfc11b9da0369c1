/**
 * The reads of core's ReportSource port over the store's tables: the directory of a scope, keyset-paginated
 * streams of sessions and room calls (bounded memory whatever the range), and the small aggregates for "last
 * consultation" and logins. Orders are those documented in core's Source.ts, by code point on both databases.
 */
import type {
  Bandwidth, Clinic, ClinicRole, Directory, FactQuery, LoginSummary, Organisation, OrganisationRole, ReportingConfiguration,
  ParticipantFact, Room, RoomCallBundle, RoomCallHost, RoomCallParticipant, SegmentHost, SegmentParticipant, Session, SessionBundle, User
} from "@vcr/core"
import { Order } from "@vcr/core"
import { sql, type Kysely, type Selectable } from "kysely"
import type { StoreDialect } from "./dialect.ts"
import { sessionPages, type RawReads, type RawRow } from "./reads.ts"
import type {
  ClinicRolesTable, ClinicsTable, Database, OrganisationRolesTable, OrganisationsTable, ReportingConfigurationsTable,
  RoomsTable, UsersTable
} from "./schema.ts"

/** Sessions (or room calls) per page of a stream. */
export const STREAM_PAGE = 500

/** An instant or threshold as a bound integer: `x >= t` on integer columns is `x >= ceil(t)`; infinities clamp. */
export const bound = (t: number): number =>
  Math.min(Math.max(Math.ceil(t), -Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER)

/** A query's `[start, end)` bounded for the driver, or undefined when it or its scope (`ids`) is empty. */
export const boundRange = (start: number, end: number, ids: ReadonlyArray<string>): { readonly start: number; readonly end: number } | undefined => {
  const range = { start: bound(start), end: bound(end) }
  return ids.length === 0 || range.start >= range.end ? undefined : range
}

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
        // Hosts are named on report rows even without a role in the scope (their pairs are kept as facts).
        eb("id", "in", eb.selectFrom("clinic_hosts").select("clinic_hosts.user_id").where("clinic_hosts.clinic_id", "in", clinicIds)),
        eb("id", "in", eb.selectFrom("room_hosts").select("room_hosts.user_id")
          .where("room_hosts.room_id", "in", eb.selectFrom("rooms").select("rooms.id").where("rooms.clinic_id", "in", clinicIds)))
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

/** `column IN (list)` with the list as one parameter (see `listParameter`). */
export const inList = (dialect: StoreDialect, column: string): string =>
  dialect.name === "sqlite" ? `${column} in (select value from json_each(?))` : `${column} = any(?::text[])`

/** A list of ids as the one parameter of `inList`. */
export const listParameter = (dialect: StoreDialect, values: ReadonlyArray<string>): unknown =>
  dialect.name === "sqlite" ? JSON.stringify(values) : [...values]

/**
 * A page's LIMIT as a literal: with a bound LIMIT, SQLite's planner does not know the page is small and reads
 * the whole range through another index, sorting it for every page (measured: 300 ms a page instead of 1 ms).
 */
export const pageLimit = (n: number): string => String(Math.max(1, Math.floor(n)))

const bandwidthColumns = "min_sent_kbps, max_sent_kbps, avg_sent_kbps, min_received_kbps, max_received_kbps, avg_received_kbps"

/** The six bandwidth figures at `at` in a raw row, or null when any is missing (never reported). */
const bandwidthAt = (r: RawRow, at: number): Bandwidth | null => {
  const a = r[at], b = r[at + 1], c = r[at + 2], d = r[at + 3], e = r[at + 4], f = r[at + 5]
  return a === null || b === null || c === null || d === null || e === null || f === null
    ? null
    : [a as number, b as number, c as number, d as number, e as number, f as number]
}

const sessionsText = (dialect: StoreDialect, options: { readonly after: boolean; readonly participants: boolean; readonly hosts: boolean; readonly page: number }) => `
  select s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms,
    g.segment_id, g.clinic_id, g.queued_call_id, g.entry_at, g.start_seq, g.answered_at, g.wait_ms, g.end_at, g.consultation_ms,
    g.transfer_at, g.transferred_to_clinic_id, g.transferred_to_segment_id, g.transferred_in, g.abandoned_at, g.participants,
    ${options.hosts ? "g.hosts_json" : "null"}${options.participants ? `,
    p.participant_id, p.appearance, p.kind, p.user_id, p.joined_at, p.left_at, p.attendance_ms, p.incomplete,
    ${bandwidthColumns.split(", ").map((c) => `p.${c}`).join(", ")}` : ""}
  from (
    select session_id, entry_at, first_clinic_id, consultation_ms from sessions
    where entry_at >= ? and entry_at < ?${options.after ? " and (entry_at > ? or session_id > ?)" : ""}
      and exists (select 1 from segments g2 where g2.session_id = sessions.session_id and ${inList(dialect, "g2.clinic_id")})
    order by entry_at, session_id limit ${pageLimit(options.page)}
  ) s
  join segments g on g.session_id = s.session_id${options.participants ? `
  left join segment_participants p on p.segment_id = g.segment_id` : ""}
  order by s.entry_at, s.session_id, g.entry_at, g.start_seq, g.segment_id${options.participants ? ", p.ord" : ""}`

export const noHosts: ReadonlyArray<SegmentHost> = []

/**
 * Sessions whose first entry is in `[start, end)` with a segment in one of `clinicIds`, by entry then session id,
 * each with all its segments and (when asked) their participants. Keyset pages of `pageSize` sessions, each
 * page ONE ordered query joining sessions, segments and participants, read as raw rows.
 */
export async function* sessions(
  reads: RawReads,
  dialect: StoreDialect,
  query: FactQuery & { readonly participants: boolean; readonly hosts?: boolean },
  pageSize = STREAM_PAGE
): AsyncGenerator<SessionBundle> {
  if (query.clinicIds.length === 0) return
  const start = bound(query.start)
  const end = bound(query.end)
  if (start >= end) return
  const clinics = listParameter(dialect, [...new Set(query.clinicIds)])
  const withParticipants = query.participants
  const withHosts = query.hosts ?? true
  const first = sessionsText(dialect, { after: false, participants: withParticipants, hosts: withHosts, page: pageSize })
  const next = sessionsText(dialect, { after: true, participants: withParticipants, hosts: withHosts, page: pageSize })
  let after: readonly [number, string] | undefined
  for (;;) {
    const page = await reads.rows(
      after === undefined ? first : next,
      // The keyset's own entry time is the lower bound, so each page seeks instead of rescanning the range (a row
      // value comparison would not: SQLite then scans from the start of the range on every page).
      after === undefined ? [start, end, clinics] : [Math.max(start, after[0]), end, after[0], after[1], clinics]
    )
    let count = 0
    let bundle: { session: Session; segments: Array<SessionBundle["segments"][number]> } | undefined
    let participants: Array<SegmentParticipant> = []
    let segmentId: unknown
    for (const r of page) {
      if (bundle === undefined || r[0] !== bundle.session.session_id) {
        if (bundle !== undefined) yield bundle
        count++
        bundle = {
          session: { session_id: r[0] as string, entry_at: r[1] as number, first_clinic_id: r[2] as string, consultation_ms: r[3] as number },
          segments: []
        }
        segmentId = undefined
      }
      if (r[4] !== segmentId) {
        segmentId = r[4]
        participants = []
        bundle.segments.push({
          segment: {
            segment_id: r[4] as string, session_id: r[0] as string, clinic_id: r[5] as string, queued_call_id: r[6] as string,
            entry_at: r[7] as number, start_seq: r[8] as number, answered_at: r[9] as number | null, wait_ms: r[10] as number,
            end_at: r[11] as number, consultation_ms: r[12] as number, transfer_at: r[13] as number | null,
            transferred_to_clinic_id: r[14] as string | null, transferred_to_segment_id: r[15] as string | null,
            transferred_in: r[16] === 1, abandoned_at: r[17] as number | null, participants: r[18] as number,
            hosts: r[19] === null ? noHosts : (JSON.parse(r[19] as string) as Array<SegmentHost>)
          },
          participants
        })
      }
      if (withParticipants && r[20] !== null) {
        participants.push({
          participant_id: r[20] as string, appearance: r[21] as number, kind: r[22] as SegmentParticipant["kind"],
          user_id: r[23] as string | null, joined_at: r[24] as number | null, left_at: r[25] as number,
          attendance_ms: r[26] as number, incomplete: r[27] === 1, bandwidth: bandwidthAt(r, 28)
        })
      }
    }
    if (bundle !== undefined) yield bundle
    if (count < pageSize || bundle === undefined) return
    after = [bundle.session.entry_at, bundle.session.session_id]
  }
}

const participantFactColumns = `s.session_id, s.entry_at, s.consultation_ms,
    g.segment_id, g.clinic_id, g.queued_call_id, g.entry_at, g.answered_at, g.wait_ms, g.end_at, g.consultation_ms, g.transfer_at,
    g.transferred_to_clinic_id, g.transferred_to_segment_id, g.abandoned_at, g.participants,
    p.participant_id, p.kind, p.user_id, p.joined_at, p.left_at, p.attendance_ms, p.incomplete,
    ${bandwidthColumns.split(", ").map((c) => `p.${c}`).join(", ")}`

const participantFactOrder = "order by s.entry_at, s.session_id, g.entry_at, g.start_seq, g.segment_id, p.ord"

/**
 * A page of participant facts: the facts of up to `page` sessions, segments outside the clinics (`?` twice) left
 * out; a segment without participants gives one row of nulls, so that every session of the page shows in it.
 */
const participantFactsPageText = (dialect: StoreDialect, options: { readonly after: boolean; readonly page: number }) => `
  select ${participantFactColumns}
  from (
    select session_id, entry_at, consultation_ms from sessions
    where entry_at >= ? and entry_at < ?${options.after ? " and (entry_at > ? or session_id > ?)" : ""}
      and exists (select 1 from segments g2 where g2.session_id = sessions.session_id and ${inList(dialect, "g2.clinic_id")})
    order by entry_at, session_id limit ${pageLimit(options.page)}
  ) s
  join segments g on g.session_id = s.session_id
  left join segment_participants p on p.segment_id = g.segment_id
  where ${inList(dialect, "g.clinic_id")}
  ${participantFactOrder}`

/** All the participant facts of a range as one ordered query, for a stream. */
const participantFactsText = (dialect: StoreDialect) => `
  select ${participantFactColumns}
  from sessions s
  join segments g on g.session_id = s.session_id
  join segment_participants p on p.segment_id = g.segment_id
  where s.entry_at >= ? and s.entry_at < ? and ${inList(dialect, "g.clinic_id")}
  ${participantFactOrder}`

/** Rows a batch of participant facts holds when streamed (the store contract's 600 sessions span several). */
const FACT_BATCH = 500

/**
 * Sessions a page of participant facts holds otherwise: fewer than the other streams', since a page's rows stay
 * alive until the writer is through them, and the young generation copies whatever is alive at each collection
 * (measured on a 1M-row CSV: scavenges took 620 ms with pages of 500 sessions, 370 ms with 100; SQLite's own time
 * per row does not change with the page's size).
 */
const FACT_PAGE = 100

/**
 * The participants of the segments in `clinicIds` of sessions that entered in `[start, end)`, flat, in report
 * order (core's `ParticipantFact`: the driver's array rows as they are). Where the driver streams
 * (PostgreSQL), one query; otherwise keyset pages of `pageSize` sessions, each one ordered query.
 */
export async function* participantFacts(
  reads: RawReads,
  dialect: StoreDialect,
  query: FactQuery,
  pageSize = FACT_PAGE
): AsyncGenerator<ReadonlyArray<ParticipantFact>> {
  const range = boundRange(query.start, query.end, query.clinicIds)
  if (range === undefined) return
  const clinics = listParameter(dialect, [...new Set(query.clinicIds)])
  if (reads.stream !== undefined) {
    yield* reads.stream(participantFactsText(dialect), [range.start, range.end, clinics], FACT_BATCH) as AsyncIterable<ReadonlyArray<ParticipantFact>>
    return
  }
  const texts = { first: participantFactsPageText(dialect, { after: false, page: pageSize }), next: participantFactsPageText(dialect, { after: true, page: pageSize }) }
  for await (const page of sessionPages(reads, texts, range, [clinics, clinics], pageSize)) {
    let facts: Array<RawRow> | undefined
    for (let i = 0; i < page.length; i++) {
      const r = page[i]!
      // A segment without participants (its row of nulls) has no fact: the page is copied without it.
      if (r[16] === null) facts ??= page.slice(0, i)
      else facts?.push(r)
    }
    const batch = facts ?? page
    if (batch.length > 0) yield batch as ReadonlyArray<ParticipantFact>
  }
}

const roomCallsText = (dialect: StoreDialect, options: { readonly after: boolean; readonly participants: boolean; readonly page: number }) => `
  select c.room_call_id, c.room_id, c.start_at, c.end_at, c.duration_ms, c.participants, c.hosts_json${options.participants ? `,
    p.participant_id, p.appearance, p.role, p.user_id, p.joined_at, p.left_at, p.attendance_ms, p.incomplete,
    ${bandwidthColumns.split(", ").map((c) => `p.${c}`).join(", ")}` : ""}
  from (
    select room_call_id, room_id, start_at, end_at, duration_ms, participants, hosts_json from room_calls
    where start_at >= ? and start_at < ?${options.after ? " and (start_at > ? or room_call_id > ?)" : ""}
      and ${inList(dialect, "room_id")}
    order by start_at, room_call_id limit ${pageLimit(options.page)}
  ) c${options.participants ? `
  left join room_call_participants p on p.room_call_id = c.room_call_id` : ""}
  order by c.start_at, c.room_call_id${options.participants ? ", p.ord" : ""}`

/**
 * Room calls that started in `[start, end)` in one of `roomIds`, by start then call id, with participants in
 * order (unless `participants` is false). Keyset pages, each one ordered query read as raw rows.
 */
export async function* roomCalls(
  reads: RawReads,
  dialect: StoreDialect,
  query: { readonly start: number; readonly end: number; readonly roomIds: ReadonlyArray<string>; readonly participants?: boolean },
  pageSize = STREAM_PAGE
): AsyncGenerator<RoomCallBundle> {
  if (query.roomIds.length === 0) return
  const start = bound(query.start)
  const end = bound(query.end)
  if (start >= end) return
  const rooms = listParameter(dialect, [...new Set(query.roomIds)])
  const withParticipants = query.participants ?? true
  const first = roomCallsText(dialect, { after: false, participants: withParticipants, page: pageSize })
  const next = roomCallsText(dialect, { after: true, participants: withParticipants, page: pageSize })
  let after: readonly [number, string] | undefined
  for (;;) {
    const page = await reads.rows(
      after === undefined ? first : next,
      after === undefined ? [start, end, rooms] : [Math.max(start, after[0]), end, after[0], after[1], rooms]
    )
    let count = 0
    let bundle: { call: RoomCallBundle["call"]; participants: Array<RoomCallParticipant> } | undefined
    for (const r of page) {
      if (bundle === undefined || r[0] !== bundle.call.room_call_id) {
        if (bundle !== undefined) yield bundle
        count++
        bundle = {
          call: {
            room_call_id: r[0] as string, room_id: r[1] as string, start_at: r[2] as number, end_at: r[3] as number,
            duration_ms: r[4] as number, participants: r[5] as number, hosts: JSON.parse(r[6] as string) as Array<RoomCallHost>
          },
          participants: []
        }
      }
      if (withParticipants && r[7] !== null) {
        bundle.participants.push({
          participant_id: r[7] as string, appearance: r[8] as number, role: r[9] as RoomCallParticipant["role"],
          user_id: r[10] as string | null, joined_at: r[11] as number, left_at: r[12] as number,
          attendance_ms: r[13] as number, incomplete: r[14] === 1, bandwidth: bandwidthAt(r, 15)
        })
      }
    }
    if (bundle !== undefined) yield bundle
    if (count < pageSize || bundle === undefined) return
    after = [bundle.call.start_at, bundle.call.room_call_id]
  }
}

/**
 * For each clinic, over sessions that entered before `end` with consultation time `>= thresholdMs` and were
 * answered in the clinic: the latest such session (entry, then id) and the latest answer time of its segments there.
 */
export const lastClinicConsultations = async (
  db: Kysely<Database>, _dialect: StoreDialect, clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
): Promise<ReadonlyMap<string, number>> => {
  const before = bound(end)
  const threshold = bound(thresholdMs)
  // Three small queries per clinic, whatever the history's size, the clinics at once (on PostgreSQL, on the pool's
  // connections: a run of 40 clinics no longer waits for 120 round trips one after the other). First, down the
  // clinic's segments from the newest entry (segments_clinic_entry), the first answered segment of a counted
  // session: its session entered at E. The latest counted session answered in the clinic entered at E or later,
  // and each of its segments entered no earlier than the session itself, so the second query need only read the
  // clinic's segments from E on.
  const latestAnswer = async (clinicId: string): Promise<number | undefined> => {
    const { rows: found } = await sql<{ entry_at: number }>`
      select s.entry_at from segments g join sessions s on s.session_id = g.session_id
      where g.clinic_id = ${clinicId} and g.answered_at is not null and s.entry_at < ${before} and s.consultation_ms >= ${threshold}
      order by g.entry_at desc limit 1`.execute(db)
    const from = found[0]?.entry_at
    if (from === undefined) return undefined
    // Without ORDER BY and LIMIT, so that PostgreSQL reads the clinic's segments from E on (a handful) rather than
    // walk the sessions backwards; the latest of them is picked here. Each segment's session is looked up by its
    // key in a subquery rather than joined: PostgreSQL estimates "the clinic's segments from E on" from the whole
    // clinic's spread (thousands where there are a handful) and otherwise hashes every session of the history
    // for each clinic (measured: 200-440 ms a clinic on the 1M-row store, the clinics at once, against the tiles'
    // own read on the same two cores).
    const { rows: candidates } = await sql<{ session_id: string; entry_at: number | null }>`
      select g2.session_id, (
        select s.entry_at from sessions s
        where s.session_id = g2.session_id and s.entry_at < ${before} and s.consultation_ms >= ${threshold}) as entry_at
      from segments g2
      where g2.clinic_id = ${clinicId} and g2.answered_at is not null and g2.entry_at >= ${Number(from)}`.execute(db)
    let latest: { session_id: string; entry_at: number } | undefined
    for (const c of candidates) {
      if (c.entry_at === null) continue
      const entry = Number(c.entry_at)
      if (latest === undefined || entry > latest.entry_at || (entry === latest.entry_at && Order.compareCodePoints(c.session_id, latest.session_id) > 0)) {
        latest = { session_id: c.session_id, entry_at: entry }
      }
    }
    if (latest === undefined) return undefined
    const { rows } = await sql<{ answered: number | null }>`
      select max(g.answered_at) as answered from segments g
      where g.clinic_id = ${clinicId} and g.answered_at is not null and g.session_id = ${latest.session_id}`.execute(db)
    const answered = rows[0]?.answered
    return answered === null || answered === undefined ? undefined : Number(answered)
  }
  const clinics = [...new Set(clinicIds)]
  const answers = await Promise.all(clinics.map(latestAnswer))
  const out = new Map<string, number>()
  clinics.forEach((clinicId, i) => {
    const answered = answers[i]
    if (answered !== undefined) out.set(clinicId, answered)
  })
  return out
}

/**
 * For each (clinic, user), over segments in the clinic of sessions that entered before `end` with consultation
 * time `>= thresholdMs`: the latest first instant of that user's own consultation time. Ordered by clinic, user.
 * Each pair of the clinics' hosts walks its own records down from the newest (segment_hosts_latest) and stops at
 * the first that counts, so the cost does not grow with the history before the range.
 */
export const lastProviderConsultations = async (
  db: Kysely<Database>, dialect: StoreDialect, clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
): Promise<ReadonlyArray<{ readonly clinic_id: string; readonly user_id: string; readonly at: number }>> => {
  if (clinicIds.length === 0) return []
  const { rows } = await sql<{ clinic_id: string; user_id: string; at: number | null }>`
    select p.clinic_id, p.user_id, (
      select h.first_consult_at from segment_hosts h join sessions s on s.session_id = h.session_id
      where h.clinic_id = p.clinic_id and h.user_id = p.user_id and h.first_consult_at is not null
        and s.entry_at < ${bound(end)} and s.consultation_ms >= ${bound(thresholdMs)}
      order by h.first_consult_at desc limit 1) as at
    from clinic_hosts p
    where ${dialect.anyOf("p.clinic_id", [...new Set(clinicIds)])}
    order by p.clinic_id, p.user_id`.execute(db)
  const out: Array<{ clinic_id: string; user_id: string; at: number }> = []
  for (const r of rows) if (r.at !== null) out.push({ clinic_id: r.clinic_id, user_id: r.user_id, at: Number(r.at) })
  return out
}

/** For each requested user: the latest login before `end`, and whether any login is in `[start, end)`. Two seeks per user. */
export const logins = async (
  db: Kysely<Database>, dialect: StoreDialect, userIds: ReadonlyArray<string>, start: number, end: number
): Promise<ReadonlyMap<string, LoginSummary>> => {
  const ids = [...new Set(userIds)]
  const result = new Map<string, LoginSummary>(ids.map((id) => [id, { lastBeforeEnd: null, inRange: false }]))
  if (ids.length === 0) return result
  const from = bound(start)
  const to = bound(end)
  const users = dialect.name === "sqlite" ? sql`json_each(${JSON.stringify(ids)})` : sql`unnest(${ids}::text[])`
  const { rows } = await sql<{ user_id: string; last: number | null; in_range: unknown }>`
    select u.value as user_id,
      (select l.at from logins l where l.user_id = u.value and l.at < ${to} order by l.at desc limit 1) as last,
      exists (select 1 from logins l where l.user_id = u.value and l.at >= ${from} and l.at < ${to}) as in_range
    from ${users} as u${dialect.name === "sqlite" ? sql`` : sql`(value)`}`.execute(db)
  for (const r of rows) {
    if (r.last === null) continue
    result.set(r.user_id, { lastBeforeEnd: Number(r.last), inRange: r.in_range === true || Number(r.in_range) === 1 })
  }
  return result
}
