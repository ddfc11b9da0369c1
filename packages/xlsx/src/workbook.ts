/**
 * The XLSX renderer: streams report rows into a workbook. `sheet-xml` serialises the rows, `package-parts`
 * the fixed parts (styles, workbook, relationships), `zip` deflates them into the package. Data sheets ("Data", "Data 2"...,
 * each with its header) hold at most `maxRowsPerSheet` rows; "Field descriptions" comes last, once the row
 * count is known; sheet names, labels and Yes/No are in the report's locale ("数据", "字段描述" in zh-CN, R80).
 * Memory stays flat: the writer waits whenever the compressor or destination falls behind.
 */
import { Instant, type RenderContext } from "@vcr/core"
import type { Writable } from "node:stream"
import { columnFormat, textFormat, type ColumnFormat, type ExcelValue } from "./column-format.ts"
import { fieldDescriptionHeader, fieldDescriptionLines, messagesOf, parameterLines } from "./field-descriptions.ts"
import {
  appProperties, contentTypes, coreProperties, rootRelationships, sheetClosing, sheetOpening, Styles, workbookRelationships,
  workbookXml, type DefinedName
} from "./package-parts.ts"
import { safeText } from "./safe-text.ts"
import { SheetNames } from "./sheet-names.ts"
import { type CellStyle, columnLetter, RowWriter } from "./sheet-xml.ts"
import { ZipWriter, type ZipEntryStream } from "./zip.ts"

/** Excel's row limit less the header row. */
export const defaultMaxRowsPerSheet = 1_048_575

/** What to render. */
export interface WorkbookInput<R = unknown> {
  /** The report (its columns read each row's cells) and the run's parameters (instants are shown in its timezone). */
  readonly context: RenderContext<R>
  /** The report rows in order; an async source (a database cursor) is consumed as it produces. */
  readonly rows: AsyncIterable<R> | Iterable<R>
  /** Data rows per sheet before the data continues on "Data 2"...; Excel's limit unless testing. */
  readonly maxRowsPerSheet?: number
  /** zlib level of the zip entries, 0 (stored) to 9; 1, the fastest that compresses, unless set. */
  readonly compressionLevel?: number
}

/** What was written. */
export interface WorkbookSummary {
  /** Data rows written (headers excluded). */
  readonly rows: number
  /** Data sheets written (the "Field descriptions" sheet excluded). */
  readonly sheets: number
  /** Size of the workbook in bytes. */
  readonly bytes: number
}

/** Bytes of row XML gathered before they are handed to the sheet's zip entry. */
const bufferSize = 1 << 19
/**
 * Output buffer of the deflater (zlib's default is 16 KiB): one holds a deflated row buffer (~90 KiB at
 * level 1). With 256 KiB the main thread spent more allocating a fresh one for every call; 64 KiB no less.
 */
const zlibChunkSize = 1 << 17
/** Rows written between yields to the event loop at most (a full buffer also yields). */
const yieldEvery = 256

/** The options with their defaults, or a RangeError before anything is written. */
const checkedOptions = <R>(input: WorkbookInput<R>) => {
  const maxRows = input.maxRowsPerSheet ?? defaultMaxRowsPerSheet
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > defaultMaxRowsPerSheet) {
    throw new RangeError(`maxRowsPerSheet must be an integer from 1 to ${defaultMaxRowsPerSheet}, got ${maxRows}`)
  }
  const level = input.compressionLevel ?? 1
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new RangeError(`compressionLevel must be an integer from 0 to 9, got ${level}`)
  }
  return { maxRows, level }
}

const creationDate = (generatedAt: string): Date => {
  const date = new Date(generatedAt)
  return Number.isNaN(date.getTime()) ? new Date() : date
}

/** The style ids of a column's cells: plain (0 for none) and quote-prefixed, from `styles`. */
const cellStyle = (
  styles: Styles,
  numFmt: string,
  options: { readonly bold?: boolean; readonly plain?: boolean; readonly numberText?: CellStyle["numberText"] } = {}
): CellStyle => ({
  styleId: options.plain === false ? 0 : styles.id(numFmt, options.bold ?? false),
  quotedStyleId: styles.id(numFmt, options.bold ?? false, true),
  numberText: options.numberText ?? String
})

