/**
 * The sessions' figures (core's `sessionFigures`): what the aggregate reports and the tiles count, read as the
 * driver's array rows of one lean query (sessions ⋈ segments, no participants) and grouped into sessions here.
 * Where the driver streams (PostgreSQL), one query over the whole range: pages there are planned
 * one by one and each joins the whole history's segments. Otherwise (SQLite) keyset pages of `pageSize` sessions,
 * each a seek, so the one connection is free between pages. The same reads give core's `segmentFacts` (the
 * driver's rows handed over as they are, one per segment, fewer columns) and `roomCallFacts`.
 */
import type { FactQuery, RoomCallFact, RoomCallQuery, SegmentFact, SegmentFigures, SegmentHost, SessionFigures } from "@vcr/core"
import type { StoreDialect } from "./dialect.ts"
import { boundRange, inList, listParameter, noHosts, pageLimit, STREAM_PAGE } from "./queries.ts"
import { sessionPages, type RawReads, type RawRow } from "./reads.ts"

/** Rows per batch of a stream (a few COPY chunks; the store contract's 600 sessions span several). */
const FIGURES_BATCH = 500

const columns = `s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms, g.segment_id, g.clinic_id, g.answered_at, g.wait_ms,
    g.consultation_ms, g.transfer_at, g.transferred_in, g.abandoned_at, g.hosts_json`

/**
 * A `SegmentFact` (core's Source.ts): the flags computed by the database, hosts only when there are any. A third
 * fewer columns than the figures, and no segment id: each value the driver hands over is a cost.
 */
const factColumns = `s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms, g.clinic_id,
    case when g.answered_at is null then 0 else 1 end + case when g.transfer_at is null then 0 else 2 end + g.transferred_in * 4
      + case when g.abandoned_at is null then 0 else 8 end,
    g.wait_ms, g.consultation_ms, nullif(g.hosts_json, '[]')`

// By session only: the figures' segments come in no particular order, and sorting each session's segments (a
// temporary B-tree on SQLite) cost a quarter of the read.
const order = "order by s.entry_at, s.session_id"

/**
 * A session with a segment in the clinics (the list parameter, see `scopeParameters`). On SQLite its first
 * segment's clinic is tried first: in scope for nearly every session of a run, which then needs no look-up of its
 * segments (a tenth of the read). PostgreSQL plans that OR worse than the one semi-join of the look-up alone.
 */
const inScope = (dialect: StoreDialect, sessions: string) => {
  const anySegment = `exists (select 1 from segments g2 where g2.session_id = ${sessions}.session_id and ${inList(dialect, "g2.clinic_id")})`
  return dialect.name === "sqlite" ? `(${inList(dialect, `${sessions}.first_clinic_id`)} or ${anySegment})` : anySegment
}

/** The parameters of `inScope`. */
const scopeParameters = (dialect: StoreDialect, clinics: unknown): ReadonlyArray<unknown> => dialect.name === "sqlite" ? [clinics, clinics] : [clinics]

/** The whole range as one ordered query, for a stream. */
const rangeText = (dialect: StoreDialect, selected = columns) => `
  select ${selected}
  from sessions s join segments g on g.session_id = s.session_id
  where s.entry_at >= ? and s.entry_at < ?
    and ${inScope(dialect, "s")}
  ${order}`

/** One keyset page of `page` sessions (see `sessions` in queries.ts for why the keyset and the literal LIMIT). */
const pageText = (dialect: StoreDialect, options: { readonly after: boolean; readonly page: number; readonly columns?: string }) => `
  select ${options.columns ?? columns}
  from (
    select session_id, entry_at, first_clinic_id, consultation_ms from sessions
    where entry_at >= ? and entry_at < ?${options.after ? " and (entry_at > ? or session_id > ?)" : ""}
      and ${inScope(dialect, "sessions")}
    order by entry_at, session_id limit ${pageLimit(options.page)}
  ) s
  join segments g on g.session_id = s.session_id
  ${order}`

/**
 * A range's rows: one query streamed where the driver streams (the whole range, `texts.whole`),
 * else keyset pages of `pageSize` (`sessionPages`, `texts.first` and `texts.next`); `scope` follows the range's bounds.
 */
const rangeRows = (
  reads: RawReads, texts: { readonly first: string; readonly next: string; readonly whole: string },
  range: { readonly start: number; readonly end: number }, scope: ReadonlyArray<unknown>, pageSize: number
): AsyncIterable<ReadonlyArray<RawRow>> =>
  reads.stream === undefined
    ? sessionPages(reads, texts, range, scope, pageSize)
    : reads.stream(texts.whole, [range.start, range.end, ...scope], FIGURES_BATCH)

