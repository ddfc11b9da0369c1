/**
 * The sweeper: housekeeping that any process may run (the server every minute, each worker between jobs).
 * Expired history files are destroyed (see History.expire), emails whose sender died mid-send are marked
 * uncertain rather than resent, expired credentials are removed, and temporary files of renders killed midway
 * are destroyed. Time comes from the Clock.
 */
import { Clock, Effect } from "effect"
import { Files } from "./Files.ts"
import * as History from "./History.ts"
import { call } from "./Store.ts"

/** One sweep; returns how many files it destroyed. */
export const sweep = Effect.gen(function* () {
  const destroyed = yield* History.expire()
  const now = yield* Clock.currentTimeMillis
  yield* call("abandon stale sends", (store) => store.jobs.abandonStaleSends(now))
  yield* call("remove expired credentials", (store) => store.access.removeExpiredCredentials(now))
  yield* (yield* Files).removeOrphans()
  return destroyed
})

/** How often a long-running process sweeps. */
export const sweepEveryMs = 60_000
