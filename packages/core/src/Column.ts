/**
 * Columns of a report: a kind that every renderer switches on exhaustively, and the English header and
 * description (other locales are looked up by the column's key, see `Report.text`). A row holds, per kind:
 * text, whole numbers, whole seconds, instants as epoch milliseconds, `YYYY-MM-DD` dates, booleans; blank is null.
 */
import type { EpochMs } from "./Instant.ts"

/** The kinds of column of SPEC §6. */
export type ColumnKind = "string" | "integer" | "seconds" | "instant" | "date" | "boolean"

/** What a row holds for a column of each kind (null is a blank). Instants are never text in a row. */
export interface Values {
  readonly string: string
  readonly integer: number
  readonly seconds: number
  readonly instant: EpochMs
  readonly date: string
  readonly boolean: boolean
}

/** A cell as a renderer reads it from a row: instants are epoch milliseconds, shown in the run's zone by the renderer. */
export type Cell = string | number | boolean | null

/** A column's text for people, in one locale. */
export interface Text {
  readonly header: string
  readonly description: string
}

/** A column as a report definition declares it: its kind and its English text. */
export interface Spec<K extends ColumnKind = ColumnKind> extends Text {
  readonly type: K
}

/** One column of a report resolved for a run: key, text in the run's locale, kind, and how to read its cell. */
export interface Column<R = unknown> {
  readonly key: string
  readonly header: string
  readonly type: ColumnKind
  readonly description: string
  /** The cell of this column in a row (a method, so a column of typed rows serves where any row is read). */
  read(row: R): Cell
}

const spec = <K extends ColumnKind>(type: K) => (text: Text): Spec<K> => ({ type, header: text.header, description: text.description })

/** Column constructors, one per kind. */
export const string = spec("string")
export const integer = spec("integer")
export const seconds = spec("seconds")
export const instant = spec("instant")
export const date = spec("date")
export const boolean = spec("boolean")

/** Exhaustiveness helper for switches over `ColumnKind`. */
export const absurd = (kind: never): never => {
  throw new Error(`unhandled column kind ${String(kind)}`)
}
