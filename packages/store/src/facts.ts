/**
 * Facts in and out of the tables: core's projection of one component becomes rows (in projected order), and
 * rows become core's bundles again. Recomputing the facts of the pending components is here too, so that
 * import and reprojection share one code path.
 */
import { Projection, type Bandwidth, type CallEvent, type RoomCallBundle, type RoomCallHost, type SegmentHost, type SegmentParticipant, type SessionBundle } from "@vcr/core"
import { sql, type Insertable, type Kysely, type Selectable } from "kysely"
import type { StoreDialect } from "./dialect.ts"
import type { RawRow } from "./reads.ts"
import type {
  BandwidthColumns, ClinicHostsTable, Database, RoomHostsTable, EventsTable, RoomCallParticipantsTable, RoomCallsTable, SegmentHostsTable,
  SegmentParticipantsTable, SegmentsTable, SessionsTable
} from "./schema.ts"

/** Rows per multi-row INSERT: far below SQLite's 32766 bound parameters for the widest table. */
export const INSERT_BATCH = 500
/** Components recomputed per round trip. */
export const COMPONENT_PAGE = 200

const flag = (b: boolean): 0 | 1 => (b ? 1 : 0)

const bandwidthColumns = (b: Bandwidth | null): BandwidthColumns => ({
  min_sent_kbps: b?.[0] ?? null, max_sent_kbps: b?.[1] ?? null, avg_sent_kbps: b?.[2] ?? null,
  min_received_kbps: b?.[3] ?? null, max_received_kbps: b?.[4] ?? null, avg_received_kbps: b?.[5] ?? null
})

const bandwidthOf = (r: BandwidthColumns): Bandwidth | null =>
  r.min_sent_kbps === null || r.max_sent_kbps === null || r.avg_sent_kbps === null ||
  r.min_received_kbps === null || r.max_received_kbps === null || r.avg_received_kbps === null
    ? null
    : [r.min_sent_kbps, r.max_sent_kbps, r.avg_sent_kbps, r.min_received_kbps, r.max_received_kbps, r.avg_received_kbps]

/** A call event as an `events` row, with the stored form of its identity (`identityDigest`). */
export const eventRow = (e: CallEvent, identity: string, component: number): Insertable<EventsTable> => ({
  id: e.id, identity, event: e.event, at: e.at,
  session_id: e.session_id, segment_id: e.segment_id, queued_call_id: e.queued_call_id, clinic_id: e.clinic_id,
  participant_id: e.participant_id, role: e.role, user_id: e.user_id, room_id: e.room_id, room_call_id: e.room_call_id,
  to_clinic_id: e.to_clinic_id, to_segment_id: e.to_segment_id, to_queued_call_id: e.to_queued_call_id,
  ...bandwidthColumns(e.bandwidth),
  component
})

/** The `events` columns of the projection's read, in select order: the component first, then the event. */
const EVENT_COLUMNS = [
  "component", "id", "event", "at", "session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id",
  "role", "user_id", "room_id", "room_call_id", "to_clinic_id", "to_segment_id", "to_queued_call_id",
  "min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"
] as const

/** A raw row of EVENT_COLUMNS (after its component) as core's call event: the same event as `eventOf`. */
const eventOfRaw = (r: RawRow): CallEvent => eventOf({
  id: r[1], event: r[2], at: r[3], session_id: r[4], segment_id: r[5], queued_call_id: r[6],
  clinic_id: r[7], participant_id: r[8], role: r[9], user_id: r[10], room_id: r[11], room_call_id: r[12],
  to_clinic_id: r[13], to_segment_id: r[14], to_queued_call_id: r[15], min_sent_kbps: r[16], max_sent_kbps: r[17],
  avg_sent_kbps: r[18], min_received_kbps: r[19], max_received_kbps: r[20], avg_received_kbps: r[21], component: r[0]
} as Omit<Selectable<EventsTable>, "identity">)

