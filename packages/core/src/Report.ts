/**
 * A report definition: id, title, category, grain and ordered columns. One definition drives the JSON
 * `columns`, the CSV header, the XLSX data sheet and its "Field descriptions" sheet, and the OpenAPI text.
 */
import type { Column, Row } from "./Column.ts"

/** The three categories of SPEC §6, in display order. */
export type Category = "entities" | "roles" | "activities"

/** The six report ids (R48), in the order of SPEC §6. */
export const reportIds = [
  "organisations",
  "clinics",
  "service-providers",
  "service-provider-summary",
  "room-calls",
  "consultations"
] as const
export type ReportId = (typeof reportIds)[number]

/** A report definition resolved for one run (tag and bandwidth columns included). */
export interface ReportDefinition {
  readonly id: ReportId
  readonly title: string
  readonly category: Category
  readonly grain: string
  readonly columns: ReadonlyArray<Column>
}

/** The run parameters as every output shows them (R70), keys in this order. */
export interface ParametersJson {
  readonly organisation_ids: ReadonlyArray<string>
  readonly clinic_id: string | null
  readonly from: string
  readonly to: string
  readonly timezone: string
  readonly minimum_duration_minutes: number
  readonly range_start: string
  readonly range_end: string
  readonly range_kind: "short" | "long"
}

/** Everything a renderer needs besides the rows. */
export interface RenderContext {
  readonly report: ReportDefinition
  readonly parameters: ParametersJson
  /** ISO instant with offset in the run's timezone. */
  readonly generatedAt: string
  /** Display name of the account (or "vcr cli") that generated it. */
  readonly generatedBy: string
}

/** One line per column: header, key, type, description (feeds every "field descriptions" output). */
export const fieldDescriptions = (report: ReportDefinition) =>
  report.columns.map((c) => ({ header: c.header, key: c.key, type: c.type, description: c.description }))

export type { Row }
