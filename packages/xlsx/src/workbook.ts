/**
 * The XLSX renderer: streams report rows into a workbook. exceljs's streaming writer builds the package
 * (zip, styles, views, columns, filters); `sheet-xml` serialises the rows. Data sheets ("Data", "Data 2"...,
 * each with its header) hold at most `maxRowsPerSheet` rows; "Field descriptions" comes last, once the row
 * count is known; sheet names, labels and Yes/No are in the report's locale ("数据", "字段描述" in zh-CN, R80).
 * Memory stays flat: the writer waits whenever the compressor or destination falls behind.
 */
import { Instant, type RenderContext } from "@vcr/core"
import ExcelJS from "exceljs"
import type { Writable } from "node:stream"
import { columnFormat, textFormat, type ColumnFormat, type ExcelValue } from "./column-format.ts"
import { fieldDescriptionHeader, fieldDescriptionLines, messagesOf, parameterLines } from "./field-descriptions.ts"
import { safeText } from "./safe-text.ts"
import { SheetNames } from "./sheet-names.ts"
import { type CellStyle, columnLetter, RowWriter } from "./sheet-xml.ts"

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

/** The parts of exceljs's streaming writer used here (its typings describe the in-memory workbook). */
interface StreamingWorksheet {
  columns: Array<{ width: number; style?: object }>
  autoFilter: string | null
  addRow(values: ReadonlyArray<never>): { commit(): void }
  commit(): void
  /** The sheet's XML stream (exceljs's StreamBuf); `pipes[0]` is the PassThrough the zip entry reads. */
  readonly stream: { write(chunk: Buffer): unknown; uncork(): void; readonly pipes: ReadonlyArray<Writable> }
}
interface StreamingWorkbook {
  addWorksheet(name: string, options?: object): StreamingWorksheet
  commit(): Promise<unknown>
  readonly styles: {
    addStyleModel(style: object): number
    /** The registered `<xf>` elements by id, and ids by element (exceljs's StylesXform while writing). */
    readonly model: { readonly styles: Array<string> }
    readonly index: { readonly style: Record<string, number> }
  }
  /** The workbook views of workbook.xml's `<bookViews>`. */
  views: Array<object>
  /** The defined names written to workbook.xml (exceljs reads `.model` once, at commit). */
  _definedNames: { readonly model: ReadonlyArray<DefinedName> }
  readonly zip: {
    pointer(): number
    abort(): unknown
    finalize(): Promise<unknown>
    unpipe(stream: Writable): unknown
    on(event: "error", listener: (error: unknown) => void): unknown
  }
}

/** A workbook-level defined name as exceljs's workbook.xml writer takes it. */
interface DefinedName {
  readonly name: string
  readonly localSheetId: number
  readonly ranges: ReadonlyArray<string>
}

/**
 * Registers a style and its twin with `quotePrefix="1"` (what Excel and LibreOffice set when a user types
 * text starting with an apostrophe). exceljs's style model has no quotePrefix, so the twin's `<xf>` is the
 * registered element with the attribute added, put in the same table.
 */
const cellStyle = (
  workbook: StreamingWorkbook,
  model: object,
  numberText: CellStyle["numberText"] = String,
  plain = true
): CellStyle => {
  const styles = workbook.styles
  const id = styles.addStyleModel(model)
  const quoted = styles.model.styles[id]!.replace(/^<xf /, '<xf quotePrefix="1" ')
  let quotedStyleId = styles.index.style[quoted]
  if (quotedStyleId === undefined) {
    quotedStyleId = styles.index.style[quoted] = styles.model.styles.length
    styles.model.styles.push(quoted)
  }
  return { styleId: plain ? id : 0, quotedStyleId, numberText }
}

/** A sheet-scoped `_xlnm._FilterDatabase` name: LibreOffice shows a sheet's filter buttons only with it. */
const filterDatabase = (sheetIndex: number, sheetName: string, ref: string): DefinedName => ({
  name: "_xlnm._FilterDatabase",
  localSheetId: sheetIndex,
  ranges: [`'${sheetName.replaceAll("'", "''")}'!${ref.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`]
})

const boldFont = { name: "Calibri", family: 2, scheme: "minor", size: 11, color: { theme: 1 }, bold: true }
const frozenHeader = [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }]

/** Bytes of row XML gathered before they are handed to the sheet's zip entry. */
const bufferSize = 1 << 19
/** Output buffer of the deflater (zlib's default is 16 KiB). */
const zlibChunkSize = 1 << 20
/** Rows written between yields to the event loop at most (a full buffer also yields). */
const yieldEvery = 256
/** Bytes of sheet XML allowed to wait for the compressor before the writer waits too. */
const backlogLimit = 4 * 1024 * 1024

/** Bytes waiting in a writable, for Node's streams and for the readable-stream copies archiver uses. */
const bufferedBytes = (stream: Writable): number =>
  stream.writableLength ?? (stream as unknown as { _writableState?: { length: number } })._writableState?.length ?? 0

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

