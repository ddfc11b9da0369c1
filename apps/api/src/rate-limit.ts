/**
 * Request rate limits (sign-in attempts per address, downloads per account): fixed one-minute windows kept in
 * memory, so a limit holds per process. Enough to slow guessing and runaway scripts; time is the app's clock.
 */
import { TooManyRequests } from "./errors.ts"

/** A limiter: `check(key, perMinute, message)` counts one request and throws TooManyRequests past the limit. */
export const createRateLimit = (now: () => number) => {
  const windows = new Map<string, { start: number; count: number }>()
  const limited = (key: string, perMinute: number): boolean => {
    const t = now()
    const w = windows.get(key)
    if (w === undefined || t - w.start >= 60_000) {
      windows.set(key, { start: t, count: 1 })
      return false
    }
    w.count++
    return w.count > perMinute
  }
  return {
    check: (key: string, perMinute: number, message: string): void => {
      if (limited(key, perMinute)) throw new TooManyRequests({ message })
    }
  }
}

export type RateLimit = ReturnType<typeof createRateLimit>
