/**
 * Back-pressure for ingests: at most `concurrent` run at once and at most `queued` wait for a slot (their bodies
 * stay unread in the socket meanwhile); anything beyond answers 429 with `Retry-After`, so a burst of pushes
 * cannot exhaust disk, memory or the database's connections.
 */
import { TooManyRequests } from "./errors.ts"

/** The slots: `acquire()` resolves to a release function, or throws TooManyRequests when the queue is full. */
export const createIngestSlots = (limits: { readonly concurrent: number; readonly queued: number; readonly retryAfterSeconds?: number }) => {
  let running = 0
  const waiting: Array<() => void> = []
  const release = () => {
    const next = waiting.shift()
    if (next === undefined) running--
    else next()
  }
  return {
    acquire: async (): Promise<() => void> => {
      if (running < limits.concurrent) {
        running++
        return once(release)
      }
      if (waiting.length >= limits.queued) {
        throw new TooManyRequests({ message: "too many event pushes at once; retry after the time in Retry-After", retryAfter: limits.retryAfterSeconds ?? 1 })
      }
      // The slot passes straight from the releasing request to this one (running stays the same).
      await new Promise<void>((resolve) => waiting.push(resolve))
      return once(release)
    }
  }
}

const once = (f: () => void) => {
  let done = false
  return () => {
    if (!done) {
      done = true
      f()
    }
  }
}

export type IngestSlots = ReturnType<typeof createIngestSlots>
