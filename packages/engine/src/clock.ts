/**
 * Effect's Clock from a plain `now()` function, for edges that take their time from elsewhere (VCR_NOW in the
 * CLI, a movable clock in the HTTP tests). Sleeping still waits for real time; tests of timing use TestClock.
 */
import { Clock, Effect, Layer } from "effect"

/** A Clock whose wall time is `now()`. */
const clockFrom = (now: () => number): Clock.Clock => {
  const live = Clock.Clock.defaultValue()
  return {
    currentTimeMillisUnsafe: now,
    currentTimeMillis: Effect.sync(now),
    currentTimeNanosUnsafe: () => BigInt(now()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => live.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: live.monotonicTimeNanos,
    sleep: (duration) => live.sleep(duration)
  }
}

/** A layer that replaces the Clock with `clockFrom(now)`. */
export const clockLayer = (now: () => number): Layer.Layer<never> => Layer.succeed(Clock.Clock, clockFrom(now)) as Layer.Layer<never>
