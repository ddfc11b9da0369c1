/**
 * The background worker (SPEC §3, §9): claims a queued history entry with a lease, generates its file through
 * the Files port, completes it and queues its one email in the same transaction; then sends queued emails
 * through the Mailer port. Generation is at least once with idempotent effects (one entry, one file); each
 * email is sent at most once. Transient failures retry later by `retryPolicy` (a Schedule: 30 s, 1 min, 2 min,
 * 4 min, five attempts in all), kept in the database so any worker picks the retry up; permanent failures fail
 * the entry with a user-safe reason. Time comes from the Clock, so tests move it with TestClock.
 */
import { Instant, Permissions, type ParametersJson } from "@vcr/core"
import type { HistoryEntry } from "@vcr/store"
import { EmailTransientError, reportReadyMessage } from "@vcr/email"
import { Cause, Clock, Duration, Effect, Exit, Option, Pull, Schedule } from "effect"
import { randomBytes } from "node:crypto"
import { actorOf } from "./Access.ts"
import { Files } from "./Files.ts"
import { render, type Format } from "./formats.ts"
import { entryLocale, reportTitle } from "./History.ts"
import { Mailer } from "./Mailer.ts"
import * as Report from "./Report.ts"
import * as Schedules from "./Schedules.ts"
import { call } from "./Store.ts"
import * as Sweeper from "./Sweeper.ts"

/** Why an attempt failed, as the retry policy sees it. */
export interface Failure {
  /** True for failures that may pass on a later attempt (a busy database, a 4xx SMTP reply, a full disk). */
  readonly transient: boolean
}

/**
 * When to try again after a failed attempt: 30 s, 1 min, 2 min, 4 min (exponential, capped at 30 minutes), then
 * no more (five attempts in all); never after a permanent failure.
 */
export const retryPolicy = Schedule.min([Schedule.exponential("30 seconds"), Schedule.spaced("30 minutes")]).pipe(
  Schedule.upTo({ times: 4 }),
  Schedule.setInputType<Failure>(),
  Schedule.while(({ input }) => input.transient)
)

/**
 * The delay before the next attempt after `attempts` failed ones, or none when the policy gives up. The policy
 * is replayed from the first attempt because the count lives in the database, not in this process.
 */
export const nextRetry = Effect.fnUntraced(function* (policy: Schedule.Schedule<unknown, Failure>, attempts: number, failure: Failure) {
  const step = yield* Schedule.toStep(policy)
  const now = yield* Clock.currentTimeMillis
  let delay: Option.Option<number> = Option.none()
  for (let i = 0; i < attempts; i++) {
    delay = yield* step(now, failure).pipe(
      Effect.map(([, duration]) => Option.some(Duration.toMillis(duration))),
      Pull.catchDone(() => Effect.succeed(Option.none<number>()))
    )
    if (Option.isNone(delay)) break
  }
  return delay
})

/** How a worker runs. */
export interface WorkerOptions {
  /** Base URL of the page for emailed links (VCR_PUBLIC_URL), never taken from a request. */
  readonly publicUrl: string
  /** This worker's name in leases (default `w-<pid>-<random>`). */
  readonly workerId?: string | undefined
  /** How long a claim holds before another worker may take the entry over (default 5 minutes). */
  readonly leaseMs?: number | undefined
  /** The retry policy (default `retryPolicy`). */
  readonly retry?: Schedule.Schedule<unknown, Failure> | undefined
  /** Structured log sink (one object per job; never report contents). Default: JSON lines on stderr. */
  readonly log?: ((record: Record<string, unknown>) => void) | undefined
}

/** A worker's settled options. */
export const settle = (options: WorkerOptions) => ({
  id: options.workerId ?? `w-${process.pid}-${randomBytes(4).toString("hex")}`,
  publicUrl: options.publicUrl.replace(/\/+$/, ""),
  leaseMs: options.leaseMs ?? 5 * 60_000,
  retry: options.retry ?? retryPolicy,
  log: options.log ?? ((record: Record<string, unknown>) => void process.stderr.write(JSON.stringify(record) + "\n"))
})
export type Settled = ReturnType<typeof settle>

const stamp = (now: number) => new Date(now).toISOString()
const nameOf = (cause: Cause.Cause<unknown>) => {
  const error = Cause.squash(cause)
  return error instanceof Error ? ((error as { _tag?: string })._tag ?? error.name) : "unknown"
}

/** The reason a user sees when the requester lost the right to the entry's scope between request and work. */
export const accessLostReason = "you no longer have access to this report's organisation or clinic; it was not generated or sent"

/**
 * Whether the requester may still run the entry's scope now, checked as the API checks a request (core's
 * Permissions over the roles held at this moment): a role revoked after queueing stops the work (SPEC §2).
 */
