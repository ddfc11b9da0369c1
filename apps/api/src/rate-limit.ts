/**
 * Request rate limits (sign-in attempts per address, downloads per account): fixed one-minute windows kept in
 * memory, so a limit holds per process. Enough to slow guessing and runaway scripts; time is the app's clock.
 */
import { TooManyRequests } from "./errors.ts"

/** A limiter: `check(key, perMinute, message)` counts one request and throws TooManyRequests past the limit. */
export const createRateLimit = (now: () => number) => {
  const windows = new Map<string, { start: number; count: number }>()
  /** Seconds until the key's window ends when over the limit, else undefined. */
  const limited = (key: string, perMinute: number): number | undefined => {
    const t = now()
    const w = windows.get(key)
    if (w === undefined || t - w.start >= 60_000) {
      windows.set(key, { start: t, count: 1 })
      return undefined
    }
    w.count++
    return w.count > perMinute ? Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000)) : undefined
  }
  return {
    check: (key: string, perMinute: number, message: string): void => {
      const retryAfter = limited(key, perMinute)
      if (retryAfter !== undefined) throw new TooManyRequests({ message, retryAfter, limit: perMinute, windowSeconds: 60 })
    }
  }
}

export type RateLimit = ReturnType<typeof createRateLimit>
