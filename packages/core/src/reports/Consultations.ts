/**
 * The Waiting Area Consultations report (SPEC §6, R39, R40, R52, R60): one row per participant per segment,
 * streamed, with bandwidth and tag columns. Its definition, rows (and one row per segment for its tile, from
 * the same code), and its tile (R63, R64).
 */
import * as Column from "../Column.ts"
import type { SegmentParticipant, SessionBundle } from "../Facts.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
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

const blankParticipant: SegmentParticipant = {
  participant_id: "", appearance: 0, kind: "caller", user_id: null, joined_at: null, left_at: 0, attendance_ms: 0, incomplete: false, bandwidth: null
}

/** What the rows of a run share: its scope and organisations, computed once per stream. */
interface Scope {
  readonly clinics: ReadonlySet<string>
  readonly organisations: ReadonlySet<string>
}

const scopeOf = (ctx: Run.RunContext): Scope => ({
  clinics: new Set(ctx.clinics.map((c) => c.id)),
  organisations: new Set(ctx.parameters.organisationIds)
})

/**
 * The consultation rows of one session; with `perSegment`, one row per segment whose participant cells are blank
 * (what the Consultations tile reads: segment-level cells only, R60), from the same code as the report's rows.
 */
function* bundleRows(ctx: Run.RunContext, scope: Scope, bundle: SessionBundle, perSegment: boolean): Generator<ConsultationsRow> {
  const meets = Run.meetsMinimum(ctx, bundle.session.consultation_ms)
  for (const { segment: g, participants: listed } of bundle.segments) {
    if (!scope.clinics.has(g.clinic_id)) continue
    const participants = perSegment ? blankParticipants : listed
    const clinic = ctx.clinicById.get(g.clinic_id)!
    const org = ctx.organisationById.get(clinic.organisation_id)
    const target = g.transferred_to_clinic_id === null ? undefined : ctx.clinicById.get(g.transferred_to_clinic_id)
    // Segment-level cells repeat on every row of the segment (R60): computed once.
    const wait = Run.seconds(g.wait_ms)
    const targetName = target !== undefined && scope.organisations.has(target.organisation_id) ? target.name : null
    const consultation = Run.seconds(g.consultation_ms)
    for (const p of participants) {
      // One object literal with a fixed key order keeps every row the same shape (fast to build and read).
      yield {
        organisation_name: org?.name ?? null,
        clinic_id: g.clinic_id,
        clinic_name: clinic.name,
        queued_call_id: g.queued_call_id,
        session_id: g.session_id,
        segment_id: g.segment_id,
        participant_id: p.participant_id,
        waiting_area_entry_time: g.entry_at,
        answered_time: g.answered_at,
        user_name: p.kind === "host" && p.user_id !== null ? (ctx.directory.users.get(p.user_id)?.name ?? null) : null,
        participant_type: p.kind === "host" ? "Host" : "Caller",
        joined_time: p.joined_at,
        left_time: p.left_at,
        attendance_duration: Run.seconds(p.attendance_ms),
        wait_duration: wait,
        segment_end_time: g.end_at,
        transfer_time: g.transfer_at,
        transferred_to_clinic_id: g.transferred_to_clinic_id,
        transferred_to_clinic_name: targetName,
        transferred_to_segment_id: g.transferred_to_segment_id,
        participants_in_segment: g.participants,
        consultation_duration: consultation,
        meets_minimum_duration: meets,
        abandoned: g.abandoned_at !== null,
        abandoned_time: g.abandoned_at,
        incomplete: p.incomplete,
        bandwidth: bandwidthOf(ctx, org?.id, p.bandwidth),
        tags: clinic.tags
      }
    }
  }
}

const blankParticipants: ReadonlyArray<SegmentParticipant> = [blankParticipant]

/** The rows: one per participant per segment, by session entry then segment (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<ConsultationsRow> {
  const scope = scopeOf(ctx)
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  for await (const bundle of ctx.source.sessions({ start, end, clinicIds: [...scope.clinics], participants: true, hosts: false })) {
    yield* bundleRows(ctx, scope, bundle, false)
  }
}

/** Mean of whole-second values, halves up; null over nothing (R64). */
export const mean = (values: ReadonlyArray<number>): number | null =>
  values.length === 0 ? null : Math.floor((2 * values.reduce((a, b) => a + b, 0) + values.length) / (2 * values.length))

/** Nearest-rank percentile, exact: the value at position ceil(p/100 × n) of the sorted values (R64). */
export const nearestRank = (values: ReadonlyArray<number>, percent: number): number | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
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
 * A tile fed session by session (one pass shared with the run's activity, see Tiles): the fold reads only
 * segment-level cells (R63), so each session gives one row per segment in scope.
 */
export const tileFolder = (ctx: Run.RunContext) => {
  const scope = scopeOf(ctx)
  const f = new Fold()
  return {
    add: (bundle: SessionBundle) => {
      for (const r of bundleRows(ctx, scope, bundle, true)) f.add(r)
    },
    result: () => f.result()
  }
}

/** The tile's figures of a run, read with one row per segment. */
export const tile = async (ctx: Run.RunContext) => {
  const scope = scopeOf(ctx)
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const folder = tileFolder(ctx)
  for await (const bundle of ctx.source.sessions({ start, end, clinicIds: [...scope.clinics], participants: false, hosts: false })) folder.add(bundle)
  return folder.result()
}