/**
 * Rows of one sheet on their way to its zip entry: serialised into one reused buffer, handed to the
 * deflater when full (the deflater copies nothing: a fresh buffer is taken only then).
 */
class SheetRows {
  #buffer = Buffer.allocUnsafe(bufferSize)
  #used = 0
  #rowNumber = 0
  constructor(
    readonly entry: ZipEntryStream,
    opening: string
  ) {
    entry.write(Buffer.from(opening, "utf8"))
  }
  get rowNumber(): number {
    return this.#rowNumber
  }
  /** Adds a row; true if that handed a buffer to the entry (a good moment to let the compressor run). */
  add(writer: RowWriter, values: ReadonlyArray<ExcelValue>): boolean {
    this.#rowNumber += 1
    const xml = writer.row(this.#rowNumber, values)
    // ASCII XML is written as Latin-1 (the same bytes): V8 copies its pieces straight into the buffer,
    // without first joining them into one string as it does to encode UTF-8.
    const encoding = writer.ascii ? "latin1" : "utf8"
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.#used + xml.length * 3 <= bufferSize) {
      this.#used += this.#buffer.write(xml, this.#used, encoding)
      return false
    }
    this.flush()
    if (xml.length * 3 > bufferSize) this.entry.write(Buffer.from(xml, encoding))
    else this.#used += this.#buffer.write(xml, this.#used, encoding)
    return true
  }
  flush(): void {
    if (this.#used === 0) return
    this.entry.write(this.#buffer.subarray(0, this.#used))
    this.#buffer = Buffer.allocUnsafe(bufferSize)
    this.#used = 0
  }
  /** Ends the sheet; with `autoFilterColumns`, filters the header and rows and returns the filter's range. */
  async close(autoFilterColumns?: number): Promise<string | undefined> {
    this.flush()
    const ref =
      autoFilterColumns !== undefined && autoFilterColumns > 0
        ? `A1:${columnLetter(autoFilterColumns)}${Math.max(1, this.#rowNumber)}`
        : undefined
    this.entry.write(Buffer.from(sheetClosing(ref), "utf8"))
    await this.entry.close()
    return ref
  }
}

/** A sheet-scoped `_xlnm._FilterDatabase` name: LibreOffice shows a sheet's filter buttons only with it. */
const filterDatabase = (sheetIndex: number, sheetName: string, ref: string): DefinedName => ({
  name: "_xlnm._FilterDatabase",
  localSheetId: sheetIndex,
  ref: `'${sheetName.replaceAll("'", "''")}'!${ref.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`
})

/**
 * Writes the workbook to `stream` and resolves once the last byte has been handed to it (the stream is
 * ended). On failure the zip is abandoned, the stream is left open for the caller to destroy (so an HTTP
 * response is aborted, not ended as if complete), and the error is rethrown.
 */
export const writeWorkbookToStream = async <R>(
  input: WorkbookInput<R> & { readonly stream: Writable }
): Promise<WorkbookSummary> => {
  const { maxRows, level } = checkedOptions(input)
  const { context, stream } = input
  const clock = new Instant.ZoneClock(context.parameters.timezone)
  const formats: ReadonlyArray<ColumnFormat> = context.report.columns.map((column) => columnFormat(column, clock, messagesOf(context)))
  const columnCount = formats.length
  const created = creationDate(context.generatedAt)
  const zip = new ZipWriter(stream, { level, chunkSize: zlibChunkSize, modified: created })

  const styles = new Styles()
  // Text cells carry no style of their own (saves bytes on most cells); their column's style is Text.
  const dataRow = new RowWriter(
    formats.map((f) => cellStyle(styles, f.numFmt, { numberText: f.numberText, plain: f.numFmt !== textFormat }))
  )
  const headerRow = new RowWriter(formats.map(() => cellStyle(styles, textFormat, { bold: true })))
  const headers = formats.map((f) => safeText(f.column.header))
  const dataOpening = sheetOpening(formats.map((f) => ({ width: f.width, style: styles.id(f.numFmt) })))

  const names = new SheetNames()
  const sheetNames: Array<string> = []
  const filters: Array<DefinedName> = []
  let current: SheetRows | undefined
  let total = 0

  const openSheet = (name: string, opening: string): SheetRows => {
    sheetNames.push(name)
    return new SheetRows(zip.open(`xl/worksheets/sheet${sheetNames.length}.xml`), opening)
  }

  /** Ends the current data sheet and names its filter (data sheets come first, so its index is the last). */
  const closeDataSheet = async (rows: SheetRows) => {
    const ref = await rows.close(columnCount)
    if (ref !== undefined) filters.push(filterDatabase(sheetNames.length - 1, sheetNames[sheetNames.length - 1]!, ref))
  }

  const openDataSheet = (): SheetRows => {
    const rows = openSheet(names.take(messagesOf(context).dataSheet), dataOpening)
    rows.add(headerRow, headers)
    return rows
  }

  const values: Array<ExcelValue> = new Array(columnCount)
  let sinceYield = 0
  /** Writes one row; true when the writer should let the compressor catch up. */
  const writeRow = (rows: SheetRows, row: R): boolean => {
    total += 1
    if (row === null || typeof row !== "object") throw new TypeError(`data row ${total} is not an object`)
    for (let c = 0; c < columnCount; c++) {
      const format = formats[c]!
      values[c] = format.toCell(format.column.read(row), total)
    }
    if (rows.add(dataRow, values) || ++sinceYield === yieldEvery) {
      sinceYield = 0
      return true
    }
    return false
  }

  /**
   * Lets zlib's callbacks run so the compressor (on the thread pool) keeps pace with the rows; waits while
   * the deflater holds more than its high-water mark.
   */
  const relieve = async (rows: SheetRows) => {
    await rows.entry.ready()
    await new Promise<void>((resolve) => setImmediate(resolve))
  }

  /** The sheet the next row goes to: a new one when the current one is full. */
  const sheetForRow = async (): Promise<SheetRows> => {
    if (current !== undefined && current.rowNumber <= maxRows) return current
    if (current !== undefined) await closeDataSheet(current)
    return (current = openDataSheet())
  }

  try {
    if (Symbol.asyncIterator in input.rows) {
      for await (const row of input.rows) {
        const rows = current !== undefined && current.rowNumber <= maxRows ? current : await sheetForRow()
        if (writeRow(rows, row)) await relieve(rows)
      }
    } else {
      for (const row of input.rows) {
        const rows = current !== undefined && current.rowNumber <= maxRows ? current : await sheetForRow()
        if (writeRow(rows, row)) await relieve(rows)
      }
    }
    await closeDataSheet(current ?? openDataSheet())
    await writeFieldDescriptions(openSheet, styles, names, context, total)
    await zip.add("xl/workbook.xml", workbookXml(sheetNames, filters))
    await zip.add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetNames.length))
    await zip.add("xl/styles.xml", styles.xml())
    await zip.add("docProps/core.xml", coreProperties("vcr", created))
    await zip.add("docProps/app.xml", appProperties("vcr", sheetNames))
    await zip.add("_rels/.rels", rootRelationships)
    await zip.add("[Content_Types].xml", contentTypes(sheetNames.length))
    await zip.finish()
    return { rows: total, sheets: sheetNames.length - 1, bytes: zip.bytes }
  } catch (error) {
    zip.abort()
    throw error
  } finally {
    zip.release()
  }
}

/** The "Field descriptions" sheet: the column table, a blank row, the run's parameters. */
const writeFieldDescriptions = async (
  openSheet: (name: string, opening: string) => SheetRows,
  styles: Styles,
  names: SheetNames,
  context: RenderContext,
  dataRows: number
) => {
  const bold = cellStyle(styles, textFormat, { bold: true })
  const text = cellStyle(styles, textFormat)
  const rows = openSheet(names.take(messagesOf(context).fieldDescriptionsSheet), sheetOpening([{ width: 28 }, { width: 32 }, { width: 10 }, { width: 100 }]))
  rows.add(new RowWriter([bold, bold, bold, bold]), fieldDescriptionHeader(context).map(safeText))
  const line = new RowWriter([text, text, text, text])
  for (const field of fieldDescriptionLines(context)) rows.add(line, field.map(safeText))
  rows.add(line, [])
  const parameter = new RowWriter([bold, text])
  for (const pair of parameterLines(context, dataRows)) rows.add(parameter, pair.map(safeText))
  await rows.close()
}
