/**
 * The Waiting Area Consultations report (SPEC §6, R39, R40, R52, R60): one row per participant per segment,
 * streamed, with bandwidth and tag columns. Its definition, rows, and its tile (R63, R64), folded from rows or
 * straight from the sessions' figures.
 */
import * as Column from "../Column.ts"
import * as Batches from "../Batches.ts"
import type { Segment, SegmentParticipant, Session, SessionBundle, SessionFigures } from "../Facts.ts"
import * as zhCN from "../locales/zh-CN.ts"
import type { Bandwidth, Clinic } from "../Records.ts"
import * as Report from "../Report.ts"
import type { ParticipantFact } from "../Source.ts"
import * as Activity from "./Activity.ts"
import { bandwidthOf } from "./Extensions.ts"
import * as Run from "./Run.ts"

/** The Consultations report's definition. */
export const Consultations = Report.make({
  id: "consultations",
  title: "Waiting Area Consultations",
  category: "activities",
  grain: "One row per participant per segment",
  bandwidth: true,
  tags: true,
  columns: {
    organisation_name: Column.string({ header: "Organisation", description: "Name of the clinic's organisation" }),
    clinic_id: Column.string({ header: "Clinic ID", description: "Clinic of the segment" }),
    clinic_name: Column.string({ header: "Clinic", description: "Name of the clinic of the segment" }),
    queued_call_id: Column.string({ header: "Queued call ID", description: "Identifier of the caller's entry into this clinic's queue" }),
    session_id: Column.string({ header: "Session ID", description: "The whole call; unchanged across transfers" }),
    segment_id: Column.string({ header: "Segment ID", description: "The part of the session spent in this clinic" }),
    participant_id: Column.string({ header: "Participant ID", description: "Identifier of the participant" }),
    waiting_area_entry_time: Column.instant({ header: "Waiting area entry", description: "When the caller entered this clinic's waiting area (or was transferred in)" }),
    answered_time: Column.instant({ header: "Answered", description: "Of the segment: the first instant at which a caller and a host were present together; blank if never answered" }),
    user_name: Column.string({ header: "User", description: "Name of the account of a host; blank for callers" }),
    participant_type: Column.string({ header: "Participant type", description: "Caller (the patient or an invited person) or Host" }),
    joined_time: Column.instant({ header: "Joined", description: "First join; for the primary caller the segment's answer time, blank if never answered" }),
    left_time: Column.instant({ header: "Left", description: "Last leave (for the primary caller, or the transfer out)" }),
    attendance_duration: Column.seconds({ header: "Attendance", description: "Total presence; for the primary caller only the time together with at least one host" }),
    wait_duration: Column.seconds({ header: "Wait", description: "Of the segment: entry to answer time; if never answered, entry to the caller leaving or being transferred" }),
    segment_end_time: Column.instant({ header: "Segment end", description: "Last leave of any participant of the segment" }),
    transfer_time: Column.instant({ header: "Transfer time", description: "When the caller was transferred out of this segment; blank if not" }),
    transferred_to_clinic_id: Column.string({ header: "Transferred to clinic ID", description: "Clinic the caller was transferred to" }),
    transferred_to_clinic_name: Column.string({ header: "Transferred to clinic", description: "Name of that clinic; blank when it belongs to an organisation outside this report's scope" }),
    transferred_to_segment_id: Column.string({ header: "Transferred to segment ID", description: "Segment started by the transfer" }),
    participants_in_segment: Column.integer({ header: "Participants in segment", description: "Distinct participants of the segment, caller included" }),
    consultation_duration: Column.seconds({ header: "Consultation time", description: "Of the segment: time with at least one caller and one host present together" }),
    meets_minimum_duration: Column.boolean({ header: "Meets minimum duration", description: "Whether the session's consultation time (all segments) is at least the minimum" }),
    abandoned: Column.boolean({ header: "Abandoned", description: "The caller left while waiting: never answered and not transferred" }),
    abandoned_time: Column.instant({ header: "Abandoned time", description: "When the caller of an abandoned segment left" }),
    incomplete: Column.boolean({ header: "Incomplete", description: "Whether a presence of this participant had no closing event and was closed at the segment's last event" })
  },
  translations: { "zh-CN": zhCN.reports.consultations }
})

