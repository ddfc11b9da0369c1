/**
 * SpreadsheetML for worksheet rows, written directly: exceljs's per-value Row, Cell and style objects cost
 * several times everything else here. Text is a string value (`<c t="str"><v>`, as exceljs and SheetJS
 * write it without shared strings; never a formula element), numbers a `<v>`, blanks left out. Values come
 * converted by `column-format`, text made safe by `safe-text`.
 */
import type { ExcelValue } from "./column-format.ts"

/** Column letters of Excel ("A", "Z", "AA"...), 1-based. */
export const columnLetter = (n: number): string => {
  let letters = ""
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  }
  return letters
}

const specials = /[&<>\r]/
const specialsAll = /[&<>\r]/g
const entity = (c: string) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#13;")

/** Text escaped for an XML text node: quotes need no escaping there; CR does, or XML reads it as LF. */
export const escapeXmlText = (text: string): string => (specials.test(text) ? text.replace(specialsAll, entity) : text)

/** How the cells of one column are written: the style id (0 for none) and how its numbers read. */
export interface CellStyle {
  readonly styleId: number
  readonly numberText: (value: number) => string
}

const plainNumber: CellStyle["numberText"] = String

/** Serialises rows of a sheet whose columns each have one style; blanks (null) are left out. */
export class RowWriter {
  readonly #open: ReadonlyArray<string>
  readonly #text: ReadonlyArray<string>
  readonly #number: ReadonlyArray<string>
  readonly #numberText: ReadonlyArray<CellStyle["numberText"]>

  constructor(columns: ReadonlyArray<CellStyle | number>) {
    const styles = columns.map((c) => (typeof c === "number" ? { styleId: c, numberText: plainNumber } : c))
    const s = styles.map((c) => (c.styleId > 0 ? ` s="${c.styleId}"` : ""))
    this.#open = styles.map((_, i) => `<c r="${columnLetter(i + 1)}`)
    this.#text = s.map((attribute) => `"${attribute} t="str"><v>`)
    this.#number = s.map((attribute) => `"${attribute}><v>`)
    this.#numberText = styles.map((c) => c.numberText)
  }

  /** `<row>` number `rowNumber` (1-based, the header is row 1) holding `values` in column order. */
  row(rowNumber: number, values: ReadonlyArray<ExcelValue>): string {
    const r = String(rowNumber)
    let xml = '<row r="' + r + '">'
    for (let c = 0; c < values.length; c++) {
      const value = values[c]
      if (value === null || value === undefined) continue
      if (typeof value === "string") {
        xml += this.#open[c]! + r + this.#text[c]! + escapeXmlText(value) + "</v></c>"
      } else {
        xml += this.#open[c]! + r + this.#number[c]! + this.#numberText[c]!(value) + "</v></c>"
      }
    }
    return xml + "</row>"
  }
}
