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

/** PostgreSQL: one pooled query in array mode (the pool's int8 parser applies); connection failures classified. */
export const postgresReads = (pool: pg.Pool): RawReads => {
  const texts = new Map<string, string>()
  return {
    rows: async (text, params) => {
      let numbered = texts.get(text)
      if (numbered === undefined) {
        let n = 0
        numbered = text.replace(/\?/g, () => `$${++n}`)
        texts.set(text, numbered)
      }
      try {
        const result = await pool.query({ text: numbered, values: [...params], rowMode: "array" })
        return result.rows as Array<RawRow>
      } catch (error) {
        throw classifyConnectionError(error)
      }
    }
  }
}
