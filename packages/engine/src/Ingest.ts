/**
 * Receiving events: the same all-or-nothing import and projection as `vcr import`, as a use case. A malformed line
 * fails with core's MalformedLine naming it (an event id used for another event too: tell it apart with the
 * store's `isEventConflict`); nothing is stored then, and a repeated import changes nothing. When another writer
 * holds the database the import is run again from the start, so the source must be replayable for that.
 */
import { MalformedLine } from "@vcr/core"
import { isWriteContention, type ImportOptions, type ImportSummary, type StoreError } from "@vcr/store"
import { Effect, Schedule } from "effect"
import { Store, storeError } from "./Store.ts"

/** NDJSON lines, one string each; a function returning them may be called again to retry. */
export type Lines = Iterable<string> | AsyncIterable<string> | (() => Iterable<string> | AsyncIterable<string>)

/** Retries on write contention: four more attempts, 50 ms growing exponentially. */
const contention = Schedule.exponential("50 millis").pipe(
  Schedule.upTo({ times: 4 }),
  Schedule.setInputType<MalformedLine | StoreError>(),
  Schedule.while(({ input }) => input._tag === "StoreError" && isWriteContention(input.cause))
)

/** Imports lines all or nothing and projects what they touch; the summary counts what was stored. */
export const ingest = (lines: Lines, options: ImportOptions = {}): Effect.Effect<ImportSummary, MalformedLine | StoreError, Store> => {
  const once = Store.use((store) =>
    Effect.tryPromise({
      try: () => store.importLines(typeof lines === "function" ? lines() : lines, options),
      catch: (cause) => (cause instanceof MalformedLine ? cause : storeError("import", cause))
    }))
  // A one-shot iterable cannot be read twice: only a replayable source is retried.
  return typeof lines === "function" ? Effect.retry(once, contention) : once
}
