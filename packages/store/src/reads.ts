/**
 * Reads of the report streams straight from the driver, as arrays of column values in select order: no row
 * objects built by the driver or by kysely for the hundreds of thousands of fact rows of a large report. SQL is
 * written with `?` placeholders; PostgreSQL's `$n` are numbered here.
 */
import type Sqlite from "better-sqlite3"
import type { Kysely } from "kysely"
import type pg from "pg"
import type { Database } from "./schema.ts"
import { classifyConnectionError } from "./unavailable.ts"

/** A row as the driver returns it in array mode. */
export type RawRow = ReadonlyArray<unknown>

export interface RawReads {
  /** The rows of one SELECT (`?` placeholders), each an array of its column values in select order. */
  rows(text: string, params: ReadonlyArray<unknown>): Promise<ReadonlyArray<RawRow>>
  /**
   * The rows of one SELECT read through a cursor, `batch` rows at a time, on a connection of its own while the
   * stream is read. Absent on SQLite, whose one connection an open read would keep from everything else.
   */
  readonly cursor?: (text: string, params: ReadonlyArray<unknown>, batch: number) => AsyncIterable<ReadonlyArray<RawRow>>
}

/**
 * SQLite: prepared once per text, read with `.raw(true).all()`. The read holds kysely's connection (its mutex)
 * while it runs, so it never interleaves with a transaction of this process on the same connection.
 */
export const sqliteReads = (db: Kysely<Database>, database: Sqlite.Database): RawReads => {
  const statements = new Map<string, Sqlite.Statement>()
  return {
    rows: (text, params) =>
      db.connection().execute(async () => {
        let statement = statements.get(text)
        if (statement === undefined) {
          statement = database.prepare(text).raw(true)
          statements.set(text, statement)
        }
        return statement.all(...params) as Array<RawRow>
      })
  }
}

/**
 * PostgreSQL: one pooled query in array mode (the pool's int8 parser applies); connection failures classified.
 * A cursor is a read-only transaction on a client of `cursors` (a pool of its own, so that open report streams never
 * hold the connections everything else needs): DECLARE, then FETCH until the rows run out (one plan for the whole
 * stream instead of one query per page), each FETCH sent before the previous batch is handed over; ended by
 * COMMIT, or by ROLLBACK when the reader stops early.
 */
export const postgresReads = (pool: pg.Pool, cursors: pg.Pool): RawReads => {
  const texts = new Map<string, string>()
  const numbered = (text: string): string => {
    let numbered = texts.get(text)
    if (numbered === undefined) {
      let n = 0
      numbered = text.replace(/\?/g, () => `$${++n}`)
      texts.set(text, numbered)
    }
    return numbered
  }
  return {
    rows: async (text, params) => {
      try {
        const result = await pool.query({ text: numbered(text), values: [...params], rowMode: "array" })
        return result.rows as Array<RawRow>
      } catch (error) {
        throw classifyConnectionError(error)
      }
    },
    cursor: async function* (text, params, batch) {
      const client = await cursors.connect().catch((error: unknown) => {
        throw classifyConnectionError(error)
      })
      let open = false
      try {
        await client.query("begin read only")
        open = true
        await client.query({ text: `declare vcr_rows no scroll cursor for ${numbered(text)}`, values: [...params] })
        const fetch = () => {
          const rows = client.query({ text: `fetch ${batch} from vcr_rows`, rowMode: "array" })
          // Awaited below; a failure while the reader still works on the previous batch must not go unhandled.
          rows.catch(() => undefined)
          return rows
        }
        let next = fetch()
        for (;;) {
          const result = await next
          const more = result.rows.length === batch
          // The next batch is asked for before this one is handed over: the server reads it while the reader works.
          if (more) next = fetch()
          if (result.rows.length > 0) yield result.rows as Array<RawRow>
          if (!more) break
        }
        open = false
        await client.query("commit")
      } catch (error) {
        throw classifyConnectionError(error)
      } finally {
        // Stopped early or failed: the transaction is rolled back; a client that cannot do even that is discarded.
        let broken: Error | undefined
        if (open) await client.query("rollback").catch((error: unknown) => (broken = error instanceof Error ? error : new Error(String(error))))
        client.release(broken)
      }
    }
  }
}

/**
 * Keyset pages of at most `pageSize` sessions: `first` and `next` are one ordered query's texts without and with
 * the keyset condition, whose rows start with the session id then its entry instant and are ordered by (entry
 * instant, session id); `first` takes `[start, end, ...scope]`, `next` `[from, end, entryAt, sessionId, ...scope]`,
 * where the last page's last session is (entryAt, sessionId). Each page's rows are one batch; a page of fewer
 * sessions than `pageSize` is the last.
 */
export async function* sessionPages(
  reads: RawReads, texts: { readonly first: string; readonly next: string }, range: { readonly start: number; readonly end: number },
  scope: ReadonlyArray<unknown>, pageSize: number
): AsyncGenerator<ReadonlyArray<RawRow>> {
  let after: readonly [number, string] | undefined
  for (;;) {
    const page = await reads.rows(
      after === undefined ? texts.first : texts.next,
      after === undefined ? [range.start, range.end, ...scope] : [Math.max(range.start, after[0]), range.end, after[0], after[1], ...scope]
    )
    if (page.length === 0) return
    yield page
    let sessions = 0
    let session: unknown
    for (const r of page) {
      if (r[0] !== session) {
        session = r[0]
        sessions++
      }
    }
    if (sessions < pageSize) return
    const last = page[page.length - 1]!
    after = [last[1] as number, last[0] as string]
  }
}
