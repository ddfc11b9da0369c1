/**
 * The content of the "Field descriptions" sheet: one line per column of the report (header, key, type,
 * description, from core's `fieldDescriptions`), then the run's parameters as label and text value, so a
 * workbook passed around still says what it holds and how it was produced.
 */
import type { RenderContext } from "@vcr/core"
import { Messages, Report } from "@vcr/core"

/** The words of the report's locale (sheet names, labels, Yes/No). */
export const messagesOf = (context: RenderContext): Messages.Messages => Messages.messages[context.report.locale]

/** Header of the column table, in the report's locale. */
export const fieldDescriptionHeader = (context: RenderContext): ReadonlyArray<string> => {
  const h = messagesOf(context).fieldDescriptionHeader
  return [h.header, h.key, h.type, h.description]
}

/** One line per report column, in column order. */
export const fieldDescriptionLines = (context: RenderContext): ReadonlyArray<ReadonlyArray<string>> =>
  Report.fieldDescriptions(context.report).map((field) => [field.header, field.key, field.type, field.description])

/** The parameter block: label and value, all values as text; `dataRows` is known only at the end. */
export const parameterLines = (
  context: RenderContext,
  dataRows: number
): ReadonlyArray<readonly [label: string, value: string]> => {
  const p = context.parameters
  const label = messagesOf(context).parameters
  return [
    [label.report, context.report.title],
    [label.organisations, p.organisation_ids.join(", ")],
    [label.clinic, p.clinic_id ?? label.allClinics],
    [label.from, p.from],
    [label.to, p.to],
    [label.rangeStart, p.range_start],
    [label.rangeEnd, p.range_end],
    [label.rangeKind, p.range_kind],
    [label.timezone, p.timezone],
    [label.minimumDuration, String(p.minimum_duration_minutes)],
    [label.generatedAt, context.generatedAt],
    [label.generatedBy, context.generatedBy],
    [label.dataRows, String(dataRows)]
  ]
}