/**
 * The events of `components` ordered by component, with each one's component alongside: as raw rows on the transaction's
 * own connection where the dialect has them (SQLite), else through kysely.
 */
const componentEvents = async (
  trx: Kysely<Database>,
  dialect: StoreDialect,
  components: ReadonlyArray<number>
): Promise<{ readonly components: Array<number>; readonly events: Array<CallEvent> }> => {
  const inPage = dialect.anyOfNumbers("component", components)
  if (dialect.rawRows !== undefined) {
    const query = sql`select ${sql.join(EVENT_COLUMNS.map((c) => sql.ref(c)))} from events where ${inPage} order by component`.compile(trx)
    const rows = await dialect.rawRows(trx, query.sql, query.parameters)
    return { components: rows.map((r) => Number(r[0])), events: rows.map(eventOfRaw) }
  }
  const rows = await trx.selectFrom("events").select(EVENT_COLUMNS).where(inPage).orderBy("component").execute()
  return { components: rows.map((r) => Number(r.component)), events: rows.map(eventOf) }
}

/**
 * An `events` row as core's call event, for the projection. Its `identity` is left empty: the store keeps a digest,
 * not core's canonical text (identity.ts), and only the import compares identities, against the table.
 */
export const eventOf = (r: Omit<Selectable<EventsTable>, "identity">): CallEvent => ({
  type: "event", id: r.id, event: r.event as CallEvent["event"], at: r.at,
  session_id: r.session_id, segment_id: r.segment_id, queued_call_id: r.queued_call_id, clinic_id: r.clinic_id,
  participant_id: r.participant_id, role: r.role as CallEvent["role"], user_id: r.user_id,
  room_id: r.room_id, room_call_id: r.room_call_id, to_clinic_id: r.to_clinic_id, to_segment_id: r.to_segment_id,
  to_queued_call_id: r.to_queued_call_id, bandwidth: bandwidthOf(r), identity: ""
})

export const sessionOf = (r: Selectable<SessionsTable>): SessionBundle["session"] => ({
  session_id: r.session_id, entry_at: r.entry_at, first_clinic_id: r.first_clinic_id, consultation_ms: r.consultation_ms
})

export const segmentOf = (r: Selectable<SegmentsTable>): SessionBundle["segments"][number]["segment"] => ({
  segment_id: r.segment_id, session_id: r.session_id, clinic_id: r.clinic_id, queued_call_id: r.queued_call_id,
  entry_at: r.entry_at, start_seq: r.start_seq, answered_at: r.answered_at, wait_ms: r.wait_ms, end_at: r.end_at,
  consultation_ms: r.consultation_ms, transfer_at: r.transfer_at, transferred_to_clinic_id: r.transferred_to_clinic_id,
  transferred_to_segment_id: r.transferred_to_segment_id, transferred_in: r.transferred_in === 1,
  abandoned_at: r.abandoned_at, participants: r.participants, hosts: JSON.parse(r.hosts_json) as Array<SegmentHost>
})

export const segmentParticipantOf = (r: Selectable<SegmentParticipantsTable>): SegmentParticipant => ({
  participant_id: r.participant_id, appearance: r.appearance, kind: r.kind as SegmentParticipant["kind"],
  user_id: r.user_id, joined_at: r.joined_at, left_at: r.left_at, attendance_ms: r.attendance_ms,
  incomplete: r.incomplete === 1, bandwidth: bandwidthOf(r)
})

export const roomCallOf = (r: Selectable<RoomCallsTable>): RoomCallBundle["call"] => ({
  room_call_id: r.room_call_id, room_id: r.room_id, start_at: r.start_at, end_at: r.end_at,
  duration_ms: r.duration_ms, participants: r.participants, hosts: JSON.parse(r.hosts_json) as Array<RoomCallHost>
})

