/**
 * The API's tagged errors and the one map from any error to an HTTP answer `{"error":{code,message,field}}`.
 * Routes throw core's, the engine's or these; only `answerOf` picks a status, so two routes cannot disagree. Anything
 * unrecognised is a 500 whose details go to the log, never to the caller.
 */
import { InvalidParameter, MalformedLine, NotFound, RangeTooLongForTiles } from "@vcr/core"
import { EntryExpired, EntryNotReady, QuotaExceeded, WriteError } from "@vcr/engine"
import { isEventConflict, isStoreUnavailable } from "@vcr/store"
import { Schema } from "effect"
import type { ErrorRequestHandler, RequestHandler } from "express"
import type { Logger } from "./logging.ts"

/** A request the API cannot read: an unknown field, a wrong type, an invalid body; the field when known. */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  code: Schema.String, message: Schema.String, field: Schema.NullOr(Schema.String)
}) {}

/** No valid credential: not signed in (`unauthenticated`), or an unknown, used or expired link (`invalid_link`). */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", { code: Schema.String, message: Schema.String }) {}

/** A state-changing request made with the session cookie but without the session's CSRF token. */
export class CsrfRejected extends Schema.TaggedError<CsrfRejected>()("CsrfRejected", { message: Schema.String }) {}

/** The request conflicts with the state of things: a range too long to download, a file not ready yet. */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", { code: Schema.String, message: Schema.String }) {}

/** A request body over the limit. */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()("PayloadTooLarge", { message: Schema.String }) {}

/**
 * Too many requests of one kind in a minute, or too many at once; `retryAfter` (seconds) becomes `Retry-After`,
 * and a rate limit's `limit` per `windowSeconds` the `RateLimit` and `RateLimit-Policy` headers.
 */
export class TooManyRequests extends Schema.TaggedError<TooManyRequests>()("TooManyRequests", {
  message: Schema.String, retryAfter: Schema.optional(Schema.Number), limit: Schema.optional(Schema.Number), windowSeconds: Schema.optional(Schema.Number)
}) {}

/** An authenticated caller that may not use this route at all (a user's credential posting events). */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", { code: Schema.String, message: Schema.String }) {}

/** A request body in a media type the route does not take. */
export class UnsupportedMediaType extends Schema.TaggedError<UnsupportedMediaType>()("UnsupportedMediaType", { message: Schema.String }) {}

/** A missing thing, or one outside the caller's roles: both answer the same 404 (R29). */
export const notFound = (kind: string, id: string) => new NotFound({ kind, id, message: `${kind} "${id}" not found` })

type Tagged =
  | EntryExpired | EntryNotReady | BadRequest | InvalidParameter | Unauthenticated | CsrfRejected | NotFound | Conflict | RangeTooLongForTiles | PayloadTooLarge
  | TooManyRequests | Forbidden | UnsupportedMediaType | MalformedLine | QuotaExceeded | WriteError
const taggedClasses = [
  EntryExpired, EntryNotReady, BadRequest, InvalidParameter, Unauthenticated, CsrfRejected, NotFound, Conflict, RangeTooLongForTiles, PayloadTooLarge, TooManyRequests,
  Forbidden, UnsupportedMediaType, MalformedLine, QuotaExceeded, WriteError
]

/** Seconds a client should wait before retrying while the database is unavailable. */
const unavailableRetrySeconds = 2

/** An HTTP answer: status and the body's fields. */
export interface HttpAnswer {
  readonly status: number
  readonly code: string
  readonly message: string
  readonly field: string | null
  /** Seconds for a `Retry-After` header. */
  readonly retryAfter?: number
  /** The rate limit broken: requests per window (seconds), for the `RateLimit` headers. */
  readonly rateLimit?: { readonly limit: number; readonly windowSeconds: number }
}

const answer = (status: number, code: string, message: string, field: string | null = null): HttpAnswer => ({ status, code, message, field })

/** Express's body parser reports its failures by `type`; they become tagged errors like any other. */
const fromBodyParser = (error: unknown): unknown => {
  if (typeof error !== "object" || error === null) return error
  const type = (error as { type?: unknown }).type
  if (type === "entity.too.large") return new PayloadTooLarge({ message: "the request body is too large" })
  if (type === "entity.parse.failed") return new BadRequest({ code: "malformed_json", message: "the request body is not valid JSON", field: null })
  if (type === "encoding.unsupported") return new UnsupportedMediaType({ message: "the request body's Content-Encoding is not supported; send it uncompressed or gzip" })
  if (type === "charset.unsupported") return new UnsupportedMediaType({ message: "the request body's charset is not supported; send utf-8" })
  if (type === "request.aborted" || type === "request.size.invalid") return new BadRequest({ code: "malformed_body", message: "the request body was incomplete", field: null })
  // A body that does not decompress: http-errors marks the client's faults `expose`.
  if (type === undefined && (error as { status?: unknown; expose?: unknown }).status === 400 && (error as { expose?: unknown }).expose === true) {
    return new BadRequest({ code: "malformed_body", message: "the request body could not be read", field: null })
  }
  // A malformed percent-encoding in a path (the router's decoding) or a cookie.
  if (error instanceof URIError) return new BadRequest({ code: "malformed_encoding", message: "the request has a malformed percent-encoding", field: null })
  return error
}

