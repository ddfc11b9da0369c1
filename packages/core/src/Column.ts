/**
 * Columns of a report: a stable snake_case key (API), a header and description for people, and a kind
 * that every renderer switches on exhaustively. Values in rows are "plain": the JSON shape of SPEC §8.
 */

/** The kinds of column of SPEC §6. */
export type ColumnKind = "string" | "integer" | "seconds" | "instant" | "date" | "boolean"

/** One column of a report definition. */
export interface Column {
  readonly key: string
  readonly header: string
  readonly type: ColumnKind
  readonly description: string
}

/**
 * A cell value as the JSON output shows it (R71): strings, integers (counts, whole seconds, kbps),
 * instants as ISO strings with offset in the run's timezone (`2026-03-02T09:00:00+11:00`), dates as
 * `YYYY-MM-DD`, booleans, and `null` for a blank.
 */
export type Cell = string | number | boolean | null

/** A report row: every column key to its cell. */
export type Row = Readonly<Record<string, Cell>>

const make = (type: ColumnKind) => (key: string, header: string, description: string): Column => ({
  key,
  header,
  type,
  description
})

/** Column constructors, one per kind. */
export const string = make("string")
export const integer = make("integer")
export const seconds = make("seconds")
export const instant = make("instant")
export const date = make("date")
export const boolean = make("boolean")

/** Exhaustiveness helper for switches over `ColumnKind`. */
export const absurd = (kind: never): never => {
  throw new Error(`unhandled column kind ${String(kind)}`)
}