/**
 * Rows of one sheet on their way to its zip entry, in chunks. exceljs writes the sheet's opening (views,
 * columns, `<sheetData>`) and closing (filter, page setup) into its StreamBuf, which feeds the zip entry
 * through `pipes[0]`; rows go to that entry directly, after flushing the StreamBuf so the order holds,
 * which saves StreamBuf's copy of every byte into freshly zeroed buffers.
 */
class SheetRows {
  #buffer = Buffer.allocUnsafe(bufferSize)
  #used = 0
  #rowNumber = 0
  readonly #entry: Writable | undefined
  constructor(readonly sheet: StreamingWorksheet) {
    sheet.addRow([]).commit() // has exceljs write <cols> and open <sheetData>; the row itself is empty
    sheet.stream.uncork() // hands everything written so far to the entry
    this.#entry = sheet.stream.pipes.length === 1 ? sheet.stream.pipes[0] : undefined
  }
  get rowNumber(): number {
    return this.#rowNumber
  }
  /** Bytes written but not yet taken by the compressor. */
  get backlog(): number {
    return this.#entry === undefined ? 0 : bufferedBytes(this.#entry)
  }
  /** Resolves once the backlog has gone (or `abandon` resolves first). */
  drained(abandon: Promise<void>): Promise<void> {
    const entry = this.#entry
    if (entry === undefined) return Promise.resolve()
    let done = () => {}
    return Promise.race([new Promise<void>((resolve) => entry.once("drain", (done = resolve))), abandon]).finally(
      () => entry.off("drain", done)
    )
  }
  /** Adds a row; true if that handed a buffer to the entry (a good moment to let the compressor run). */
  add(writer: RowWriter, values: ReadonlyArray<ExcelValue>): boolean {
    this.#rowNumber += 1
    const xml = writer.row(this.#rowNumber, values)
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.#used + xml.length * 3 <= bufferSize) {
      this.#used += this.#buffer.write(xml, this.#used, "utf8")
      return false
    }
    this.flush()
    if (xml.length * 3 > bufferSize) this.#write(Buffer.from(xml, "utf8"))
    else this.#used += this.#buffer.write(xml, this.#used, "utf8")
    return true
  }
  flush(): void {
    if (this.#used === 0) return
    this.#write(this.#buffer.subarray(0, this.#used))
    this.#buffer = Buffer.allocUnsafe(bufferSize)
    this.#used = 0
  }
  #write(bytes: Buffer): void {
    if (this.#entry === undefined) this.sheet.stream.write(bytes)
    else this.#entry.write(bytes)
  }
  /** Ends the sheet; with `autoFilterColumns`, filters the header and rows and returns the filter's range. */
  commit(autoFilterColumns?: number): string | undefined {
    this.flush()
    let ref: string | undefined
    if (autoFilterColumns !== undefined && autoFilterColumns > 0) {
      ref = `A1:${columnLetter(autoFilterColumns)}${Math.max(1, this.#rowNumber)}`
      this.sheet.autoFilter = ref
    }
    this.sheet.commit()
    return ref
  }
}

/**
 * Writes the workbook to `stream` and resolves once the last byte has been handed to it (the stream is
 * ended). On failure the archive is detached and abandoned, the stream is left open for the caller to
 * destroy (so an HTTP response is aborted, not ended as if complete), and the error is rethrown.
 */
export const writeWorkbookToStream = async <R>(
  input: WorkbookInput<R> & { readonly stream: Writable }
): Promise<WorkbookSummary> => {
  const { maxRows, level } = checkedOptions(input)
  const { context, stream } = input
  const clock = new Instant.ZoneClock(context.parameters.timezone)
  const formats: ReadonlyArray<ColumnFormat> = context.report.columns.map((column) => columnFormat(column, clock, messagesOf(context)))
  const columnCount = formats.length

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    // A large zlib output chunk lets one trip to the thread pool deflate megabytes, not 100 KB.
    zip: { zlib: { level, chunkSize: zlibChunkSize } },
    creator: "vcr",
    lastModifiedBy: "vcr",
    created: creationDate(context.generatedAt)
  } as never) as unknown as StreamingWorkbook

  // The first failure of the archive or the destination; checked between rows, ends any wait.
  let failure: unknown = undefined
  let abandon = () => {}
  const abandoned = new Promise<void>((resolve) => (abandon = resolve))
  const fail = (error: unknown) => {
    failure ??= error
    abandon()
  }
  // Without a workbook view LibreOffice ignores every sheet's view, the frozen header included.
  workbook.views = [{ x: 0, y: 0, width: 28800, height: 17600, firstSheet: 0, activeTab: 0, visibility: "visible" }]
  workbook.zip.on("error", fail)
  stream.on("error", fail)
  // exceljs drops the promise of archiver's finalize; aborting after a failed destination (a full disk) would
  // reject it unhandled, which ends a Node process. The failure itself reaches us through `fail`.
  const finalize = workbook.zip.finalize.bind(workbook.zip)
  workbook.zip.finalize = () => {
    const finalized = finalize()
    finalized.catch(() => undefined)
    return finalized
  }

  // One style object per column, registered once: cells refer to it by id.
  const columnStyles = formats.map((f) => ({ numFmt: f.numFmt }))
  const headerStyle = { font: boldFont, numFmt: textFormat }
  // Text cells carry no style of their own (saves bytes on most cells); their column's style is Text.
  const dataRow = new RowWriter(
    formats.map((f, i) => cellStyle(workbook, columnStyles[i]!, f.numberText, f.numFmt !== textFormat))
  )
  const headerRow = new RowWriter(formats.map(() => cellStyle(workbook, headerStyle)))
  const headers = formats.map((f) => safeText(f.column.header))

  const names = new SheetNames()
  const filters: Array<DefinedName> = []
  workbook._definedNames = { model: filters }
  let current: SheetRows | undefined
  let currentName = ""
  let sheets = 0
  let total = 0

  /** Ends the current data sheet and names its filter (data sheets come first, so its index is `sheets - 1`). */
  const commitDataSheet = (rows: SheetRows) => {
    const ref = rows.commit(columnCount)
    if (ref !== undefined) filters.push(filterDatabase(sheets - 1, currentName, ref))
  }

  const openDataSheet = (): SheetRows => {
    sheets += 1
    currentName = names.take(messagesOf(context).dataSheet)
    const sheet = workbook.addWorksheet(currentName, { views: frozenHeader })
    sheet.columns = formats.map((f, i) => ({ width: f.width, style: columnStyles[i]! }))
    const rows = new SheetRows(sheet)
    rows.add(headerRow, headers)
    return rows
  }

  /**
   * Yields to the event loop every `yieldEvery` rows and whenever a buffer was handed over, so zlib's
   * callbacks run and the compressor (on the thread pool) keeps pace with the rows (measured: yielding
   * every ~270 KB of XML beats once per 512 KB buffer by about 10%); waits while the compressor is still
   * more than `backlogLimit` behind.
   */
  const relieve = async () => {
    if (failure !== undefined) throw failure
    if (current !== undefined && current.backlog > backlogLimit) await current.drained(abandoned)
    else await new Promise<void>((resolve) => setImmediate(resolve))
    if (failure !== undefined) throw failure
  }

  const values: Array<ExcelValue> = new Array(columnCount)
  let sinceYield = 0
  /** Writes one row; true when the writer should `relieve`. */
  const writeRow = (row: R): boolean => {
    if (current === undefined || current.rowNumber > maxRows) {
      if (current !== undefined) commitDataSheet(current)
      current = openDataSheet()
    }
    total += 1
    if (row === null || typeof row !== "object") throw new TypeError(`data row ${total} is not an object`)
    for (let c = 0; c < columnCount; c++) {
      const format = formats[c]!
      values[c] = format.toCell(format.column.read(row), total)
    }
    if (current.add(dataRow, values) || ++sinceYield === yieldEvery) {
      sinceYield = 0
      return true
    }
    return false
  }

  try {
    if (Symbol.asyncIterator in input.rows) {
      for await (const row of input.rows) if (writeRow(row)) await relieve()
    } else {
      for (const row of input.rows) if (writeRow(row)) await relieve()
    }
    current ??= openDataSheet()
    commitDataSheet(current)
    writeFieldDescriptions(workbook, names, context, total)
    const committed = workbook.commit()
    committed.catch(() => undefined) // when the destination failed first, its rejection is `failure`
    await Promise.race([committed, abandoned])
    if (failure !== undefined) throw failure
    return { rows: total, sheets, bytes: workbook.zip.pointer() }
  } catch (error) {
    workbook.zip.unpipe(stream)
    workbook.zip.abort()
    throw error
  } finally {
    stream.off("error", fail)
  }
}

/** The "Field descriptions" sheet: the column table, a blank row, the run's parameters. */
const writeFieldDescriptions = (
  workbook: StreamingWorkbook,
  names: SheetNames,
  context: RenderContext,
  dataRows: number
) => {
  const bold = cellStyle(workbook, { font: boldFont, numFmt: textFormat })
  const text = cellStyle(workbook, { numFmt: textFormat })
  const sheet = workbook.addWorksheet(names.take(messagesOf(context).fieldDescriptionsSheet), { views: frozenHeader })
  sheet.columns = [{ width: 28 }, { width: 32 }, { width: 10 }, { width: 100 }]
  const rows = new SheetRows(sheet)
  rows.add(new RowWriter([bold, bold, bold, bold]), fieldDescriptionHeader(context).map(safeText))
  const line = new RowWriter([text, text, text, text])
  for (const field of fieldDescriptionLines(context)) rows.add(line, field.map(safeText))
  rows.add(line, [])
  const parameter = new RowWriter([bold, text])
  for (const pair of parameterLines(context, dataRows)) rows.add(parameter, pair.map(safeText))
  rows.commit()
}
