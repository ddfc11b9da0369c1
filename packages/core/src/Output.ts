/**
 * The machine outputs of SPEC §8 as text chunks: JSON (R70, R71) and CSV (RFC 4180, UTF-8). Both read each
 * row's cells through the report's columns, show instants in the run's zone with their offset (R69), and
 * stream: a report of any size never sits in memory.
 */
import { absurd, type Cell, type Column } from "./Column.ts"
import { neutralise } from "./FormulaLike.ts"
import { ZoneClock } from "./Instant.ts"
import type { RenderContext } from "./Report.ts"
import * as Report from "./Report.ts"

/** The JSON report document, as chunks: header, then rows in batches, then the closing. */
export async function* json<R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<string> {
  const head = {
    report: context.report.id,
    title: context.report.title,
    parameters: context.parameters,
    generated_at: context.generatedAt,
    columns: Report.fieldDescriptions(context.report).map((c) => ({ key: c.key, header: c.header, type: c.type, description: c.description }))
  }
  const opening = JSON.stringify(head)
  const columns = context.report.columns
  const clock = new ZoneClock(context.parameters.timezone)
  // Each row is written in column order from precomputed `"key":` prefixes: no intermediate objects.
  const prefixes = columns.map((c, i) => (i === 0 ? "{" : ",") + JSON.stringify(c.key) + ":")
  const instants = columns.map((c) => c.type === "instant")
  let batch = `${opening.slice(0, -1)},"rows":[`
  let n = 0
  for await (const row of rows) {
    let line = n === 0 ? "\n" : ",\n"
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i]!.read(row)
      line += prefixes[i]! + (v === null ? "null" : instants[i] ? `"${clock.format(v as number)}"` : typeof v === "string" ? JSON.stringify(v) : String(v))
    }
    batch += line + "}"
    if (++n % 256 === 0) {
      yield batch
      batch = ""
    }
  }
  yield `${batch}${n === 0 ? "" : "\n"}]}\n`
}

const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/** One CSV cell: blanks empty, instants in the run's zone, booleans true/false, text neutralised (R74). */
const csvCell = (column: Column<never>, value: Cell, clock: ZoneClock): string => {
  if (value === null) return ""
  switch (column.type) {
    case "string":
      return csvField(neutralise(String(value)))
    case "instant":
      return clock.format(value as number)
    case "integer":
    case "seconds":
    case "date":
      return csvField(String(value))
    case "boolean":
      return value === true ? "true" : "false"
    default:
      return absurd(column.type)
  }
}

/** The CSV document (RFC 4180: CRLF, quoted when needed), header row of column headers, neutralised like cells (R74). */
export async function* csv<R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<string> {
  const columns = context.report.columns
  const clock = new ZoneClock(context.parameters.timezone)
  yield columns.map((c) => csvField(neutralise(c.header))).join(",") + "\r\n"
  let batch = ""
  let n = 0
  for await (const row of rows) {
    let line = ""
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!
      line += (i === 0 ? "" : ",") + csvCell(c, c.read(row), clock)
    }
    batch += line + "\r\n"
    if (++n % 256 === 0) {
      yield batch
      batch = ""
    }
  }
  if (batch !== "") yield batch
}
