/**
 * PostgreSQL's COPY text format read straight into array rows: the report streams' reads on PostgreSQL. A row is
 * one line, its columns separated by tabs; NULL is `\N`; a backslash, tab, newline, carriage return, backspace,
 * form feed or vertical tab in a value is escaped with a backslash (COPY TO never writes octal or hex escapes).
 * Values are turned into what `pg` gives in array mode on the store's pools (int8 as a number as well), from the
 * bytes, without an intermediate string per number: the same rows at about 0.4x the CPU of a cursor's FETCHes.
 */

/** How a column's text becomes its value, by the column's type. */
export type ColumnKind = "integer" | "float" | "boolean" | "text" | "json"

/** The kind of a PostgreSQL type OID; a type the store never reads is refused rather than guessed. */
export const columnKind = (oid: number, column: string): ColumnKind => {
  switch (oid) {
    case 20: // int8: a number on the store's pools (epoch milliseconds, counts)
    case 21: // int2
    case 23: // int4
      return "integer"
    case 700: // float4
    case 701: // float8
      return "float"
    case 16:
      return "boolean"
    case 19: // name
    case 25: // text
    case 1042: // bpchar
    case 1043: // varchar
      return "text"
    case 114: // json, parsed as pg does
    case 3802: // jsonb
      return "json"
    default:
      throw new Error(`column "${column}" has PostgreSQL type ${oid}, which the store's COPY reader does not read`)
  }
}

const TAB = 9
const NEWLINE = 10
const BACKSLASH = 92
const MINUS = 45
const ZERO = 48
const NINE = 57

const escapes: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" }
const unescape = (text: string): string => text.replace(/\\(.)/gs, (_, c: string) => escapes[c] ?? c)

// Buffer's own slicing by encoding, without `toString`'s encoding dispatch per value (a few percent of a report).
type Slicing = { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string }
const latin1 = (b: Buffer, start: number, end: number): string => (b as unknown as Slicing).latin1Slice(start, end)
const utf8 = (b: Buffer, start: number, end: number): string => (b as unknown as Slicing).utf8Slice(start, end)

/** JSON as pg parses it; a failure names no part of the value (staff and patient data). */
const json = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    throw new Error(`a COPY value of ${text.length} characters is not JSON`)
  }
}

/**
 * A parser of one COPY TO stream: `push` takes the stream's chunks in order (a row may be split between two) and
 * returns the rows completed; `end` checks that nothing was left half read.
 */
export const copyRows = (kinds: ReadonlyArray<ColumnKind>) => {
  const width = kinds.length
  let carry: Buffer | undefined
  // The row's values are staff and patient data: the error gives its size, never its text.
  const fail = (start: number, end: number): never => {
    throw new Error(`a COPY row did not have the ${width} columns asked for (a row of ${end - start} bytes)`)
  }
  return {
    push(chunk: Buffer): Array<Array<unknown>> {
      const b = carry === undefined ? chunk : Buffer.concat([carry, chunk])
      const rows: Array<Array<unknown>> = []
      let start = 0
      for (;;) {
        const newline = b.indexOf(NEWLINE, start)
        if (newline < 0) break
        const row = new Array<unknown>(width)
        let p = start
        for (let i = 0; i < width; i++) {
          if (p > newline) fail(start, newline)
          const kind = kinds[i]!
          let e = p
          let c = b[e]!
          if (kind === "integer" && c !== BACKSLASH) {
            let value = 0
            const negative = c === MINUS
            if (negative) c = b[++e]!
            const digits = e
            while (c >= ZERO && c <= NINE) {
              value = value * 10 + (c - ZERO)
              c = b[++e]!
            }
            // Up to 15 digits the sum is exact; longer numbers are left to `Number`, which rounds once, as pg's parser.
            if ((c === TAB || c === NEWLINE) && e > digits && e - digits <= 15) {
              row[i] = negative ? -value : value
            } else {
              while (c !== TAB && c !== NEWLINE) c = b[++e]!
              row[i] = Number(latin1(b, p, e))
            }
          } else {
            let plain = true
            let escaped = false
            while (c !== TAB && c !== NEWLINE) {
              if (c >= 128) plain = false
              else if (c === BACKSLASH) escaped = true
              c = b[++e]!
            }
            if (escaped && e - p === 2 && b[p + 1] === 78) {
              row[i] = null // \N
            } else {
              const text = plain && !escaped ? latin1(b, p, e) : escaped ? unescape(utf8(b, p, e)) : utf8(b, p, e)
              row[i] = kind === "text" ? text : kind === "float" ? Number(text) : kind === "boolean" ? text === "t" : json(text)
            }
          }
          // The last column ends the line; any other ends at a tab.
          if ((i === width - 1) !== (e === newline)) fail(start, newline)
          p = e + 1
        }
        rows.push(row)
        start = newline + 1
      }
      carry = start < b.length ? b.subarray(start) : undefined
      return rows
    },
    end(): void {
      if (carry !== undefined) throw new Error("a COPY stream ended in the middle of a row")
    }
  }
}

/**
 * A query's `?` parameters written into its text as literals: COPY takes no bound parameters. Numbers must be
 * finite, strings are quoted by the driver's own `escapeLiteral`, arrays become `ARRAY[...]` of their items (the
 * query casts them, as it does its bound lists).
 */
export const inlineParameters = (text: string, params: ReadonlyArray<unknown>, quote: (value: string) => string): string => {
  const literal = (value: unknown): string => {
    if (value === null) return "null"
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error(`a COPY query's parameter is not a finite number: ${value}`)
      // In parentheses when negative: after a `-` in the text, `-5` would start a comment.
      return value < 0 || Object.is(value, -0) ? `(${value})` : String(value)
    }
    if (typeof value === "string") return quote(value)
    if (typeof value === "boolean") return value ? "true" : "false"
    if (Array.isArray(value)) return value.length === 0 ? "'{}'" : `ARRAY[${value.map(literal).join(", ")}]`
    throw new Error(`a COPY query's parameter cannot be written as a literal: ${typeof value}`)
  }
  let n = 0
  const inlined = text.replace(/\?/g, () => {
    if (n >= params.length) throw new Error(`a COPY query has more placeholders than its ${params.length} parameters`)
    return literal(params[n++])
  })
  if (n !== params.length) throw new Error(`a COPY query has ${n} placeholders for ${params.length} parameters`)
  return inlined
}
