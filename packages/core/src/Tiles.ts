/**
 * Summary tiles (SPEC §7, R61–R68): each figure is a total of the matching report's rows, folded from the
 * same row streams the reports render, so a tile always equals what a user can add up in the download.
 */
import type { Row } from "./Column.ts"
import type { Category, ReportId } from "./Report.ts"
import * as Definitions from "./reports/Definitions.ts"
import * as Rows from "./reports/Rows.ts"
import type * as Run from "./reports/Run.ts"

/** One tile: a report's headline figures, in the order of SPEC §7's table. */
export interface Tile {
  readonly report: ReportId
  readonly category: Category
  readonly title: string
  readonly figures: Readonly<Record<string, number | null>>
}

const num = (v: unknown): number => (typeof v === "number" ? v : 0)

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

type Fold = (rows: AsyncIterable<Row>) => Promise<Record<string, number | null>>

const folds: Record<ReportId, Fold> = {
  organisations: async (rows) => {
    const f = { organisations: 0, user_accounts: 0, waiting_areas: 0, consultations: 0, consultation_duration: 0 }
    for await (const r of rows) {
      f.organisations++
      f.user_accounts += num(r.user_accounts)
      f.waiting_areas += num(r.waiting_areas)
      f.consultations += num(r.consultations)
      f.consultation_duration += num(r.consultation_duration)
    }
    return f
  },
  clinics: async (rows) => {
    const f = { clinics: 0, clinics_with_consultations: 0, abandoned_calls: 0, transfers_out: 0 }
    for await (const r of rows) {
      f.clinics++
      if (num(r.consultations) > 0) f.clinics_with_consultations++
      f.abandoned_calls += num(r.abandoned_calls)
      f.transfers_out += num(r.transfers_out)
    }
    return f
  },
  "service-providers": async (rows) => {
    const all = new Set<string>()
    const consulted = new Set<string>()
    for await (const r of rows) {
      all.add(String(r.user_id))
      if (num(r.consultations) > 0) consulted.add(String(r.user_id))
    }
    return { service_providers: all.size, service_providers_consulted: consulted.size }
  },
  "service-provider-summary": async (rows) => {
    const f = { total: 0, new: 0, deactivated: 0, logged_in: 0, active: 0 }
    for await (const r of rows) {
      if (r.role !== "All Service Providers") continue
      f.total += num(r.total)
      f.new += num(r.new)
      f.deactivated += num(r.deactivated)
      f.logged_in += num(r.logged_in)
      f.active += num(r.active)
    }
    return f
  },
  "room-calls": async (rows) => {
    const calls = new Map<string, number>()
    for await (const r of rows) if (r.meets_minimum_duration === true) calls.set(String(r.call_id), num(r.call_duration))
    let duration = 0
    calls.forEach((d) => (duration += d))
    return { room_calls: calls.size, room_call_duration: duration }
  },
  consultations: async (rows) => {
    const segments = new Map<string, { session: string; duration: number; wait: number; answered: boolean; transferred: boolean; abandoned: boolean }>()
    const sessions = new Set<string>()
    for await (const r of rows) {
      const session = String(r.session_id)
      if (r.meets_minimum_duration === true && r.answered_time !== null) sessions.add(session)
      const id = String(r.segment_id)
      if (segments.has(id)) continue
      segments.set(id, {
        session,
        duration: num(r.consultation_duration),
        wait: num(r.wait_duration),
        answered: r.answered_time !== null,
        transferred: r.transfer_time !== null,
        abandoned: r.abandoned === true
      })
    }
    let duration = 0
    let abandoned = 0
    let transferred = 0
    const waits: Array<number> = []
    for (const s of segments.values()) {
      if (s.abandoned) abandoned++
      if (!sessions.has(s.session)) continue
      duration += s.duration
      if (s.transferred) transferred++
      if (s.answered) waits.push(s.wait)
    }
    return {
      consultations: sessions.size,
      consultation_duration: duration,
      abandoned,
      transferred,
      average_wait_duration: mean(waits),
      p90_wait_duration: nearestRank(waits, 90)
    }
  }
}

/** Folds a report's rows into its tile figures. */
export const figures = (id: ReportId, rows: AsyncIterable<Row>) => folds[id](rows)

/** The six tiles of a run, in the order of SPEC §6 (R62). Only for short ranges: callers check `range_kind` (R67). */
export const tiles = async (
  ctx: Run.RunContext,
  /** A wider run for the Organisations report, whose scope adds the other organisations a user reports on (SPEC §2). */
  organisationsRun: Run.RunContext = ctx
): Promise<ReadonlyArray<Tile>> => {
  const out: Array<Tile> = []
  for (const d of Definitions.all) {
    // The Consultations tile reads only segment-level cells (R63), so it reads one row per segment.
    const rows = d.id === "consultations" ? Rows.consultationSegments(ctx) : Rows.rows(d.id === "organisations" ? organisationsRun : ctx, d.id)
    out.push({ report: d.id, category: d.category, title: d.title, figures: await folds[d.id](rows) })
  }
  return out
}
