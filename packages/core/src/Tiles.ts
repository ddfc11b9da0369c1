/**
 * Summary tiles (SPEC §7, R61–R68): each figure is a total of the matching report's rows, folded by the
 * report's own module from the same typed row streams the reports render, so a tile always equals what a
 * user can add up in the download. The range is read once: the Consultations and Room Calls tiles fold the
 * segment and room-call facts of the pass that gathers the run's activity for the other four (the Consultations
 * tile reads segment-level cells only, taken from the facts as its rows would show them), while the other
 * reports' look-ups run.
 */
import type { Category, Locale, ReportId } from "./Report.ts"
import { reportIds } from "./Report.ts"
import * as Activity from "./reports/Activity.ts"
import * as Clinics from "./reports/Clinics.ts"
import * as Consultations from "./reports/Consultations.ts"
import { reports } from "./reports/Definitions.ts"
import * as Organisations from "./reports/Organisations.ts"
import * as RoomCalls from "./reports/RoomCalls.ts"
import type * as Run from "./reports/Run.ts"
import * as ServiceProviderSummary from "./reports/ServiceProviderSummary.ts"
import * as ServiceProviders from "./reports/ServiceProviders.ts"

/** One tile: a report's headline figures, in the order of SPEC §7's table. */
export interface Tile {
  readonly report: ReportId
  readonly category: Category
  readonly title: string
  readonly figures: Readonly<Record<string, number | null>>
}

/** Mean of whole-second values, halves up; null over nothing (R64). */
export const mean = Consultations.mean

/** Nearest-rank percentile, exact (R64). */
export const nearestRank = Consultations.nearestRank

type Figures = Record<string, number | null>

const figuresOf: { readonly [K in ReportId]: (ctx: Run.RunContext, organisationsRun: Run.RunContext, read: Partial<Record<ReportId, Figures>>) => Promise<Figures> } = {
  organisations: (_, wider) => Organisations.fold(Organisations.rows(wider)),
  clinics: (ctx) => Clinics.fold(Clinics.rows(ctx)),
  "service-providers": (ctx) => ServiceProviders.fold(ServiceProviders.rows(ctx)),
  "service-provider-summary": (ctx) => ServiceProviderSummary.fold(ServiceProviderSummary.rows(ctx)),
  "room-calls": async (ctx, _, read) => read["room-calls"] ?? (await RoomCalls.tile(ctx)),
  consultations: async (ctx, _, read) => read.consultations ?? (await Consultations.tile(ctx))
}

/** The six tiles of a run, in the order of SPEC §6 (R62). Only for short ranges: callers check `range_kind` (R67). */
export const tiles = async (
  ctx: Run.RunContext,
  /** A wider run for the Organisations report, whose scope adds the other organisations a user reports on (SPEC §2). */
  organisationsRun: Run.RunContext = ctx,
  /** The locale of the tiles' titles; figures and their keys are the same in every locale (R80). */
  locale: Locale = "en"
): Promise<ReadonlyArray<Tile>> => {
  const consultations = Consultations.tileFolder(ctx)
  const roomCalls = RoomCalls.tileFolder(ctx)
  const read: Partial<Record<ReportId, Figures>> = {}
  const gathered = Activity.gatherWith(ctx, { session: consultations.add, call: roomCalls.add }).then((observed) => {
    if (observed) {
      read.consultations = consultations.result()
      read["room-calls"] = roomCalls.result()
    }
  })
  // The other tiles start at once: their reports' look-ups run while the range is read (each waits for the
  // activity before its rows); the two observing tiles wait for the pass.
  const figures = await Promise.all(reportIds.map((id) =>
    id === "consultations" || id === "room-calls" ? gathered.then(() => figuresOf[id](ctx, organisationsRun, read)) : figuresOf[id](ctx, organisationsRun, read)))
  return reportIds.map((id, i) => {
    const definition = reports[id]
    return { report: id, category: definition.category, title: definition.text[locale].title, figures: figures[i]! }
  })
}
