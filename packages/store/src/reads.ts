/**
 * Reads of the report streams straight from the driver, as arrays of column values in select order: no row
 * objects built by the driver or by kysely for the hundreds of thousands of fact rows of a large report. SQL is
 * written with `?` placeholders; PostgreSQL's `$n` are numbered here.
 */
import type Sqlite from "better-sqlite3"
import type { Kysely } from "kysely"
import type { Database } from "./schema.ts"

/** A row as the driver returns it in array mode. */
export type RawRow = ReadonlyArray<unknown>

export interface RawReads {
  /** The rows of one SELECT (`?` placeholders), each an array of its column values in select order. */
  rows(text: string, params: ReadonlyArray<unknown>): Promise<ReadonlyArray<RawRow>>
  /**
   * The rows of one SELECT (`?` placeholders) streamed in one read, in batches of `batch` rows (the last one
   * shorter), on a connection of its own while the stream is read. Absent on SQLite, whose one connection an open
   * read would keep from everything else.
   */
  readonly stream?: (text: string, params: ReadonlyArray<unknown>, batch: number) => AsyncIterable<ReadonlyArray<RawRow>>
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
