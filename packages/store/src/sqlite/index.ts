/**
 * @vcr/store/sqlite: the store on a SQLite file with better-sqlite3 (WAL journal, so reports can read while an
 * import writes). Import this subpath directly to open a store without URL parsing.
 */
import Sqlite from "better-sqlite3"
import { Kysely, SqliteAdapter, SqliteDialect, sql, type Kysely as AnyKysely } from "kysely"
import { sqliteDialect, type StoreDialect } from "../dialect.ts"
import type { Database } from "../schema.ts"
import { sqliteReads, type RawRow } from "../reads.ts"
import { KyselyStore, type Store } from "../store.ts"

/**
 * Migrations under SQLite's write lock: kysely's SQLite adapter takes no lock (one connection per process), so two
 * processes migrating one file at once (two servers starting) would both apply the first migration. `BEGIN
 * IMMEDIATE` on the migration connection waits (busy_timeout) for the other process and makes the run one
 * transaction; the second process then finds everything applied.
 */
class MigrationLockingAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: AnyKysely<any>): Promise<void> {
    await sql`begin immediate`.execute(db)
  }
  override async releaseMigrationLock(db: AnyKysely<any>): Promise<void> {
    await sql`commit`.execute(db)
  }
}

class LockingSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new MigrationLockingAdapter()
  }
}

/**
 * Bulk inserts as prepared statements run on better-sqlite3's connection directly, one row per step: inside
 * the caller's kysely transaction (one connection, so the same transaction), without compiling a multi-row
 * statement per batch. Measured on the import: several times faster than kysely's multi-row INSERTs.
 */
const preparedInserts = (database: Sqlite.Database): StoreDialect["insertRows"] => {
  const statements = new Map<string, Sqlite.Statement>()
  return async (_trx, table, rows, options = {}) => {
    if (rows.length === 0) return
    const columns = Object.keys(rows[0]!)
    const key = `${table}\u0000${options.onConflict ?? ""}\u0000${columns.join(",")}`
    let statement = statements.get(key)
    if (statement === undefined) {
      const names = columns.map((c) => `"${c}"`).join(", ")
      const verb = options.onConflict === "ignore" ? "insert or ignore" : "insert"
      statement = database.prepare(`${verb} into "${table}" (${names}) values (${columns.map(() => "?").join(", ")})`)
      statements.set(key, statement)
    }
    const values = new Array<unknown>(columns.length)
    for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
      for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]!] ?? null
      statement.run(values)
    }
  }
}

/**
 * Raw reads on better-sqlite3's connection directly, inside the caller's kysely transaction (one connection, so
 * the same transaction): prepared once per text, rows as arrays, no row objects.
 */
const preparedReads = (database: Sqlite.Database): NonNullable<StoreDialect["rawRows"]> => {
  const statements = new Map<string, Sqlite.Statement>()
  return async (_trx, text, params) => {
    let statement = statements.get(text)
    if (statement === undefined) {
      statement = database.prepare(text).raw(true)
      statements.set(text, statement)
    }
    return statement.all(...params) as Array<RawRow>
  }
}

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Switches the file to the WAL journal. While another process is switching the same fresh file, SQLite answers
 * SQLITE_BUSY at once, without calling the busy handler; so this retries for up to ten seconds, like busy_timeout.
 */
const switchToWal = (database: Sqlite.Database): void => {
  const deadline = performance.now() + 10_000
  for (;;) {
    try {
      database.pragma("journal_mode = WAL")
      return
    } catch (cause) {
      const code = (cause as { code?: string }).code
      if (!(code?.startsWith("SQLITE_BUSY") === true || code === "SQLITE_LOCKED") || performance.now() > deadline) throw cause
      sleepSync(5 + Math.random() * 20)
    }
  }
}

/** Opens (creating if needed) the SQLite store at `path`; `":memory:"` for a private in-memory database. */
export const openSqliteStore = async (path: string): Promise<Store> => {
  let database: Sqlite.Database
  try {
    database = new Sqlite(path)
  } catch (cause) {
    throw new Error(`cannot open the SQLite database "${path}": ${(cause as Error).message}`, { cause })
  }
  try {
    // Another process importing (or migrating, or switching the journal) holds the lock: wait for it rather than
    // fail at once. Set first, so that switching to WAL below waits too.
    database.pragma("busy_timeout = 10000")
    if (path !== ":memory:" && path !== "") switchToWal(database)
    // WAL with synchronous=NORMAL is durable across application crashes; a power cut may lose the last commit.
    database.pragma("synchronous = NORMAL")
    // SQLite's own default page cache (2 MB) instead of better-sqlite3's 16 MB: a report or the tiles of a large
    // store filled all 16 MB (peak RSS of the 1M-row CSV 139 MB, at 2 MB 121 MB), in the same time; imports of 200k
    // rows took the same time too (bench/RESULTS.md). The operating system's file cache is below it either way.
    database.pragma("cache_size = -2000")
  } catch (cause) {
    database.close()
    throw new Error(`cannot use the SQLite database "${path}": ${(cause as Error).message}`, { cause })
  }
  const db = new Kysely<Database>({ dialect: new LockingSqliteDialect({ database }) })
  return new KyselyStore(db, { ...sqliteDialect, insertRows: preparedInserts(database), rawRows: preparedReads(database) }, sqliteReads(db, database))
}
