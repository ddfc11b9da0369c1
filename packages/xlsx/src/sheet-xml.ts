/**
 * SpreadsheetML for worksheet rows, written directly: exceljs's per-value Row, Cell and style objects cost
 * several times everything else here. Text is a string value (`<c t="str"><v>`, as exceljs and SheetJS
 * write it without shared strings; never a formula element), or an inline string with `xml:space="preserve"`
 * when it starts or ends with whitespace (LibreOffice trims a `<v>`), numbers a `<v>`, blanks left out. Formula-like
 * text (core's rule, R74) takes its column's quote-prefixed style, so editing the cell keeps it text.
 * Values come converted by `column-format`; text is made safe here (`safe-text`), once, unless it is plain.
 */
import { FormulaLike } from "@vcr/core"
import type { ExcelValue } from "./column-format.ts"
import { maxCellLength, safeText } from "./safe-text.ts"

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

/**
 * Text that can be written as it is, as most cells are: printable ASCII (legal XML, nothing for `safeText`
 * to replace) other than `&`, `<` and `>` (no escaping), neither starting nor ending with a space (no
 * `xml:space`), and not starting with `=`, `+`, `-` or `@`, so not formula-like by core's rule (R74, which
 * otherwise needs leading whitespace, a control or a full-width sign; `test/sheet-xml.test.ts` checks the two
 * agree). One regular expression decides it; a loop over the characters was slower (property loads on
 * strings of many kinds go megamorphic).
 */
export const plainText =
  /^[\x21-\x25\x27-\x2A\x2C\x2E-\x3B\x3F\x41-\x7E](?:[\x20-\x25\x27-\x3B\x3D\x3F-\x7E]*[\x21-\x25\x27-\x3B\x3D\x3F-\x7E])?$/

const space = /\s/

/** Whether `text` starts or ends with whitespace, which a reader may trim unless told to preserve it. */
const edgeSpace = (text: string): boolean => {
  const first = text.charCodeAt(0)
  const last = text.charCodeAt(text.length - 1)
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return false
  return space.test(text[0]!) || space.test(text[text.length - 1]!)
}

/** How the cells of one column are written: the style ids (0 for none) and how its numbers read. */
export interface CellStyle {
  readonly styleId: number
  /** The same style with `quotePrefix`, for formula-like text. */
  readonly quotedStyleId: number
  readonly numberText: (value: number) => string
}

/** Serialises rows of a sheet whose columns each have one style; blanks (null) are left out. */
export class RowWriter {
  /** Whether the last row's XML was ASCII only (then its Latin-1 bytes are its UTF-8 bytes). */
  ascii = true
  readonly #open: ReadonlyArray<string>
  readonly #text: ReadonlyArray<string>
  readonly #quotedText: ReadonlyArray<string>
  readonly #inline: ReadonlyArray<string>
  readonly #quotedInline: ReadonlyArray<string>
  readonly #number: ReadonlyArray<string>
  // For a cell that follows the previous one (no reference): its opening, and the same after the previous
  // cell's `</v></c>`, each one piece.
  readonly #nextText: ReadonlyArray<string>
  readonly #nextQuotedText: ReadonlyArray<string>
  readonly #nextNumber: ReadonlyArray<string>
  readonly #closeNextText: ReadonlyArray<string>
  readonly #closeNextQuotedText: ReadonlyArray<string>
  readonly #closeNextNumber: ReadonlyArray<string>
  readonly #numberText: ReadonlyArray<CellStyle["numberText"]>

  constructor(styles: ReadonlyArray<CellStyle>) {
    const s = styles.map((c) => (c.styleId > 0 ? ` s="${c.styleId}"` : ""))
    this.#open = styles.map((_, i) => `<c r="${columnLetter(i + 1)}`)
    this.#text = s.map((attribute) => `${attribute} t="str"><v>`)
    this.#quotedText = styles.map((c) => ` s="${c.quotedStyleId}" t="str"><v>`)
    this.#inline = s.map((attribute) => `${attribute} t="inlineStr"><is><t xml:space="preserve">`)
    this.#quotedInline = styles.map((c) => ` s="${c.quotedStyleId}" t="inlineStr"><is><t xml:space="preserve">`)
    this.#number = s.map((attribute) => `${attribute}><v>`)
    this.#nextText = this.#text.map((rest) => "<c" + rest)
    this.#nextQuotedText = this.#quotedText.map((rest) => "<c" + rest)
    this.#nextNumber = this.#number.map((rest) => "<c" + rest)
    this.#closeNextText = this.#nextText.map((open) => "</v></c>" + open)
    this.#closeNextQuotedText = this.#nextQuotedText.map((open) => "</v></c>" + open)
    this.#closeNextNumber = this.#nextNumber.map((open) => "</v></c>" + open)
    this.#numberText = styles.map((c) => c.numberText)
  }

  /**
   * `<row>` number `rowNumber` (1-based, the header is row 1) holding `values` in column order. A cell names
   * its reference (`r`) only when it is the row's first or follows a blank: a cell without one is the
   * column after the previous cell (ECMA-376 Part 1, 18.3.1.4), and a quarter of the bytes to deflate go.
   * The row keeps its number, and its first cell its reference, for readers that need them (exceljs).
   * A `<v>` cell's closing tags are written with what comes next (the next cell's opening when it follows),
   * so most cells take two string joins. Sets `ascii`.
   */
  row(rowNumber: number, values: ReadonlyArray<ExcelValue>): string {
    const r = String(rowNumber)
    let ascii = true
    let xml = '<row r="' + r + '">'
    let next = 0
    // Whether the previous cell still needs its "</v></c>".
    let unclosed = false
    for (let c = 0; c < values.length; c++) {
      const value = values[c]
      if (value === null || value === undefined) continue
      const follows = c === next && c > 0
      next = c + 1
      if (typeof value === "string") {
        const plain = plainText.test(value) && value.length <= maxCellLength
        const safe = plain ? value : safeText(value)
        const quoted = !plain && FormulaLike.isFormulaLike(safe)
        if (!plain) ascii = false
        const text = plain ? value : escapeXmlText(safe)
        if (!plain && edgeSpace(safe)) {
          const open = (unclosed ? "</v></c>" : "") + (follows ? "<c" : this.#open[c]! + r + '"')
          xml += open + (quoted ? this.#quotedInline[c]! : this.#inline[c]!) + text + "</t></is></c>"
          unclosed = false
          continue
        }
        if (!follows) {
          xml += (unclosed ? "</v></c>" : "") + this.#open[c]! + r + '"' + (quoted ? this.#quotedText[c]! : this.#text[c]!) + text
        } else if (unclosed) {
          xml += (quoted ? this.#closeNextQuotedText[c]! : this.#closeNextText[c]!) + text
        } else {
          xml += (quoted ? this.#nextQuotedText[c]! : this.#nextText[c]!) + text
        }
      } else if (!follows) {
        xml += (unclosed ? "</v></c>" : "") + this.#open[c]! + r + '"' + this.#number[c]! + this.#numberText[c]!(value)
      } else {
        xml += (unclosed ? this.#closeNextNumber[c]! : this.#nextNumber[c]!) + this.#numberText[c]!(value)
      }
      unclosed = true
    }
    this.ascii = ascii
    return xml + (unclosed ? "</v></c></row>" : "</row>")
  }
}