export const mayStillRun = Effect.fnUntraced(function* (entry: HistoryEntry) {
  const actor = yield* actorOf(entry.user_id)
  if (actor === undefined) return false
  const clinic = entry.clinic_id === null ? null : yield* call("clinic", (store) => store.clinic(entry.clinic_id!))
  if (clinic === undefined) return false
  return Permissions.canRun(actor, entry.organisation_id, clinic)
})

const auditDenied = (entry: HistoryEntry, action: string, at: number) =>
  call("audit", (store) => store.access.audit({
    at, user_id: entry.user_id, action, outcome: "denied", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id,
    report: entry.report, detail: JSON.stringify({ entry: entry.id, reason: "access_lost" })
  }))

/** Claims and generates one entry; false when there was nothing to do. */
export const generateOne = Effect.fnUntraced(function* (worker: Settled) {
  const claimedAt = yield* Clock.currentTimeMillis
  const id = yield* call("claim generation", (store) => store.jobs.claimGeneration(worker.id, claimedAt, worker.leaseMs))
  if (id === undefined) return false
  const entry = (yield* call("history entry", (store) => store.access.historyEntry(id)))!
  const p = JSON.parse(entry.parameters) as ParametersJson
  if (!(yield* mayStillRun(entry))) {
    yield* call("fail", (store) => store.jobs.retryOrFail(id, worker.id, { error: accessLostReason }))
    yield* auditDenied(entry, "generated", claimedAt)
    worker.log({ at: stamp(claimedAt), job: "generate", outcome: "denied" })
    return true
  }
  const user = yield* call("user", (store) => store.user(entry.user_id))
  const files = yield* Files
  const format = entry.format as Format
  const attempt = Effect.gen(function* () {
    const prepared = yield* Report.prepare(entry.report, {
      organisationIds: p.organisation_ids, clinicId: p.clinic_id, from: p.from, to: p.to, timezone: p.timezone, minimumDurationMinutes: p.minimum_duration_minutes,
      locale: entryLocale(entry)
    }, user?.name ?? entry.user_id)
    const file = yield* files.save(id, format, (out) => render(prepared, format, out))
    const now = yield* Clock.currentTimeMillis
    const done = yield* call("complete", (store) => store.jobs.complete(id, worker.id, file, now, entry.delivery === "email"))
    worker.log({ at: stamp(now), job: "generate", outcome: done ? "ready" : "lease_lost" })
    if (done) {
      yield* call("audit", (store) => store.access.audit({
        at: now, user_id: entry.user_id, action: "generated", outcome: "ok", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id,
        report: entry.report, detail: JSON.stringify({ entry: id, size: file.size })
      }))
    }
  })
  const exit = yield* Effect.exit(attempt)
  if (Exit.isSuccess(exit)) return true
  const now = yield* Clock.currentTimeMillis
  // The run's own validation (a clinic deleted since, a bad parameter) will not pass on a retry.
  const invalid = Cause.findErrorOption(exit.cause).pipe(Option.filter((e) => e._tag === "InvalidParameter" || e._tag === "NotFound"))
  if (Option.isSome(invalid)) {
    yield* call("fail", (store) => store.jobs.retryOrFail(id, worker.id, { error: `the report could not be generated: ${invalid.value.message}` }))
    worker.log({ at: stamp(now), job: "generate", outcome: "failed", reason: invalid.value._tag })
    return true
  }
  const attempts = (yield* call("history entry", (store) => store.jobs.entry(id)))?.attempts ?? Number.MAX_SAFE_INTEGER
  const delay = yield* nextRetry(worker.retry, attempts, { transient: true })
  const outcome = Option.isSome(delay)
    ? { retryAt: now + delay.value }
    : { error: `the report could not be generated after ${attempts} attempts; please try again` }
  yield* call("retry or fail", (store) => store.jobs.retryOrFail(id, worker.id, outcome))
  worker.log({ at: stamp(now), job: "generate", outcome: "retryAt" in outcome ? "retry" : "failed", error: nameOf(exit.cause) })
  return true
})

