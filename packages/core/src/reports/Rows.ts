/**
 * The reports of a run by id: the definition with the run's bandwidth and tag columns resolved, and the
 * typed rows from each report's module, as one stream per report for any renderer.
 */
import type { Locale, ReportDefinition, ReportId } from "../Report.ts"
import * as Report from "../Report.ts"
import * as Clinics from "./Clinics.ts"
import * as Consultations from "./Consultations.ts"
import { reports } from "./Definitions.ts"
import * as Organisations from "./Organisations.ts"
import * as RoomCalls from "./RoomCalls.ts"
import type * as Run from "./Run.ts"
import * as ServiceProviderSummary from "./ServiceProviderSummary.ts"
import * as ServiceProviders from "./ServiceProviders.ts"

/** The definition of a report for a run (bandwidth and tag columns resolved), its text in `locale` (English by default). */
export const definition = (ctx: Run.RunContext, id: ReportId, locale: Locale = "en"): ReportDefinition =>
  Report.resolve<Report.AnyDefinition>(reports[id], { bandwidth: ctx.bandwidth, tags: ctx.tags, locale })

const builders: { readonly [K in ReportId]: (ctx: Run.RunContext) => AsyncIterable<unknown> } = {
  organisations: Organisations.rows,
  clinics: Clinics.rows,
  "service-providers": ServiceProviders.rows,
  "service-provider-summary": ServiceProviderSummary.rows,
  "room-calls": RoomCalls.rows,
  consultations: Consultations.rows
}

/**
 * The rows of a report for a run, in the report's order (R52); read their cells through `definition`'s columns.
 * Writers read them a batch at a time (`Batches.read`): the Consultations report builds its rows that way.
 */
export const rows = (ctx: Run.RunContext, id: ReportId): AsyncIterable<unknown> => builders[id](ctx)
