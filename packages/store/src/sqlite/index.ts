/**
 * @vcr/store/sqlite: the store on a SQLite file with better-sqlite3 (WAL journal, so reports can read while an
 * import writes). Import this subpath directly to open a store without URL parsing.
 */
import Sqlite from "better-sqlite3"
import { Kysely, SqliteDialect } from "kysely"
import { sqliteDialect } from "../dialect.ts"
import type { Database } from "../schema.ts"
import { KyselyStore, type Store } from "../store.ts"

/** Opens (creating if needed) the SQLite store at `path`; `":memory:"` for a private in-memory database. */
export const openSqliteStore = async (path: string): Promise<Store> => {
  let database: Sqlite.Database
  try {
    database = new Sqlite(path)
  } catch (cause) {
    throw new Error(`cannot open the SQLite database "${path}": ${(cause as Error).message}`, { cause })
  }
  try {
    if (path !== ":memory:" && path !== "") database.pragma("journal_mode = WAL")
    // WAL with synchronous=NORMAL is durable across application crashes; a power cut may lose the last commit.
    database.pragma("synchronous = NORMAL")
    // Another process importing holds the write lock: wait for it rather than fail at once.
    database.pragma("busy_timeout = 10000")
  } catch (cause) {
    database.close()
    throw new Error(`cannot use the SQLite database "${path}": ${(cause as Error).message}`, { cause })
  }
  return new KyselyStore(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), sqliteDialect)
}