/** Claims and sends one queued email; false when there was nothing to do. */
export const emailOne = Effect.fnUntraced(function* (worker: Settled) {
  const claimedAt = yield* Clock.currentTimeMillis
  const id = yield* call("claim email", (store) => store.jobs.claimEmail(worker.id, claimedAt, worker.leaseMs))
  if (id === undefined) return false
  const entry = yield* call("history entry", (store) => store.access.historyEntry(id))
  const user = entry === undefined ? undefined : yield* call("user", (store) => store.user(entry.user_id))
  if (entry === undefined || user?.email === null || user?.email === undefined) {
    yield* call("email outcome", (store) => store.jobs.emailOutcome(id, worker.id, { failed: "the account has no email address" }, claimedAt))
    return true
  }
  if (!(yield* mayStillRun(entry))) {
    // The file was generated while the right was held; it stays unreachable (History checks rights on every read).
    yield* call("email outcome", (store) => store.jobs.emailOutcome(id, worker.id, { failed: accessLostReason }, claimedAt))
    yield* auditDenied(entry, "email_sent", claimedAt)
    worker.log({ at: stamp(claimedAt), job: "email", outcome: "denied" })
    return true
  }
  const p = JSON.parse(entry.parameters) as ParametersJson
  const audit = (outcome: string, at: number) => call("audit", (store) => store.access.audit({
    at, user_id: entry.user_id, action: "email_sent", outcome, organisation_id: entry.organisation_id, clinic_id: entry.clinic_id,
    report: entry.report, detail: JSON.stringify({ entry: id })
  }))
  const mailer = yield* Mailer
  const locale = entryLocale(entry)
  const sent = yield* Effect.exit(mailer.send(reportReadyMessage({
    to: user.email,
    locale,
    link: `${worker.publicUrl}/history/${id}`,
    reportTitle: reportTitle(entry.report, locale),
    expiresAt: `${new Instant.ZoneClock(p.timezone).format(entry.expires_at)} (${p.timezone})`
  })))
  const now = yield* Clock.currentTimeMillis
  if (Exit.isSuccess(sent)) {
    yield* call("email outcome", (store) => store.jobs.emailOutcome(id, worker.id, { sentAt: now }, now))
    yield* audit("ok", now)
    worker.log({ at: stamp(now), job: "email", outcome: "sent" })
    return true
  }
  const error = Cause.squash(sent.cause) as { _tag?: string; code?: string | number | null; reason?: string }
  const transient = error instanceof EmailTransientError
  const attempts = (yield* call("outbox", (store) => store.jobs.outbox(id)))?.attempts ?? Number.MAX_SAFE_INTEGER
  const delay = yield* nextRetry(worker.retry, attempts, { transient })
  if (Option.isSome(delay)) {
    yield* call("email outcome", (store) => store.jobs.emailOutcome(id, worker.id, { retryAt: now + delay.value, error: error.reason ?? "unknown" }, now))
    worker.log({ at: stamp(now), job: "email", outcome: "retry", code: error.code ?? null })
  } else {
    const failed = `the email could not be delivered (${error.code ?? error.reason ?? "unknown"}); the report can still be downloaded from History`
    yield* call("email outcome", (store) => store.jobs.emailOutcome(id, worker.id, { failed }, now))
    yield* audit("failed", now)
    worker.log({ at: stamp(now), job: "email", outcome: "failed", code: error.code ?? null })
  }
  return true
})

/**
 * At most one scheduled occurrence fired (its entry queued), one generation and one email; true when there was
 * work. A schedule's entry is generated and emailed by the same queue as any emailed report.
 */
export const runOnce = (worker: Settled) =>
  Effect.gen(function* () {
    const fired = yield* Schedules.fireOne(worker)
    const generated = yield* generateOne(worker)
    const emailed = yield* emailOne(worker)
    return fired || generated || emailed
  })

/** How the loop is steered from outside: a stop flag and a wake-up for an idle wait. */
export interface Control {
  stopping: boolean
  wake: (() => void) | undefined
}

/** A new control: not stopping, nobody waiting. */
export const control = (): Control => ({ stopping: false, wake: undefined })

/**
 * Runs jobs until `control.stopping`: sweeps every minute, works while there is work, and otherwise waits
 * `pollMs` (on the Clock) or until woken. A failing job is logged and the loop goes on.
 */
export const loop = (worker: Settled, steer: Control, pollMs = 1000) =>
  Effect.gen(function* () {
    let lastSweep = Number.NEGATIVE_INFINITY
    const idle = Effect.race(
      Effect.sleep(pollMs),
      Effect.callback<void>((resume) => {
        steer.wake = () => resume(Effect.void)
        return Effect.sync(() => void (steer.wake = undefined))
      })
    )
    while (!steer.stopping) {
      const now = yield* Clock.currentTimeMillis
      if (now - lastSweep >= Sweeper.sweepEveryMs) {
        yield* Sweeper.sweep.pipe(Effect.catchCause(() => Effect.void))
        lastSweep = now
      }
      const busy = yield* runOnce(worker).pipe(
        Effect.catchCause((cause) => Effect.sync(() => {
          worker.log({ at: stamp(now), job: "worker", outcome: "error", error: nameOf(cause) })
          return false
        }))
      )
      if (!busy && !steer.stopping) yield* idle
    }
  })
