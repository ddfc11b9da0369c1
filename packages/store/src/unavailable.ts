/**
 * The database cannot be reached right now (PostgreSQL restarting, refusing connections, a connection cut):
 * a tagged error the apps answer with "try again" (HTTP 503 with Retry-After) rather than a failure of the
 * request. Driver folders classify their errors here; the tag, not the class, is checked, so bundled copies agree.
 */
import { Schema } from "effect"

/** The database is unreachable for now; `reason` is the driver's short description (no query text, no data). */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", { reason: Schema.String }) {}

/** Node's socket errors that mean the server is not there (or went away). */
const socketCodes = ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND"]

/**
 * Whether a driver error means the database is unreachable: PostgreSQL's SQLSTATE class 08 (connection
 * exception), 57P01–57P03 (shut down by an administrator or a crash, cannot connect now), 53300 (too many
 * connections), a socket error, or pg's messages for a connection that ended or a pool that timed out.
 */
const isConnectionError = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === "string" && (/^08/.test(code) || /^57P0[123]$/.test(code) || code === "53300" || socketCodes.includes(code))) return true
  const message = error instanceof Error ? error.message : ""
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/i.test(message)
}

/** The error as StoreUnavailable when it is a connection error, else unchanged. */
export const classifyConnectionError = (error: unknown): unknown =>
  isConnectionError(error) ? new StoreUnavailable({ reason: (error as { code?: string }).code ?? "connection lost" }) : error

/**
 * SQLite's "database is locked" after the busy timeout (another process held the write lock for the whole wait,
 * e.g. a long import): the request may be retried, like a PostgreSQL restart, rather than failing for good.
 */
const isSqliteBusy = (error: object): boolean => {
  const code = (error as { code?: unknown }).code
  return typeof code === "string" && code.startsWith("SQLITE_BUSY")
}

/**
 * Whether `error`, or an error it wraps (`cause`, a few levels deep), is StoreUnavailable, or SQLite's busy
 * error past its timeout.
 */
export const isStoreUnavailable = (error: unknown): boolean => {
  let e: unknown = error
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    if ((e as { _tag?: unknown })._tag === "StoreUnavailable" || isSqliteBusy(e)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