/** The rows of `selected` columns of the sessions of `query` with their segments (none for an empty range or scope). */
async function* sessionRows(
  reads: RawReads, dialect: StoreDialect, query: FactQuery, pageSize: number, selected: string
): AsyncGenerator<ReadonlyArray<RawRow>> {
  const range = boundRange(query.start, query.end, query.clinicIds)
  if (range === undefined) return
  const texts = {
    first: pageText(dialect, { after: false, page: pageSize, columns: selected }),
    next: pageText(dialect, { after: true, page: pageSize, columns: selected }),
    whole: rangeText(dialect, selected)
  }
  yield* rangeRows(reads, texts, range, scopeParameters(dialect, listParameter(dialect, [...new Set(query.clinicIds)])), pageSize)
}

const segmentOf = (r: RawRow): SegmentFigures => ({
  segment_id: r[4] as string, clinic_id: r[5] as string, answered_at: r[6] as number | null, wait_ms: r[7] as number,
  consultation_ms: r[8] as number, transfer_at: r[9] as number | null, transferred_in: r[10] === 1, abandoned_at: r[11] as number | null,
  hosts: r[12] === "[]" ? noHosts : (JSON.parse(r[12] as string) as Array<SegmentHost>)
})

/** Groups batches of rows (a session's rows together) into batches of sessions; a session may span two batches. */
async function* grouped(batches: AsyncIterable<ReadonlyArray<RawRow>>): AsyncGenerator<ReadonlyArray<SessionFigures>> {
  let current: { session_id: string; first_clinic_id: string; consultation_ms: number; segments: Array<SegmentFigures> } | undefined
  for await (const rows of batches) {
    const done: Array<SessionFigures> = []
    for (const r of rows) {
      if (current === undefined || r[0] !== current.session_id) {
        if (current !== undefined) done.push(current)
        current = { session_id: r[0] as string, first_clinic_id: r[2] as string, consultation_ms: r[3] as number, segments: [] }
      }
      current.segments.push(segmentOf(r))
    }
    if (done.length > 0) yield done
  }
  if (current !== undefined) yield [current]
}

/** Sessions whose first entry is in `[start, end)` with a segment in one of `clinicIds`, as their figures, in order. */
export async function* sessionFigures(
  reads: RawReads,
  dialect: StoreDialect,
  query: FactQuery,
  pageSize = STREAM_PAGE
): AsyncGenerator<ReadonlyArray<SessionFigures>> {
  yield* grouped(sessionRows(reads, dialect, query, pageSize, columns))
}

/** The sessions of `sessionFigures` as segment facts (see core's `SegmentFact`), in batches of the driver's rows. */
export async function* segmentFacts(
  reads: RawReads,
  dialect: StoreDialect,
  query: FactQuery,
  pageSize = STREAM_PAGE
): AsyncGenerator<ReadonlyArray<SegmentFact>> {
  yield* sessionRows(reads, dialect, query, pageSize, factColumns) as AsyncIterable<ReadonlyArray<SegmentFact>>
}

/** Room calls as `RoomCallFact`s: the whole range for a stream, else one keyset page (by start, then call id). */
const callsText = (dialect: StoreDialect, options: { readonly after: boolean; readonly page?: number }) => `
  select room_call_id, start_at, room_id, duration_ms, participants, nullif(hosts_json, '[]') from room_calls
  where start_at >= ? and start_at < ?${options.after ? " and (start_at > ? or room_call_id > ?)" : ""}
    and ${inList(dialect, "room_id")}
  ${options.page === undefined ? "" : `order by start_at, room_call_id limit ${pageLimit(options.page)}`}`

/** The room calls of `roomCalls` (without participants) as their facts, in batches of the driver's rows, in any order. */
export async function* roomCallFacts(
  reads: RawReads,
  dialect: StoreDialect,
  query: Omit<RoomCallQuery, "participants">,
  pageSize = STREAM_PAGE
): AsyncGenerator<ReadonlyArray<RoomCallFact>> {
  const range = boundRange(query.start, query.end, query.roomIds)
  if (range === undefined) return
  const rooms = listParameter(dialect, [...new Set(query.roomIds)])
  const texts = { first: callsText(dialect, { after: false, page: pageSize }), next: callsText(dialect, { after: true, page: pageSize }), whole: callsText(dialect, { after: false }) }
  yield* rangeRows(reads, texts, range, [rooms], pageSize) as AsyncIterable<ReadonlyArray<RoomCallFact>>
}
