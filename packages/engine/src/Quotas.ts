/**
 * Per-user quotas on what the engine keeps and queues: emailed reports waiting in the queue at once, and bytes of
 * report files stored in the last 24 hours (downloads and emails alike). The limits are a Reference with
 * defaults; the apps set them from their configuration. A request over quota fails with QuotaExceeded before
 * anything is written or queued.
 */
import { Clock, Context, Effect } from "effect"
import { QuotaExceeded } from "./errors.ts"
import { call } from "./Store.ts"

/** The limits, per user. */
export interface QuotaLimits {
  /** Emailed reports queued or generating at once (default 10). */
  readonly queuedEmails: number
  /** Bytes of report files stored in the last 24 hours (default 200 MiB). */
  readonly bytesPerDay: number
  /** Schedules an account may own (default 25). */
  readonly schedules: number
}

/** The default limits. */
export const defaultQuotas: QuotaLimits = { queuedEmails: 10, bytesPerDay: 200 * 1024 * 1024, schedules: 25 }

/** The limits in force, as a service with the defaults. */
export const Quotas = Context.Reference<QuotaLimits>("@vcr/engine/Quotas", { defaultValue: () => defaultQuotas })

const dayMs = 24 * 60 * 60_000
const mebibytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`

/** Fails with QuotaExceeded when `userId` may not store another file now (and, for an email, queue another). */
export const check = Effect.fnUntraced(function* (userId: string, delivery: "download" | "email") {
  const limits = yield* Quotas
  const now = yield* Clock.currentTimeMillis
  const entries = yield* call("history", (store) => store.access.historyOf(userId, now - dayMs))
  if (delivery === "email") {
    const queued = entries.filter((e) => e.delivery === "email" && (e.status === "queued" || e.status === "generating")).length
    if (queued >= limits.queuedEmails) {
      return yield* new QuotaExceeded({
        quota: "queued_emails", limit: limits.queuedEmails,
        message: `you already have ${queued} emailed reports waiting (at most ${limits.queuedEmails} at a time); try again when some have been sent`
      })
    }
  }
  const stored = entries.reduce((sum, e) => sum + (e.expires_at > now ? e.size ?? 0 : 0), 0)
  if (stored >= limits.bytesPerDay) {
    return yield* new QuotaExceeded({
      quota: "bytes_per_day", limit: limits.bytesPerDay,
      message: `your reports of the last 24 hours take ${mebibytes(stored)} (at most ${mebibytes(limits.bytesPerDay)}); try again when older reports have expired`
    })
  }
})