export const roomCallParticipantOf = (r: Selectable<RoomCallParticipantsTable>): RoomCallBundle["participants"][number] => ({
  participant_id: r.participant_id, appearance: r.appearance, role: r.role as "host" | "guest", user_id: r.user_id,
  joined_at: r.joined_at, left_at: r.left_at, attendance_ms: r.attendance_ms, incomplete: r.incomplete === 1,
  bandwidth: bandwidthOf(r)
})

/** Buffers fact rows per table and writes them in multi-row INSERTs. */
export class FactWriter {
  private readonly rows = {
    sessions: [] as Array<Insertable<SessionsTable>>,
    segments: [] as Array<Insertable<SegmentsTable>>,
    segment_hosts: [] as Array<Insertable<SegmentHostsTable>>,
    segment_participants: [] as Array<Insertable<SegmentParticipantsTable>>,
    room_calls: [] as Array<Insertable<RoomCallsTable>>,
    room_call_participants: [] as Array<Insertable<RoomCallParticipantsTable>>,
    clinic_hosts: [] as Array<Insertable<ClinicHostsTable>>,
    room_hosts: [] as Array<Insertable<RoomHostsTable>>
  }
  /** Host pairs already written by this writer (the tables keep each pair once; earlier ones are skipped on conflict). */
  private readonly hosts = new Set<string>()
  constructor(
    private readonly trx: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly hostPairs: boolean
  ) {}

  private host(table: "clinic_hosts" | "room_hosts", place: string, user_id: string): void {
    const key = `${table}\u0000${place}\u0000${user_id}`
    if (!this.hostPairs || this.hosts.has(key)) return
    this.hosts.add(key)
    if (table === "clinic_hosts") this.rows.clinic_hosts.push({ clinic_id: place, user_id })
    else this.rows.room_hosts.push({ room_id: place, user_id })
  }

  /** Projects one component's events (all of them) and buffers its facts. */
  async add(component: number, events: ReadonlyArray<CallEvent>): Promise<void> {
    const projection = Projection.project(events)
    for (const { session, segments } of projection.sessions) {
      this.rows.sessions.push({
        session_id: session.session_id, component, entry_at: session.entry_at, first_clinic_id: session.first_clinic_id,
        consultation_ms: session.consultation_ms
      })
      for (const { segment: g, participants } of segments) {
        this.rows.segments.push({
          segment_id: g.segment_id, session_id: g.session_id, component, clinic_id: g.clinic_id,
          queued_call_id: g.queued_call_id, entry_at: g.entry_at, start_seq: g.start_seq, answered_at: g.answered_at,
          wait_ms: g.wait_ms, end_at: g.end_at, consultation_ms: g.consultation_ms, transfer_at: g.transfer_at,
          transferred_to_clinic_id: g.transferred_to_clinic_id, transferred_to_segment_id: g.transferred_to_segment_id,
          transferred_in: flag(g.transferred_in), abandoned_at: g.abandoned_at, participants: g.participants,
          hosts_json: JSON.stringify(g.hosts)
        })
        for (const h of g.hosts) {
          this.rows.segment_hosts.push({
            segment_id: g.segment_id, user_id: h.user_id, session_id: g.session_id, clinic_id: g.clinic_id,
            own_ms: h.own_ms, first_consult_at: h.first_consult_at
          })
          this.host("clinic_hosts", g.clinic_id, h.user_id)
        }
        participants.forEach((p, ord) => {
          this.rows.segment_participants.push({
            segment_id: g.segment_id, ord, participant_id: p.participant_id, appearance: p.appearance, kind: p.kind,
            user_id: p.user_id, joined_at: p.joined_at, left_at: p.left_at, attendance_ms: p.attendance_ms,
            incomplete: flag(p.incomplete), ...bandwidthColumns(p.bandwidth)
          })
        })
      }
    }
    for (const { call, participants } of projection.roomCalls) {
      this.rows.room_calls.push({
        room_call_id: call.room_call_id, component, room_id: call.room_id, start_at: call.start_at, end_at: call.end_at,
        duration_ms: call.duration_ms, participants: call.participants, hosts_json: JSON.stringify(call.hosts)
      })
      participants.forEach((p, ord) => {
        if (p.role === "host" && p.user_id !== null) this.host("room_hosts", call.room_id, p.user_id)
        this.rows.room_call_participants.push({
          room_call_id: call.room_call_id, ord, participant_id: p.participant_id, appearance: p.appearance, role: p.role,
          user_id: p.user_id, joined_at: p.joined_at, left_at: p.left_at, attendance_ms: p.attendance_ms,
          incomplete: flag(p.incomplete), ...bandwidthColumns(p.bandwidth)
        })
      })
    }
    await this.flush(false)
  }

