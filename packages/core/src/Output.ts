/**
 * The machine outputs of SPEC §8: JSON (R70, R71) and CSV (RFC 4180, UTF-8). Both read each row's cells through
 * the report's columns, show instants in the run's zone with their offset (R69), and stream: a report of any size
 * never sits in memory. The writers put bytes straight into fixed-size chunks (`csvBytes`, `jsonBytes`), with no
 * string built per cell or row; `csv` and `json` give the same documents as text.
 */
import * as Batches from "./Batches.ts"
import { absurd, type Column } from "./Column.ts"
import { isFormulaLike, neutralise } from "./FormulaLike.ts"
import { isoText, ZoneClock } from "./Instant.ts"
import type { RenderContext } from "./Report.ts"
import * as Report from "./Report.ts"

const QUOTE = 0x22
const COMMA = 0x2c
const CR = 0x0d
const LF = 0x0a
const BACKSLASH = 0x5c
const COLON = 0x3a

/** Bytes of a chunk handed out (about: one row may make it longer). */
const chunkSize = 256 * 1024

const encoder = new TextEncoder()
const TRUE = encoder.encode("true")
const FALSE = encoder.encode("false")
const NULL = encoder.encode("null")

/**
 * UTF-8 bytes appended to fixed-size chunks. A full chunk is handed out whole and never written again (a stream
 * may still hold it), so each chunk is a fresh array. ASCII text is copied a code unit at a time; anything else
 * goes through TextEncoder.
 */
class Bytes {
  private chunk = new Uint8Array(chunkSize)
  private at = 0
  private full: Array<Uint8Array> = []

  /** Makes room for `n` more bytes in the current chunk. */
  private room(n: number): void {
    if (this.at + n <= this.chunk.length) return
    if (this.at > 0) this.full.push(this.chunk.subarray(0, this.at))
    this.chunk = new Uint8Array(Math.max(chunkSize, n))
    this.at = 0
  }

  /** The chunks filled so far, and with `all` the current one too: none of them is written again. */
  take(all: boolean): Array<Uint8Array> {
    if (all && this.at > 0) {
      this.full.push(this.chunk.subarray(0, this.at))
      this.chunk = new Uint8Array(chunkSize)
      this.at = 0
    }
    const full = this.full
    this.full = []
    return full
  }

  byte(b: number): void {
    if (this.at === this.chunk.length) this.room(1)
    this.chunk[this.at++] = b
  }

  /** Any text, encoded as UTF-8 (lone surrogates as U+FFFD, as Node writes strings). */
  text(s: string): void {
    this.room(3 * s.length)
    this.at += encoder.encodeInto(s, this.chunk.subarray(this.at)).written
  }

  /** Bytes encoded beforehand. */
  bytes(b: Uint8Array): void {
    const n = b.length
    this.room(n)
    const chunk = this.chunk
    let at = this.at
    for (let i = 0; i < n; i++) chunk[at++] = b[i]!
    this.at = at
  }

  /** A number from 0 to 99 as two digits. */
  twoDigits(n: number): void {
    this.room(2)
    const tens = Math.floor(n / 10)
    this.chunk[this.at++] = 0x30 + tens
    this.chunk[this.at++] = 0x30 + n - 10 * tens
  }

  /** Text known to be ASCII (instants, numbers, fixed words). */
  ascii(s: string): void {
    const n = s.length
    this.room(n)
    const chunk = this.chunk
    let at = this.at
    for (let i = 0; i < n; i++) chunk[at++] = s.charCodeAt(i)
    this.at = at
  }

  /** A whole number in decimal, as `String` shows it. */
  number(v: number): void {
    if (!(v >= 0 && v <= 0x7fffffff && Number.isInteger(v))) return this.ascii(String(v))
    let digits = 1
    for (let x = v; x >= 10; x = (x / 10) | 0) digits++
    this.room(digits)
    const chunk = this.chunk
    let at = this.at + digits
    this.at = at
    let x = v
    do {
      const next = (x / 10) | 0
      chunk[--at] = 0x30 + x - 10 * next
      x = next
    } while (x > 0)
  }

  /**
   * Copies `s` when every code unit is printable ASCII that the format leaves as it is (`plain`); otherwise
   * writes nothing and answers false, for the caller to write the escaped form.
   */
  plain(s: string, plain: (c: number) => boolean): boolean {
    const n = s.length
    this.room(n)
    const chunk = this.chunk
    let at = this.at
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i)
      if (!plain(c)) return false
      chunk[at++] = c
    }
    this.at = at
    return true
  }
}

/**
 * Instants of one column in the run's zone (R69), as `isoText` shows them, written as bytes: the date part and
 * the offset are kept from the last instant of the same day and offset, so most instants only write their time
 * of day (no text made per instant).
 */
class InstantColumn {
  private day = Number.NaN
  private offset = ""
  private date = new Uint8Array(0)
  private offsetBytes = new Uint8Array(0)
  constructor(private readonly clock: ZoneClock) {}

