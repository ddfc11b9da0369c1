/**
 * History entries (SPEC §9) for the routes and the worker: the engine's entry constructor, title and lifetimes,
 * and the sweeper's history part run on an open store at a given instant.
 */
import type { Store } from "@vcr/store"
import { clockLayer, Files, History, Store as StorePort } from "@vcr/engine"
import { Effect, Layer } from "effect"

export { historyLifetimeMs, reportTitle, tombstoneLifetimeMs } from "@vcr/engine"

/** A new queued history entry for a report request: an unguessable id, kept 24 hours (SPEC §9). */
export const newHistoryEntry = History.newEntry

/**
 * The sweeper: destroys the files of entries older than 24 hours and marks them expired (they answer 410);
 * deletes the rows of entries expired for a week. Returns how many files it destroyed.
 */
export const sweepExpired = (store: Store, now: number): Promise<number> =>
  Effect.runPromise(History.expire().pipe(
    Effect.provide(Layer.merge(Files.folder(".").pipe(Layer.provideMerge(StorePort.fromStore(store))), clockLayer(() => now)))
  ))
