/**
 * Background generation and email (SPEC §3, §9): a worker claims queued history entries with a lease,
 * renders the report, stores the file (a folder, or the database on PostgreSQL) and, in the same transaction,
 * queues the entry's one email; then it sends queued emails. At least once for generation with idempotent
 * effects (one entry, one file, whatever the retries); at most once for each email. Transient failures retry
 * with exponential backoff; permanent ones fail the entry with a user-safe reason.
 */
import { Generation, Instant, type ParametersJson } from "@vcr/core"
import { EmailPermanentError, EmailTransientError, classify, reportReadyMessage, type Mailer } from "@vcr/email"
import type { Store } from "@vcr/store"
import { Effect, Result } from "effect"
import { randomBytes } from "node:crypto"
import { readFile, rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { reportTitle, sweepExpired } from "./history-entry.ts"
import { Report, type Format } from "@vcr/engine"

export interface WorkerOptions {
  readonly store: Store
  readonly mailer: Mailer
  readonly filesDir: string
  /** Where files are kept: a folder every process can read, or the database (no shared disk). */
  readonly fileStorage?: "folder" | "database"
  /** Base URL of the page for emailed links (VCR_PUBLIC_URL), never taken from a request. */
  readonly publicUrl: string
  readonly now?: () => number
  readonly workerId?: string
  readonly leaseMs?: number
  readonly maxAttempts?: number
  /** Delay before retry `n` (1-based). */
  readonly backoffMs?: (attempt: number) => number
  /** Test-only fault injection: the process kills itself at this point (VCR_CRASH_AT). */
  readonly crashAt?: string | undefined
  readonly log?: (record: Record<string, unknown>) => void
}

/** A worker: `runOnce` does at most one generation and one email; `run` loops until stopped. */
export const createWorker = (options: WorkerOptions) => {
  const { store, mailer } = options
  const now = options.now ?? (() => Date.now())
  const worker = options.workerId ?? `w-${process.pid}-${randomBytes(4).toString("hex")}`
  const leaseMs = options.leaseMs ?? 5 * 60_000
  const maxAttempts = options.maxAttempts ?? 5
  const backoff = options.backoffMs ?? ((n: number) => Math.min(30_000 * 2 ** (n - 1), 30 * 60_000))
  const storage = options.fileStorage ?? (store.dialect === "postgres" ? "database" : "folder")
  const filesDir = resolve(options.filesDir)
  const log = options.log ?? ((r) => process.stderr.write(JSON.stringify(r) + "\n"))
  const crash = (point: string) => {
    if (options.crashAt === point) process.kill(process.pid, "SIGKILL")
  }
  let kick: (() => void) | undefined
  let stopping = false

  const generateOne = async (): Promise<boolean> => {
    const id = await store.jobs.claimGeneration(worker, now(), leaseMs)
    if (id === undefined) return false
    const entry = (await store.access.historyEntry(id))!
    const p = JSON.parse(entry.parameters) as ParametersJson
    const user = await store.user(entry.user_id)
    try {
      const result = await Effect.runPromise(Effect.result(Generation.prepare(entry.report, {
        organisationIds: p.organisation_ids, clinicId: p.clinic_id, from: p.from, to: p.to, timezone: p.timezone, minimumDurationMinutes: p.minimum_duration_minutes
      }, store, { now: now(), generatedBy: user?.name ?? entry.user_id })))
      if (Result.isFailure(result)) {
        await store.jobs.retryOrFail(id, worker, { error: `the report could not be generated: ${result.failure.message}` })
        log({ at: new Date(now()).toISOString(), job: "generate", outcome: "failed", reason: result.failure._tag })
        return true
      }
      const prepared = result.success
      const path = join(filesDir, `${id}.${entry.format}`)
      const size = await Effect.runPromise(Report.toFile(prepared, entry.format as Format, path))
      crash("after-render")
      const bytes = storage === "database" ? new Uint8Array(await readFile(path)) : undefined
      const done = await store.jobs.complete(id, worker, { ref: storage === "database" ? `db:${id}` : path, size, ...(bytes === undefined ? {} : { bytes }) }, now(), entry.delivery === "email")
      if (storage === "database") await rm(path, { force: true })
      crash("after-store")
      log({ at: new Date(now()).toISOString(), job: "generate", outcome: done ? "ready" : "lease_lost" })
      if (done) await store.access.audit({ at: now(), user_id: entry.user_id, action: "generated", outcome: "ok", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: JSON.stringify({ entry: id, size }) })
    } catch (error) {
      const attempts = (await store.jobs.entry(id))?.attempts ?? maxAttempts
      const outcome = attempts < maxAttempts ? { retryAt: now() + backoff(attempts) } : { error: `the report could not be generated after ${attempts} attempts; please try again` }
      await store.jobs.retryOrFail(id, worker, outcome)
      log({ at: new Date(now()).toISOString(), job: "generate", outcome: "retry" in outcome ? "retry" : "failed", error: error instanceof Error ? error.name : "unknown" })
    }
    return true
  }

  const emailOne = async (): Promise<boolean> => {
    const id = await store.jobs.claimEmail(worker, now(), leaseMs)
    if (id === undefined) return false
    const entry = await store.access.historyEntry(id)
    const user = entry === undefined ? undefined : await store.user(entry.user_id)
    if (entry === undefined || user?.email === null || user?.email === undefined) {
      await store.jobs.emailOutcome(id, worker, { failed: "the account has no email address" }, now())
      return true
    }
    const p = JSON.parse(entry.parameters) as ParametersJson
    try {
      const message = reportReadyMessage({
        to: user.email,
        link: `${options.publicUrl.replace(/\/+$/, "")}/history/${id}`,
        reportTitle: reportTitle(entry.report),
        expiresAt: `${new Instant.ZoneClock(p.timezone).format(entry.expires_at)} (${p.timezone})`
      })
      await mailer.send(message)
      crash("after-smtp")
      await store.jobs.emailOutcome(id, worker, { sentAt: now() }, now())
      await store.access.audit({ at: now(), user_id: entry.user_id, action: "email_sent", outcome: "ok", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: JSON.stringify({ entry: id }) })
      log({ at: new Date(now()).toISOString(), job: "email", outcome: "sent" })
    } catch (error) {
      const e = error instanceof EmailTransientError || error instanceof EmailPermanentError ? error : classify(error)
      const attempts = (await store.jobs.outbox(id))?.attempts ?? maxAttempts
      if (e instanceof EmailTransientError && attempts < maxAttempts) {
        await store.jobs.emailOutcome(id, worker, { retryAt: now() + backoff(attempts), error: e.reason }, now())
        log({ at: new Date(now()).toISOString(), job: "email", outcome: "retry", code: e.code ?? null })
      } else {
        await store.jobs.emailOutcome(id, worker, { failed: `the email could not be delivered (${e.code ?? e.reason}); the report can still be downloaded from History` }, now())
        await store.access.audit({ at: now(), user_id: entry.user_id, action: "email_sent", outcome: "failed", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: JSON.stringify({ entry: id }) })
        log({ at: new Date(now()).toISOString(), job: "email", outcome: "failed", code: e.code ?? null })
      }
    }
    return true
  }

  /** Housekeeping: expired files destroyed, dead sends marked, old credentials removed. */
  const sweep = async () => {
    await sweepExpired(store, now())
    await store.jobs.abandonStaleSends(now())
    await store.access.removeExpiredCredentials(now())
  }

  const runOnce = async (): Promise<boolean> => {
    const generated = await generateOne()
    const emailed = await emailOne()
    return generated || emailed
  }

  const run = async (pollMs = 1000) => {
    let lastSweep = 0
    while (!stopping) {
      if (now() - lastSweep >= 60_000) {
        await sweep().catch(() => undefined)
        lastSweep = now()
      }
      const busy = await runOnce().catch((error) => {
        log({ at: new Date(now()).toISOString(), job: "worker", outcome: "error", error: error instanceof Error ? error.name : "unknown" })
        return false
      })
      if (!busy && !stopping) {
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, pollMs)
          kick = () => {
            clearTimeout(timer)
            wake()
          }
        })
        kick = undefined
      }
    }
  }

  return {
    id: worker,
    runOnce,
    run,
    sweep,
    /** Wakes an idle loop (a new job was queued in this process). */
    kick: () => kick?.(),
    /** Stops claiming new work; the loop returns after the job in hand. */
    stop: () => {
      stopping = true
      kick?.()
    }
  }
}

export type Worker = ReturnType<typeof createWorker>
