/**
 * Request rate limits (sign-in attempts and sign-in emails per address and per client, downloads per account):
 * fixed windows (one minute unless told) kept in memory, so a limit holds per process. Enough to slow guessing,
 * inbox flooding and runaway scripts; time is the app's clock. Ended windows are dropped as the map grows.
 */
import { TooManyRequests } from "./errors.ts"

/** Windows kept before ended ones are swept. */
const sweepAbove = 10_000

/** A limiter: `check(key, limit, message, windowMs)` counts one request and throws TooManyRequests past the limit. */
export const createRateLimit = (now: () => number) => {
  const windows = new Map<string, { start: number; count: number; length: number }>()
  const sweep = (t: number) => {
    for (const [key, w] of windows) if (t - w.start >= w.length) windows.delete(key)
  }
  /** Seconds until the key's window ends when over the limit, else undefined. */
  const limited = (key: string, limit: number, windowMs: number): number | undefined => {
    const t = now()
    const w = windows.get(key)
    if (w === undefined || t - w.start >= w.length) {
      if (windows.size >= sweepAbove) sweep(t)
      windows.set(key, { start: t, count: 1, length: windowMs })
      return undefined
    }
    w.count++
    return w.count > limit ? Math.max(1, Math.ceil((w.start + w.length - t) / 1000)) : undefined
  }
  return {
    check: (key: string, limit: number, message: string, windowMs = 60_000): void => {
      const retryAfter = limited(key, limit, windowMs)
      if (retryAfter !== undefined) throw new TooManyRequests({ message, retryAfter, limit, windowSeconds: Math.round(windowMs / 1000) })
    }
  }
}

export type RateLimit = ReturnType<typeof createRateLimit>
