import { InvalidParameter, NotFound, RangeTooLongForTiles } from "@vcr/core"
import { describe, expect, it } from "vitest"
import { EntryExpired, EntryNotReady } from "@vcr/engine"
import { BadRequest, Conflict, CsrfRejected, Forbidden, PayloadTooLarge, TooManyRequests, Unauthenticated, UnsupportedMediaType } from "../src/errors.ts"
import { answerOf } from "../src/index.ts"
import { StoreUnavailable } from "@vcr/store"

describe("the error map", () => {
  it("gives each tagged error its one status and code", () => {
    const cases: Array<[unknown, number, string]> = [
      [new BadRequest({ code: "unknown_field", message: "m", field: "x" }), 400, "unknown_field"],
      [new InvalidParameter({ field: "from", code: "invalid_date", message: "m" }), 400, "invalid_date"],
      [new Unauthenticated({ code: "unauthenticated", message: "m" }), 401, "unauthenticated"],
      [new CsrfRejected({ message: "m" }), 403, "csrf"],
      [new NotFound({ kind: "clinic", id: "c", message: "m" }), 404, "not_found"],
      [new Conflict({ code: "not_ready", message: "m" }), 409, "not_ready"],
      [new RangeTooLongForTiles({ message: "m" }), 409, "range_too_long_for_tiles"],
      [new EntryNotReady({ id: "e", status: "queued", message: "m" }), 409, "not_ready"],
      [new EntryExpired({ id: "e", message: "m" }), 410, "expired"],
      [new Forbidden({ code: "user_credential", message: "m" }), 403, "user_credential"],
      [new UnsupportedMediaType({ message: "m" }), 415, "unsupported_media_type"],
      [new PayloadTooLarge({ message: "m" }), 413, "payload_too_large"],
      [new TooManyRequests({ message: "m" }), 429, "too_many_requests"]
    ]
    for (const [error, status, code] of cases) expect(answerOf(error), code).toMatchObject({ status, code })
  })

  it("keeps the field of a bad parameter and hides anything unknown behind a 500", () => {
    expect(answerOf(new InvalidParameter({ field: "timezone", code: "invalid_timezone", message: "bad zone" })))
      .toEqual({ status: 400, code: "invalid_timezone", message: "bad zone", field: "timezone" })
    expect(answerOf(new Error("SELECT secret FROM users"))).toEqual({
      status: 500, code: "internal_error", message: "something went wrong; the request was not completed", field: null
    })
  })

  it("answers 503 with Retry-After when the database is unavailable, also when the engine wrapped the error", () => {
    const down = new StoreUnavailable({ reason: "57P01" })
    expect(answerOf(down)).toMatchObject({ status: 503, code: "unavailable", retryAfter: 2 })
    expect(answerOf(Object.assign(new Error("report failed"), { cause: down }))).toMatchObject({ status: 503, retryAfter: 2 })
    // SQLite still locked by another process after its busy timeout (better-sqlite3's SqliteError carries the code).
    expect(answerOf(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toMatchObject({ status: 503, retryAfter: 2 })
  })

  it("turns the body parser's failures into 400 and 413 answers", () => {
    expect(answerOf(Object.assign(new Error("x"), { type: "entity.parse.failed" }))).toMatchObject({ status: 400, code: "malformed_json" })
    expect(answerOf(Object.assign(new Error("x"), { type: "entity.too.large" }))).toMatchObject({ status: 413, code: "payload_too_large" })
  })
})
