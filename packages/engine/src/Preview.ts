/**
 * The preview of a report (SPEC §11.2): the JSON report document (R71) holding only its first rows in report
 * order, plus the exact number of rows the full report has. One pass over the row stream: the first `limit` rows
 * are rendered by core's JSON writer (the same cells as a JSON download), the rest are only counted, never
 * rendered or kept, so a preview costs constant memory whatever the report's size.
 */
import { InvalidParameter, Output, type ParametersJson, type RunInput } from "@vcr/core"
import { Effect } from "effect"
import { prepare } from "./Report.ts"

/** The rows a preview holds unless asked otherwise, and the most it may hold. */
export const defaultPreviewLimit = 50
export const maxPreviewLimit = 200

/** A column of a JSON report: key, header, kind and the field description (R71, SPEC §8). */
export interface PreviewColumn {
  readonly key: string
  readonly header: string
  readonly type: string
  readonly description: string
}

/** The JSON report shape with the first rows only, and `total_rows`: how many rows the full report has. */
export interface PreviewDocument {
  readonly report: string
  readonly title: string
  readonly parameters: ParametersJson
  readonly generated_at: string
  readonly columns: ReadonlyArray<PreviewColumn>
  readonly rows: ReadonlyArray<Record<string, unknown>>
  readonly total_rows: number
}

/**
 * Checks a preview's limit: absent is the default (50); otherwise a whole number from 1 to 200 (a number, or text
 * of digits as a query gives it). Anything else is an InvalidParameter naming `limit`.
 */
export const decodeLimit = (raw: string | number | undefined): number | InvalidParameter => {
  if (raw === undefined || raw === "") return defaultPreviewLimit
  const value = typeof raw === "number" ? raw : /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  return Number.isInteger(value) && value >= 1 && value <= maxPreviewLimit
    ? value
    : new InvalidParameter({ field: "limit", code: "invalid_limit", message: `limit must be a whole number from 1 to ${maxPreviewLimit} (got "${raw}")` })
}

/** Yields the first `limit` rows and counts every row; the rows after the limit are drained, not yielded. */
async function* firstRows<R>(rows: AsyncIterable<R>, limit: number, count: { total: number }): AsyncGenerator<R> {
  for await (const row of rows) {
    count.total++
    // Each yielded row is rendered before the next is pulled, so a row object reused by its builder is safe.
    if (count.total <= limit) yield row
  }
}

/**
 * The preview of a report for a short range: the first `limit` rows (default 50, at most 200) of the JSON report in
 * report order and `total_rows`. A long range fails with InvalidParameter (`range_too_long_for_preview`, field
 * `to`): it has no preview, as it has no tiles; bad input fails as for a download, before anything is read.
 */
export const preview = Effect.fnUntraced(function* (reportId: string, input: RunInput, options: { readonly limit?: string | number | undefined; readonly generatedBy?: string } = {}) {
  const limit = decodeLimit(options.limit)
  if (limit instanceof InvalidParameter) return yield* limit
  const prepared = yield* prepare(reportId, input, options.generatedBy ?? "vcr")
  const { from, to, range_kind } = prepared.context.parameters
  if (range_kind === "long") {
    return yield* new InvalidParameter({
      field: "to", code: "range_too_long_for_preview",
      message: `a preview is only made for ranges shorter than two months (from ${from} to ${to} is long); download or email the report instead`
    })
  }
  const count = { total: 0 }
  const text = yield* Effect.promise(async () => {
    let out = ""
    for await (const chunk of Output.json(prepared.context, firstRows(prepared.rows, limit, count))) out += chunk
    return out
  })
  const document = JSON.parse(text) as Omit<PreviewDocument, "total_rows">
  return { ...document, total_rows: count.total } satisfies PreviewDocument
})
