/**
 * @vcr/store: vcr's storage on SQLite or PostgreSQL. `openStore(url)` picks the database from a URL and loads
 * only that database's driver (better-sqlite3 and pg are optional peers); the Store it returns implements
 * core's ReportSource and imports NDJSON. (As an Effect service, with layers, it is @vcr/engine's Store port.)
 */
import { InvalidParameter } from "@vcr/core"
import { Schema } from "effect"
import type { Store } from "./store.ts"

export type { Store } from "./store.ts"
export type { ImportOptions, ImportProgress, ImportSummary } from "./import.ts"
export { isEventConflict, isWriteContention } from "./import.ts"
export { isStoreUnavailable, StoreUnavailable } from "./unavailable.ts"
export type { Access, AuditRecord, Credential, HistoryEntry, HistoryStatus, TokenListing } from "./access.ts"
export type { Jobs, OutboxRow, QueueStats } from "./jobs.ts"
export type { LastRun, OccurrenceRecord, OccurrenceRow, SchedulePatch, ScheduleRow, Schedules } from "./schedules.ts"

/** Where a store lives, parsed from a database URL. */
export type DatabaseLocation =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres"; readonly url: string }

/** The database file used by `sqlite:` with no path. */
export const DEFAULT_SQLITE_FILE = "vcr.db"

const usage =
  "use sqlite:<path> (sqlite: alone is sqlite:vcr.db), sqlite::memory:, or postgres://user:password@host:5432/database; " +
  "set it with --db or VCR_DATABASE_URL"

/** The URL with any password hidden, for messages. */
const redact = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@")

const invalid = (url: string, why: string) =>
  new InvalidParameter({ field: "db", code: "database_url", message: `database URL "${redact(url)}" ${why}: ${usage}` })

/**
 * Parses a database URL: `sqlite:<path>` (also `sqlite://<path>`; `sqlite:` alone is `vcr.db`), `sqlite::memory:`,
 * or `postgres://...` / `postgresql://...`. Throws core's InvalidParameter (field `db`) naming --db and VCR_DATABASE_URL.
 */
export const parseDatabaseUrl = (url: string): DatabaseLocation => {
  const text = url.trim()
  if (/^sqlite:/i.test(text)) {
    let path = text.slice("sqlite:".length)
    if (path.startsWith("//")) path = path.slice(2)
    return { dialect: "sqlite", path: path === "" ? DEFAULT_SQLITE_FILE : path }
  }
  if (/^postgres(ql)?:\/\//i.test(text)) {
    try {
      new URL(text)
    } catch {
      throw invalid(text, "is not a valid URL")
    }
    return { dialect: "postgres", url: text }
  }
  throw invalid(text, text === "" ? "is empty" : "is not supported")
}

const load = async <M>(importer: () => Promise<M>, driver: string, database: string): Promise<M> => {
  try {
    return await importer()
  } catch (cause) {
    const code = (cause as { code?: unknown }).code
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new Error(`${database} needs the optional peer dependency ${driver}: install it next to @vcr/store (npm install ${driver})`, { cause })
    }
    throw cause
  }
}

/**
 * Opens the store at a database URL (see parseDatabaseUrl), loading only that database's driver. The tables are
 * created or upgraded by `store.migrate()`.
 */
export const openStore = async (url: string): Promise<Store> => {
  const location = parseDatabaseUrl(url)
  if (location.dialect === "sqlite") {
    const sqlite = await load(() => import("./sqlite/index.ts"), "better-sqlite3", "SQLite")
    return sqlite.openSqliteStore(location.path)
  }
  const postgres = await load(() => import("./postgres/index.ts"), "pg", "PostgreSQL")
  return postgres.openPostgresStore(location.url)
}

/** A store operation that failed in a way that is not the input's fault (the engine's typed store failure). */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.Defect()
}) {}
