/**
 * What differs between SQLite and PostgreSQL, in one small interface: how text columns order (code points,
 * RULINGS preamble), how a list of values is bound as one parameter, and how writers are serialised.
 * Everything else in the store is one kysely code path for both databases.
 */
import { sql, type ColumnDataType, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely"
import type { RawRow } from "./reads.ts"
import type { Database } from "./schema.ts"

/** The dialect-specific parts of the store. */
export interface StoreDialect {
  readonly name: "sqlite" | "postgres"
  /** Column type for text compared and ordered by Unicode code point. */
  readonly text: ColumnDataType | Expression<unknown>
  /** `column IN (values)` bound as a single parameter, so a list of any length fits in one statement. */
  anyOf(column: string, values: ReadonlyArray<string>): RawBuilder<SqlBool>
  /** `column IN (values)` for integers (component ids). */
  anyOfNumbers(column: string, values: ReadonlyArray<number>): RawBuilder<SqlBool>
  /** Takes the write lock for the rest of the transaction: imports and reprojections run one at a time. */
  lockWrites(trx: Kysely<Database>): Promise<void>
  /** Refreshes the planner's statistics after a large write, so the next report does not scan blindly. */
  refreshStatistics(db: Kysely<Database>): Promise<void>
  /**
   * Inserts `rows` (objects with the same keys, the first row's order) into `table` inside `trx`, the fastest
   * way the driver has: the bulk writes of import and projection. `onConflict: "ignore"` skips a row whose key
   * is already stored.
   */
  insertRows(trx: Kysely<Database>, table: keyof Database, rows: ReadonlyArray<object>, options?: InsertOptions): Promise<void>
  /**
   * The rows of one compiled SELECT inside `trx`, each an array of its column values in select order, read
   * without row objects: the projection's bulk read of events. Absent: the caller reads through kysely.
   */
  readonly rawRows?: (trx: Kysely<Database>, text: string, params: ReadonlyArray<unknown>) => Promise<ReadonlyArray<RawRow>>
}

export interface InsertOptions {
  /** Skip rows whose unique key is already stored (`on conflict do nothing`). */
  readonly onConflict?: "ignore"
}

/** Rows per multi-row INSERT through kysely: far below SQLite's 32766 bound parameters for the widest table. */
const kyselyBatch = 500

/** Multi-row INSERTs through kysely, `kyselyBatch` rows at a time (PostgreSQL; SQLite without its driver at hand). */
const kyselyInsertRows: StoreDialect["insertRows"] = async (trx, table, rows, options = {}) => {
  for (let i = 0; i < rows.length; i += kyselyBatch) {
    const chunk = (rows.length <= kyselyBatch ? rows : rows.slice(i, i + kyselyBatch)) as Array<any>
    const insert = trx.insertInto(table).values(chunk)
    await (options.onConflict === "ignore" ? insert.onConflict((oc) => oc.doNothing()) : insert).execute()
  }
}

/** SQLite: BINARY collation is code-point order on UTF-8 text; lists travel as JSON through `json_each`. */
export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  text: "text",
  anyOf: (column, values) => sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`,
  anyOfNumbers: (column, values) =>
    sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`,
  // A write statement first, so the transaction holds SQLite's write lock before it reads anything.
  lockWrites: async (trx) => {
    await trx.deleteFrom("pending_components").execute()
  },
  refreshStatistics: async (db) => {
    await sql`pragma optimize`.execute(db)
  },
  insertRows: kyselyInsertRows
}

/** Rows per INSERT on PostgreSQL: one JSON parameter each (a few MB at most). */
const jsonBatch = 5000

/**
 * PostgreSQL: each batch of rows is one parameter, a JSON array the server turns into rows of the table's own type
 * (`json_populate_recordset`), so no statement is compiled per batch and no parameter bound per value: an import
 * spends 17% less CPU in Node than with kysely's multi-row INSERTs of 500 rows (bench/RESULTS.md).
 */
const jsonInsertRows: StoreDialect["insertRows"] = async (trx, table, rows, options = {}) => {
  if (rows.length === 0) return
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)))
  const conflict = options.onConflict === "ignore" ? sql` on conflict do nothing` : sql``
  for (let i = 0; i < rows.length; i += jsonBatch) {
    const chunk = rows.length <= jsonBatch ? rows : rows.slice(i, i + jsonBatch)
    await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)${conflict}`.execute(trx)
  }
}

const LOCK_KEY = 0x76637231 // "vcr1"

/** PostgreSQL: text columns are declared COLLATE "C" (byte order of UTF-8 = code-point order); lists as arrays. */
export const postgresDialect: StoreDialect = {
  name: "postgres",
  text: sql`text collate "C"`,
  anyOf: (column, values) => sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`,
  anyOfNumbers: (column, values) => sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::bigint[])`,
  lockWrites: async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx)
    await trx.deleteFrom("pending_components").execute()
  },
  // Autovacuum analyzes a bulk-loaded table only after a while; a report run straight after an import would
  // otherwise plan without statistics (measured: 5x slower session pages).
  refreshStatistics: async (db) => {
    await sql`analyze events, links, sessions, segments, segment_hosts, segment_participants, room_calls, room_call_participants, logins`.execute(db)
  },
  insertRows: jsonInsertRows
}
