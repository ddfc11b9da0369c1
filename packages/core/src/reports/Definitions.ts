/**
 * The six report definitions of SPEC §6 (R48, R49) by id, each declared in its own module. `all` gives each
 * one's fixed columns in English (what the OpenAPI document lists); a run's columns come from `Report.resolve`.
 */
import * as Report from "../Report.ts"
import type { ReportId } from "../Report.ts"
import { Clinics } from "./Clinics.ts"
import { Consultations } from "./Consultations.ts"
import { Organisations } from "./Organisations.ts"
import { RoomCalls } from "./RoomCalls.ts"
import { ServiceProviderSummary } from "./ServiceProviderSummary.ts"
import { ServiceProviders } from "./ServiceProviders.ts"

/** Every report's definition by id. */
export const reports = {
  organisations: Organisations,
  clinics: Clinics,
  "service-providers": ServiceProviders,
  "service-provider-summary": ServiceProviderSummary,
  "room-calls": RoomCalls,
  consultations: Consultations
} as const satisfies { readonly [K in ReportId]: Report.AnyDefinition }

/** Every report with its fixed columns only, in English, in the order of SPEC §6. */
export const all: ReadonlyArray<Report.ReportDefinition> = Report.reportIds.map((id) =>
  Report.resolve<Report.AnyDefinition>(reports[id], { bandwidth: false, tags: [] })
)

/** A report's fixed-column definition in English. */
export const byId = (id: ReportId): Report.ReportDefinition => all.find((d) => d.id === id)!
