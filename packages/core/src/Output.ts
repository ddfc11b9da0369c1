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

/**
 * Instants of one column as ISO text in the run's zone, remembering the last one: segment-level instants
 * repeat on every participant row of a segment (R60), so most rows reuse the text instead of formatting again.
 */
class InstantColumn {
  private lastMs = Number.NaN
  private lastText = ""
  constructor(private readonly clock: ZoneClock) {}
  text(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastMs = ms
      this.lastText = this.clock.format(ms)
    }
    return this.lastText
  }
}

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
  const instants = columns.map((c) => (c.type === "instant" ? new InstantColumn(clock) : undefined))
  let batch = `${opening.slice(0, -1)},"rows":[`
  let n = 0
  for await (const row of rows) {
    let line = n === 0 ? "\n" : ",\n"
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i]!.read(row)
      const instant = instants[i]
      line += prefixes[i]! + (v === null ? "null" : instant !== undefined ? `"${instant.text(v as number)}"` : typeof v === "string" ? JSON.stringify(v) : String(v))
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
const csvCell = (column: Column<never>, value: Cell, instant: InstantColumn | undefined): string => {
  if (value === null) return ""
  switch (column.type) {
    case "string":
      return csvField(neutralise(String(value)))
    case "instant":
      return instant!.text(value as number)
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
  const instants = columns.map((c) => (c.type === "instant" ? new InstantColumn(clock) : undefined))
  yield columns.map((c) => csvField(neutralise(c.header))).join(",") + "\r\n"
  let batch = ""
  let n = 0
  for await (const row of rows) {
    let line = ""
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!
      line += (i === 0 ? "" : ",") + csvCell(c, c.read(row), instants[i])
    }
    batch += line + "\r\n"
    if (++n % 256 === 0) {
      yield batch
      batch = ""
    }
  }
  if (batch !== "") yield batch
}