  write(out: Bytes, ms: number): void {
    const wall = this.clock.wallTime(ms)
    const day = Math.floor(wall.seconds / 86400)
    if (day !== this.day || wall.offset !== this.offset) {
      const text = isoText(wall)
      this.day = day
      this.offset = wall.offset
      this.date = encoder.encode(text.slice(0, text.indexOf("T") + 1))
      this.offsetBytes = encoder.encode(wall.offset)
    }
    out.bytes(this.date)
    // `HH:MM:SS` as isoText writes it.
    const secs = wall.seconds - day * 86400
    out.twoDigits(Math.floor(secs / 3600))
    out.byte(COLON)
    out.twoDigits(Math.floor((secs % 3600) / 60))
    out.byte(COLON)
    out.twoDigits(secs % 60)
    out.bytes(this.offsetBytes)
  }
}

/** Chunks as text: a multi-byte character split between two chunks is decoded whole. */
async function* decoded(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true })
  const rest = decoder.decode()
  if (rest !== "") yield rest
}

/** A JSON string's code units that need no escape and are one byte: printable ASCII but `"` and `\`. */
const jsonPlain = (c: number): boolean => c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH

/** The JSON report document as UTF-8 chunks: header, rows, closing. */
export async function* jsonBytes<R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<Uint8Array> {
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
  // Each row is written in column order after precomputed `"key":` prefixes: no intermediate objects.
  const prefixes = columns.map((c, i) => encoder.encode((i === 0 ? "{" : ",") + JSON.stringify(c.key) + ":"))
  const instants = columns.map((c) => (c.type === "instant" ? new InstantColumn(clock) : undefined))
  const out = new Bytes()
  out.text(`${opening.slice(0, -1)},"rows":[`)
  let n = 0
  for await (const batch of Batches.read(rows)) {
    for (const row of batch) {
      if (n++ > 0) out.byte(COMMA)
      out.byte(LF)
      for (let i = 0; i < columns.length; i++) {
        out.bytes(prefixes[i]!)
        const v = columns[i]!.read(row)
        const instant = instants[i]
        if (v === null) out.bytes(NULL)
        else if (instant !== undefined) {
          out.byte(QUOTE)
          instant.write(out, v as number)
          out.byte(QUOTE)
        } else if (typeof v === "string") {
          out.byte(QUOTE)
          if (out.plain(v, jsonPlain)) out.byte(QUOTE)
          else out.text(JSON.stringify(v).slice(1))
        } else if (typeof v === "number") out.number(v)
        else if (typeof v === "boolean") out.bytes(v ? TRUE : FALSE)
        else out.ascii(String(v))
      }
      out.byte(0x7d)
    }
    yield* out.take(false)
  }
  out.ascii(`${n === 0 ? "" : "\n"}]}\n`)
  yield* out.take(true)
}

/** The JSON report document, as text chunks: header, rows, closing. */
export const json = <R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<string> =>
  decoded(jsonBytes(context, rows))

const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/** A CSV field's code units that need no quotes and are one byte: ASCII but `"`, `,`, CR and LF. */
const csvPlain = (c: number): boolean => c < 0x80 && c !== QUOTE && c !== COMMA && c !== CR && c !== LF

/** The CSV document as UTF-8 chunks (RFC 4180: CRLF, quoted when needed), header row of column headers, neutralised like cells (R74). */
export async function* csvBytes<R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<Uint8Array> {
  const columns: ReadonlyArray<Column<R>> = context.report.columns
  const clock = new ZoneClock(context.parameters.timezone)
  const instants = columns.map((c) => (c.type === "instant" ? new InstantColumn(clock) : undefined))
  const out = new Bytes()
  out.text(columns.map((c) => csvField(neutralise(c.header))).join(",") + "\r\n")
  for await (const batch of Batches.read(rows)) {
    for (const row of batch) {
      for (let i = 0; i < columns.length; i++) {
        if (i > 0) out.byte(COMMA)
        const column = columns[i]!
        const value = column.read(row)
        // One cell: blanks empty, instants in the run's zone, booleans true/false, text neutralised (R74).
        if (value === null) continue
        switch (column.type) {
          case "string": {
            const text = typeof value === "string" ? value : String(value)
            if (isFormulaLike(text) || !out.plain(text, csvPlain)) out.text(csvField(neutralise(text)))
            break
          }
          case "instant":
            instants[i]!.write(out, value as number)
            break
          case "integer":
          case "seconds":
            if (typeof value === "number") out.number(value)
            else out.text(csvField(String(value)))
            break
          case "date":
            out.text(csvField(String(value)))
            break
          case "boolean":
            out.bytes(value === true ? TRUE : FALSE)
            break
          default:
            absurd(column.type)
        }
      }
      out.byte(CR)
      out.byte(LF)
    }
    yield* out.take(false)
  }
  yield* out.take(true)
}

/** The CSV document as text chunks (RFC 4180: CRLF, quoted when needed), header row of column headers, neutralised like cells (R74). */
export const csv = <R>(context: RenderContext<R>, rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<string> =>
  decoded(csvBytes(context, rows))
