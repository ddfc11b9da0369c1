/**
 * The engine's own typed errors. Everything else that can fail a use case is another package's tagged error:
 * core's InvalidParameter, NotFound and RangeTooLongForTiles (bad input), @vcr/store's StoreError, @vcr/email's
 * EmailTransientError and EmailPermanentError, @vcr/xlsx's InvalidCellValue.
 */
import { Schema } from "effect"

/** A report could not be written to its destination (a file, a stream, the files store). */
export class WriteError extends Schema.TaggedError<WriteError>()("WriteError", {
  /** Where it was going: a path, "stream" or a history entry's file. */
  target: Schema.String,
  message: Schema.String,
  cause: Schema.Defect()
}) {}

/** A history entry whose file is no longer kept (SPEC §9: 24 hours). */
export class EntryExpired extends Schema.TaggedError<EntryExpired>()("EntryExpired", {
  id: Schema.String,
  message: Schema.String
}) {}

/** A history entry that has no file yet (queued or generating). */
export class EntryNotReady extends Schema.TaggedError<EntryNotReady>()("EntryNotReady", {
  id: Schema.String,
  status: Schema.String,
  message: Schema.String
}) {}

/** A user's quota is used up: emails waiting in the queue, or bytes of report files stored in 24 hours. */
export class QuotaExceeded extends Schema.TaggedError<QuotaExceeded>()("QuotaExceeded", {
  /** Which quota: `queued_emails`, `bytes_per_day` or `schedules`. */
  quota: Schema.Literals(["queued_emails", "bytes_per_day", "schedules"]),
  limit: Schema.Number,
  message: Schema.String
}) {}