/** One row of the Consultations report. */
export type ConsultationsRow = Report.RowOf<typeof Consultations>

/** What the rows of a run share: its scope and organisations, computed once per stream. */
interface Scope {
  readonly clinics: ReadonlySet<string>
  readonly organisations: ReadonlySet<string>
}

const scopeOf = (ctx: Run.RunContext): Scope => ({
  clinics: new Set(ctx.clinics.map((c) => c.id)),
  organisations: new Set(ctx.parameters.organisationIds)
})

/** The cells of a segment that repeat on every row of it (R60), and what its rows look up: computed once per segment. */
interface SegmentCells {
  readonly organisationName: string | null
  readonly clinic: Clinic
  readonly targetName: string | null
  readonly wait: number
  readonly consultation: number
  readonly meets: boolean
  readonly organisationId: string | undefined
}

const segmentCells = (ctx: Run.RunContext, scope: Scope, f: ParticipantFact): SegmentCells => {
  const clinic = ctx.clinicById.get(f[4])!
  const org = ctx.organisationById.get(clinic.organisation_id)
  const target = f[12] === null ? undefined : ctx.clinicById.get(f[12])
  return {
    organisationName: org?.name ?? null,
    clinic,
    targetName: target !== undefined && scope.organisations.has(target.organisation_id) ? target.name : null,
    wait: Run.seconds(f[8]),
    consultation: Run.seconds(f[10]),
    meets: Run.meetsMinimum(ctx, f[2]),
    organisationId: org?.id
  }
}

/** The six bandwidth figures of a fact, or null when any is missing (never reported). */
const bandwidthOfFact = (f: ParticipantFact): Bandwidth | null => {
  const a = f[23], b = f[24], c = f[25], d = f[26], e = f[27], g = f[28]
  return a === null || b === null || c === null || d === null || e === null || g === null ? null : [a, b, c, d, e, g]
}

/** One row of the report from a participant's fact and its segment's cells. */
const rowOf = (ctx: Run.RunContext, s: SegmentCells, f: ParticipantFact): ConsultationsRow => {
  const host = f[17] === "host"
  const userId = f[18]
  // One object literal with a fixed key order keeps every row the same shape (fast to build and read).
  return {
    organisation_name: s.organisationName,
    clinic_id: f[4],
    clinic_name: s.clinic.name,
    queued_call_id: f[5],
    session_id: f[0],
    segment_id: f[3],
    participant_id: f[16],
    waiting_area_entry_time: f[6],
    answered_time: f[7],
    user_name: host && userId !== null ? (ctx.directory.users.get(userId)?.name ?? null) : null,
    participant_type: host ? "Host" : "Caller",
    joined_time: f[19],
    left_time: f[20],
    attendance_duration: Run.seconds(f[21]),
    wait_duration: s.wait,
    segment_end_time: f[9],
    transfer_time: f[11],
    transferred_to_clinic_id: f[12],
    transferred_to_clinic_name: s.targetName,
    transferred_to_segment_id: f[13],
    participants_in_segment: f[15],
    consultation_duration: s.consultation,
    meets_minimum_duration: s.meets,
    abandoned: f[14] !== null,
    abandoned_time: f[14],
    incomplete: f[22] === 1,
    bandwidth: bandwidthOf(ctx, s.organisationId, bandwidthOfFact(f)),
    tags: s.clinic.tags
  }
}

const noFigures = [null, null, null, null, null, null] as const

/** The fact of one participant of a session's segment. */
const factOf = (session: Session, g: Segment, p: SegmentParticipant): ParticipantFact => [
  session.session_id, session.entry_at, session.consultation_ms, g.segment_id, g.clinic_id, g.queued_call_id, g.entry_at, g.answered_at, g.wait_ms,
  g.end_at, g.consultation_ms, g.transfer_at, g.transferred_to_clinic_id, g.transferred_to_segment_id, g.abandoned_at,
  g.participants, p.participant_id, p.kind, p.user_id, p.joined_at, p.left_at, p.attendance_ms, p.incomplete ? 1 : 0,
  ...(p.bandwidth ?? noFigures)
]

