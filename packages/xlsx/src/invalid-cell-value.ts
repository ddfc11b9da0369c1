/**
 * The error a renderer raises for a row value it cannot write as its column's kind: an object (such as an
 * exceljs formula or hyperlink object), a string in a number column, a malformed instant. Carries where the
 * value was, never the value itself (it may be personal data). A `Data.TaggedError`: yieldable in Effect
 * code and `catchTag`-able, without loading Schema (tens of MB) into every process that renders.
 */
import * as Data from "effect/Data"

/** A row value that is not a plain value of its column's kind; `row` counts data rows from 1. */
export class InvalidCellValue extends Data.TaggedError("InvalidCellValue")<{
  readonly column: string
  readonly row: number
  readonly reason: string
}> {
  override get message(): string {
    return `data row ${this.row}, column "${this.column}": ${this.reason}`
  }
}