const outOfSpace = (cause: unknown): boolean => {
  const code = (cause as { code?: unknown } | null | undefined)?.code
  return code === "ENOSPC" || code === "EDQUOT"
}

/** The HTTP answer for any error (the one place for the API). */
export const answerOf = (raw: unknown): HttpAnswer => {
  const error = fromBodyParser(raw)
  // The database is restarting or unreachable (possibly wrapped by the engine): the request may be retried.
  if (isStoreUnavailable(error)) return { ...answer(503, "unavailable", "the database is unavailable for a moment; try again shortly"), retryAfter: unavailableRetrySeconds }
  if (!taggedClasses.some((c) => error instanceof c)) return answer(500, "internal_error", "something went wrong; the request was not completed")
  const e = error as Tagged
  switch (e._tag) {
    case "BadRequest": return answer(400, e.code, e.message, e.field)
    case "InvalidParameter": return answer(400, e.code, e.message, e.field)
    case "Unauthenticated": return answer(401, e.code, e.message)
    case "CsrfRejected": return answer(403, "csrf", e.message)
    case "NotFound": return answer(404, "not_found", e.message)
    case "Conflict": return answer(409, e.code, e.message)
    case "RangeTooLongForTiles": return answer(409, "range_too_long_for_tiles", e.message)
    case "EntryExpired": return answer(410, "expired", e.message)
    case "EntryNotReady": return answer(409, "not_ready", e.message)
    case "PayloadTooLarge": return answer(413, "payload_too_large", e.message)
    case "TooManyRequests": return {
      ...answer(429, "too_many_requests", e.message),
      ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }),
      ...(e.limit === undefined ? {} : { rateLimit: { limit: e.limit, windowSeconds: e.windowSeconds ?? 60 } })
    }
    // A user's quota (VCR_QUOTA_QUEUED_EMAILS, VCR_QUOTA_BYTES_PER_DAY): the message says what frees it.
    case "QuotaExceeded": return answer(429, "quota_exceeded", e.message)
    // A full disk (or quota) where report files are kept: the server's state, not the request's; anything else is a 500.
    case "WriteError": return outOfSpace(e.cause)
      ? { ...answer(507, "insufficient_storage", "the server has no room to store this report now; try again later"), retryAfter: 60 }
      : answer(500, "internal_error", "something went wrong; the request was not completed")
    case "Forbidden": return answer(403, e.code, e.message)
    case "UnsupportedMediaType": return answer(415, "unsupported_media_type", e.message)
    // An import line: a malformed one is the request's fault (400); an event id used for another event is a conflict.
    case "MalformedLine": return isEventConflict(e) ? answer(409, "event_conflict", e.message, "id") : answer(400, "malformed_line", e.message)
  }
}

/** Unknown API routes: a 404 in the same shape. */
export const unknownRoute: RequestHandler = (req, _res, next) => next(new NotFound({ kind: "route", id: req.path, message: "no such route" }))

/** The app's last handler: writes the answer, logs 500s (the cause too when `debug`); a started stream is cut. */
export const errorHandler = (o: { readonly logger: Logger; readonly debug: boolean }): ErrorRequestHandler =>
  (error: unknown, _req, res, _next) => {
    const http = answerOf(error)
    // Only the error's name: a message may quote a query or a value.
    const reqId = res.locals.requestId as string | undefined
    if (http.status === 500) {
      o.logger.error({ reqId, error: error instanceof Error ? error.name : "unknown" }, "request failed")
      if (o.debug) console.error(error)
    }
    if (http.status === 503) o.logger.warn({ reqId, error: "StoreUnavailable" }, "database unavailable")
    if (!res.headersSent && http.retryAfter !== undefined) res.set("Retry-After", String(http.retryAfter))
    // The rate limit headers of draft-ietf-httpapi-ratelimit-headers (draft 7's combined form).
    if (!res.headersSent && http.rateLimit !== undefined) {
      res.set("RateLimit-Policy", `${http.rateLimit.limit};w=${http.rateLimit.windowSeconds}`)
      res.set("RateLimit", `limit=${http.rateLimit.limit}, remaining=0, reset=${http.retryAfter ?? http.rateLimit.windowSeconds}`)
    }
    if (!res.headersSent) res.status(http.status).json({ error: { code: http.code, message: http.message, field: http.field } })
    else res.destroy()
  }