/** How many facts a batch of `flatten` holds. */
const batchSize = 512

/** A source's sessions as participant facts (for a source without `participantFacts`): segments in `clinics` only. */
async function* flatten(sessions: AsyncIterable<SessionBundle>, clinics: ReadonlySet<string>): AsyncGenerator<ReadonlyArray<ParticipantFact>> {
  let batch: Array<ParticipantFact> = []
  for await (const { session, segments } of sessions) {
    for (const { segment, participants } of segments) {
      if (!clinics.has(segment.clinic_id)) continue
      for (const p of participants) batch.push(factOf(session, segment, p))
    }
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/** The rows in batches: one per participant per segment, by session entry then segment (R52). */
export const batches = async function* (ctx: Run.RunContext): AsyncGenerator<ReadonlyArray<ConsultationsRow>> {
  const scope = scopeOf(ctx)
  const query = { start: ctx.parameters.rangeStart, end: ctx.parameters.rangeEnd, clinicIds: [...scope.clinics] }
  const facts = ctx.source.participantFacts?.(query) ?? flatten(ctx.source.sessions({ ...query, participants: true, hosts: false }), scope.clinics)
  let segmentId: string | undefined
  let cells: SegmentCells | undefined
  for await (const batch of facts) {
    const rows = new Array<ConsultationsRow>(batch.length)
    for (let i = 0; i < batch.length; i++) {
      const f = batch[i]!
      if (f[3] !== segmentId) {
        segmentId = f[3]
        cells = segmentCells(ctx, scope, f)
      }
      rows[i] = rowOf(ctx, cells!, f)
    }
    yield rows
  }
}

/** The rows: one per participant per segment, by session entry then segment (R52); also readable in batches. */
export const rows = (ctx: Run.RunContext): Batches.Batched<ConsultationsRow> => Batches.batched(() => batches(ctx))

/** Mean of whole-second values, halves up; null over nothing (R64). */
export const mean = (values: ReadonlyArray<number>): number | null =>
  values.length === 0 ? null : Math.floor((2 * values.reduce((a, b) => a + b, 0) + values.length) / (2 * values.length))

/** Nearest-rank percentile, exact: the value at position ceil(p/100 × n) of the sorted values (R64). */
export const nearestRank = (values: ReadonlyArray<number>, percent: number): number | null => {
  if (values.length === 0) return null
  // A typed array sorts numbers by value without a comparator call per comparison (a range's waits: 100,000s).
  const sorted = Float64Array.from(values).sort()
  const rank = Math.ceil((percent * values.length) / 100)
  return sorted[Math.max(1, rank) - 1]!
}

/**
 * The Consultations tile (SPEC §7, R63, R64) folded row by row: counted sessions, and segment figures of those
 * sessions. Rows come in report order, so a session's rows (and a segment's) are together: only the current
 * session is held, whatever the number of rows.
 */
export class Fold {
  private consultations = 0
  private duration = 0
  private abandoned = 0
  private transferred = 0
  private readonly waits: Array<number> = []
  private session: string | null | undefined = undefined
  private counted = false
  private segments: Array<{ id: string | null; duration: number; wait: number; answered: boolean; transferred: boolean }> = []

  add(r: ConsultationsRow): void {
    if (r.session_id !== this.session) {
      this.close()
      this.session = r.session_id
    }
    if (r.meets_minimum_duration === true && r.answered_time !== null) this.counted = true
    const id = r.segment_id
    if (this.segments.some((s) => s.id === id)) return
    if (r.abandoned === true) this.abandoned++
    this.segments.push({
      id,
      duration: r.consultation_duration ?? 0,
      wait: r.wait_duration ?? 0,
      answered: r.answered_time !== null,
      transferred: r.transfer_time !== null
    })
  }

  /** Ends a whole session: counted, it adds its segments' sums; not counted, its waits are taken back (from `waits` on). */
  private endSession(counted: boolean, waits: number, duration: number, transferred: number): void {
    if (!counted) {
      this.waits.length = waits
      return
    }
    this.consultations++
    this.duration += duration
    this.transferred += transferred
  }

  /**
   * A whole session from its figures, as the rows of its segments in `clinics` would add up (the fold reads
   * segment-level cells only, R63: the report's whole seconds of each segment's milliseconds), without building
   * them. Not to be mixed with `add` in one fold.
   */
  addSession(session: SessionFigures, meets: boolean, clinics: ReadonlySet<string>): void {
    let counted = false
    let duration = 0
    let transferred = 0
    const waits = this.waits.length
    for (const g of session.segments) {
      if (!clinics.has(g.clinic_id)) continue
      if (g.abandoned_at !== null) this.abandoned++
      if (g.answered_at !== null) {
        if (meets) counted = true
        this.waits.push(Run.seconds(g.wait_ms))
      }
      duration += Run.seconds(g.consultation_ms)
      if (g.transfer_at !== null) transferred++
    }
    this.endSession(counted, waits, duration, transferred)
  }

  /**
   * A whole session from the facts of its segments, `facts[from..to)` (see `Activity.eachSession`): what
   * `addSession` adds for the same session. Not to be mixed with `add` in one fold.
   * @internal The tiles' pass within core (its facts are core's own read of a source).
   */
  addFacts(facts: ReadonlyArray<Activity.Fact>, from: number, to: number, meets: boolean, clinics: ReadonlySet<string>): void {
    let counted = false
    let duration = 0
    let transferred = 0
    const waits = this.waits.length
    for (let i = from; i < to; i++) {
      const g = facts[i]!
      if (!clinics.has(g[4])) continue
      const flags = g[5]
      if ((flags & Activity.ABANDONED) !== 0) this.abandoned++
      if ((flags & Activity.ANSWERED) !== 0) {
        if (meets) counted = true
        this.waits.push(Run.seconds(g[6]))
      }
      duration += Run.seconds(g[7])
      if ((flags & Activity.TRANSFERRED_OUT) !== 0) transferred++
    }
    this.endSession(counted, waits, duration, transferred)
  }

  private close(): void {
    if (this.counted) {
      this.consultations++
      for (const s of this.segments) {
        this.duration += s.duration
        if (s.transferred) this.transferred++
        if (s.answered) this.waits.push(s.wait)
      }
    }
    this.counted = false
    this.segments = []
  }

  result() {
    this.close()
    this.session = undefined
    return {
      consultations: this.consultations,
      consultation_duration: this.duration,
      abandoned: this.abandoned,
      transferred: this.transferred,
      average_wait_duration: mean(this.waits),
      p90_wait_duration: nearestRank(this.waits, 90)
    }
  }
}

/** The Consultations tile of rows in report order. */
export const fold = async (rows: AsyncIterable<ConsultationsRow>) => {
  const f = new Fold()
  for await (const r of rows) f.add(r)
  return f.result()
}

/**
 * A tile fed session by session, from the facts of its segments (one pass shared with the run's activity, see Tiles).
 * @internal The tiles' pass within core (its facts are core's own read of a source).
 */
export const tileFolder = (ctx: Run.RunContext) => {
  const { clinics } = scopeOf(ctx)
  const f = new Fold()
  return {
    add: (facts: ReadonlyArray<Activity.Fact>, from: number, to: number) =>
      f.addFacts(facts, from, to, Run.meetsMinimum(ctx, facts[from]![3]), clinics),
    result: () => f.result()
  }
}

/** The tile's figures of a run, read from the sessions' segment facts. */
export const tile = async (ctx: Run.RunContext) => {
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const folder = tileFolder(ctx)
  await Activity.eachSession(ctx.source, { start, end, clinicIds: ctx.clinics.map((c) => c.id) }, folder.add)
  return folder.result()
}
