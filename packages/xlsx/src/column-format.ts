/**
 * How each column kind becomes an Excel cell: the value (safe text, or a number in the column's unit), how
 * a number is written, the number format and a width guessed from the header and the kind. Decided once
 * per column, so styles are per column and the per-cell work is one small function.
 */
import type { Cell, Instant } from "@vcr/core"
import { Column, Messages } from "@vcr/core"
import { dateSerial, instantSeconds, secondsAsDaysText } from "./excel-serial.ts"
import { InvalidCellValue } from "./invalid-cell-value.ts"

type ColumnType = Column.Column

/** A converted cell: text (made safe by the row writer, `sheet-xml`), a number in the column's unit (see `numberText`), or blank. */
export type ExcelValue = string | number | null

/** A column's number format, width and value conversion. */
export interface ColumnFormat {
  readonly column: ColumnType
  /** Excel number format; text columns use "@" (Text), so a formula typed into them stays text. */
  readonly numFmt: string
  /** Width in Excel character units. */
  readonly width: number
  /** The cell for `value`; `row` (data rows from 1) is for the error only. */
  readonly toCell: (value: Cell | undefined, row: number) => ExcelValue
  /** The `<v>` text of a number `toCell` returned (instants and durations are seconds until here). */
  readonly numberText: (value: number) => string
}

/** Number format of text cells. */
export const textFormat = "@"
/** Number format of date-time cells (instants shown as wall time in the run's timezone). */
export const dateTimeFormat = "yyyy-mm-dd hh:mm:ss"
/** Number format of date cells. */
export const dateFormat = "yyyy-mm-dd"
/** Number format of duration cells: hours go past 24. */
export const durationFormat = "[h]:mm:ss"
/** Number format of integer cells. */
export const integerFormat = "0"

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value

const isPlain = (value: unknown): boolean => {
  const type = typeof value
  return type === "string" || type === "number" || type === "boolean"
}

/** Rejects `value` for `column`: objects (an exceljs `{ formula }` too) never reach the workbook. */
const reject = (column: ColumnType, row: number, value: unknown, expected: string): never => {
  throw new InvalidCellValue({
    column: column.key,
    row,
    reason: isPlain(value)
      ? `a ${column.type} column needs ${expected}, got ${describe(value)}`
      : `${describe(value)} is not a plain value (string, number, boolean or null)`
  })
}

/** Display width of text in character units: a wide (CJK, full-width) character takes two. */
export const displayWidth = (text: string): number => {
  let n = 0
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1
  return n
}

const width = (column: ColumnType, least: number, most = 60): number =>
  Math.min(most, Math.max(least, displayWidth(column.header) + 4)) // + room for the filter button

/**
 * The format of one column, instants shown on `clock` (the run's zone), booleans as the Yes/No of `messages`
 * (the report's locale); exhaustive over the column kinds.
 */
export const columnFormat = (column: ColumnType, clock: Instant.ZoneClock, messages: Messages.Messages = Messages.messages.en): ColumnFormat => {
  const kind = column.type
  switch (kind) {
    case "string":
      return {
        column,
        numFmt: textFormat,
        width: width(column, 14, 40),
        numberText: String,
        toCell: (value, row) => {
          if (value === null || value === undefined || value === "") return null
          if (typeof value === "string") return value
          return typeof value === "number" || typeof value === "boolean" ? String(value) : reject(column, row, value, "text")
        }
      }
    case "integer":
      return {
        column,
        numFmt: integerFormat,
        width: width(column, 10),
        numberText: String,
        toCell: (value, row) => {
          if (value === null || value === undefined) return null
          return typeof value === "number" && Number.isFinite(value) ? value : reject(column, row, value, "a finite number")
        }
      }
    case "seconds":
      return {
        column,
        numFmt: durationFormat,
        width: width(column, 10),
        numberText: secondsAsDaysText,
        toCell: (value, row) => {
          if (value === null || value === undefined) return null
          return typeof value === "number" && Number.isFinite(value) ? value : reject(column, row, value, "whole seconds")
        }
      }
    case "instant":
      return {
        column,
        numFmt: dateTimeFormat,
        width: width(column, 20),
        numberText: secondsAsDaysText,
        toCell: (value, row) => {
          if (value === null || value === undefined) return null
          const seconds = typeof value === "number" && Number.isFinite(value) ? instantSeconds(clock, value) : Number.NaN
          return Number.isNaN(seconds) ? reject(column, row, value, "an instant in epoch milliseconds from 1900-03-01") : seconds
        }
      }
    case "date":
      return {
        column,
        numFmt: dateFormat,
        width: width(column, 12),
        numberText: String,
        toCell: (value, row) => {
          if (value === null || value === undefined) return null
          const serial = typeof value === "string" && value.length === 10 ? dateSerial(value) : Number.NaN
          return Number.isNaN(serial) ? reject(column, row, value, 'a date "YYYY-MM-DD" from 1900-03-01') : serial
        }
      }
    case "boolean":
      return {
        column,
        numFmt: textFormat,
        width: width(column, 8),
        numberText: String,
        toCell: (value, row) => {
          if (value === null || value === undefined) return null
          return typeof value === "boolean" ? (value ? messages.yes : messages.no) : reject(column, row, value, "true or false")
        }
      }
    default:
      return Column.absurd(kind)
  }
}