  async flush(all: boolean): Promise<void> {
    for (const table of Object.keys(this.rows) as Array<keyof FactWriter["rows"]>) {
      const rows = this.rows[table] as Array<any>
      if (rows.length >= INSERT_BATCH || (all && rows.length > 0)) {
        await this.dialect.insertRows(this.trx, table, rows, table === "clinic_hosts" || table === "room_hosts" ? { onConflict: "ignore" } : {})
        rows.length = 0
      }
    }
  }
}

/** Deletes the facts of `components` (host pairs stay: they only ever grow). */
export const deleteFacts = async (trx: Kysely<Database>, dialect: StoreDialect, components: ReadonlyArray<number>): Promise<void> => {
  if (components.length === 0) return
  const inPage = dialect.anyOfNumbers("component", components)
  await trx.deleteFrom("segment_participants")
    .where("segment_id", "in", trx.selectFrom("segments").select("segment_id").where(inPage)).execute()
  await trx.deleteFrom("segment_hosts")
    .where("segment_id", "in", trx.selectFrom("segments").select("segment_id").where(inPage)).execute()
  await trx.deleteFrom("segments").where(inPage).execute()
  await trx.deleteFrom("sessions").where(inPage).execute()
  await trx.deleteFrom("room_call_participants")
    .where("room_call_id", "in", trx.selectFrom("room_calls").select("room_call_id").where(inPage)).execute()
  await trx.deleteFrom("room_calls").where(inPage).execute()
}

/**
 * Recomputes the facts of every component listed in `pending_components`, a page at a time: deletes their old
 * facts (unless `fresh`, when the fact tables are known to be empty), loads ALL events of each component,
 * projects it with core and inserts the new facts. Returns how many components had events.
 */
export const projectPending = async (
  trx: Kysely<Database>,
  dialect: StoreDialect,
  options: {
    readonly fresh: boolean
    /**
     * Components from this id on have no facts stored (the ids the running import allocated: facts are only
     * written here, at the end of the import), so their old facts are not looked for.
     */
    readonly freshFrom?: number
    readonly onProgress?: (components: number) => void
    /** Whether the host pairs are written (default true; false in migrations older than their tables). */
    readonly hostPairs?: boolean
    /** The writer to buffer facts in (the import's, which has projected components already); flushed at the end. */
    readonly writer?: FactWriter
  }
): Promise<number> => {
  const writer = options.writer ?? new FactWriter(trx, dialect, options.hostPairs ?? true)
  let last = -Infinity
  let projected = 0
  for (;;) {
    const page = (await trx.selectFrom("pending_components").select("component")
      .$if(last !== -Infinity, (q) => q.where("component", ">", last))
      .orderBy("component").limit(COMPONENT_PAGE).execute()).map((r) => Number(r.component))
    if (page.length === 0) break
    last = page[page.length - 1]!
    if (!options.fresh) await deleteFacts(trx, dialect, page.filter((c) => c < (options.freshFrom ?? Infinity)))
    const rows = await componentEvents(trx, dialect, page)
    let i = 0
    while (i < rows.events.length) {
      const component = rows.components[i]!
      const events: Array<CallEvent> = []
      while (i < rows.events.length && rows.components[i] === component) events.push(rows.events[i++]!)
      await writer.add(component, events)
      projected++
    }
    options.onProgress?.(projected)
  }
  await writer.flush(true)
  return projected
}
