/**
 * The machine outputs of SPEC §8 as text chunks: JSON (R70, R71) and CSV (RFC 4180, UTF-8). Both write
 * every row's cells in column order and stream: a report of any size never sits in memory.
 */
import { absurd, type Cell, type Column, type Row } from "./Column.ts"
import { neutralise } from "./FormulaLike.ts"
import type { RenderContext } from "./Report.ts"
import * as Report from "./Report.ts"

/** The JSON report document, as chunks: header, then one row per chunk, then the closing. */
export async function* json(context: RenderContext, rows: AsyncIterable<Row> | Iterable<Row>): AsyncGenerator<string> {
  const head = {
    report: context.report.id,
    title: context.report.title,
    parameters: context.parameters,
    generated_at: context.generatedAt,
    columns: Report.fieldDescriptions(context.report).map((c) => ({ key: c.key, header: c.header, type: c.type, description: c.description }))
  }
  const opening = JSON.stringify(head)
  const columns = context.report.columns
  // Each row is written in column order from precomputed `"key":` prefixes: no intermediate objects.
  const prefixes = columns.map((c, i) => (i === 0 ? "{" : ",") + JSON.stringify(c.key) + ":")
  const keys = columns.map((c) => c.key)
  let batch = `${opening.slice(0, -1)},"rows":[`
  let n = 0
  for await (const row of rows) {
    let line = n === 0 ? "\n" : ",\n"
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]!]
      line += prefixes[i]! + (v === null || v === undefined ? "null" : typeof v === "string" ? JSON.stringify(v) : String(v))
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

/** One CSV cell: blanks empty, booleans true/false, text neutralised against formula injection. */
const csvCell = (column: Column, value: Cell): string => {
  if (value === null || value === undefined) return ""
  switch (column.type) {
    case "string":
      return csvField(neutralise(String(value)))
    case "integer":
    case "seconds":
    case "instant":
    case "date":
      return csvField(String(value))
    case "boolean":
      return value === true ? "true" : "false"
    default:
      return absurd(column.type)
  }
}

/** The CSV document (RFC 4180: CRLF, quoted when needed), header row of column headers, neutralised like cells (R74). */
export async function* csv(context: RenderContext, rows: AsyncIterable<Row> | Iterable<Row>): AsyncGenerator<string> {
  const columns = context.report.columns
  yield columns.map((c) => csvField(neutralise(c.header))).join(",") + "\r\n"
  let batch = ""
  let n = 0
  for await (const row of rows) {
    let line = ""
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!
      line += (i === 0 ? "" : ",") + csvCell(c, row[c.key] ?? null)
    }
    batch += line + "\r\n"
    if (++n % 256 === 0) {
      yield batch
      batch = ""
    }
  }
  if (batch !== "") yield batch
}
