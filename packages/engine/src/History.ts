/**
 * Report history (SPEC §9): an entry per report request, kept 24 hours, then a tombstone for a week. Creating
 * one for a download (the file written now) or for an email (queued: the entry is the worker's durable job),
 * listing what an actor may see, opening an entry's file, and expiring: files destroyed, rows deleted later.
 */
import { Definitions, Generation, InvalidParameter, Locales, NotFound, Permissions, type Actor, type Locale, type ParametersJson, type Prepared, type ReportId, type RunInput } from "@vcr/core"
import type { HistoryEntry, StoreError } from "@vcr/store"
import { Clock, Effect } from "effect"
import { randomBytes } from "node:crypto"
import type { Readable } from "node:stream"
import { EntryExpired, EntryNotReady } from "./errors.ts"
import { Files } from "./Files.ts"
import { decodeFormat, fileName, render, type Format } from "./formats.ts"
import * as Quotas from "./Quotas.ts"
import * as Report from "./Report.ts"
import { call, type Store } from "./Store.ts"

/** How long a history entry and its file are kept (SPEC §9). */
export const historyLifetimeMs = 24 * 60 * 60_000
/** How long an expired entry stays as a tombstone that answers "expired" before its row is deleted. */
export const tombstoneLifetimeMs = 7 * 24 * 60 * 60_000

/** A report's title (R48) from core's definitions, in `locale` (English by default); an unknown id is shown as itself. */
export const reportTitle = (id: string, locale: Locale = "en"): string =>
  Generation.isReportId(id) ? Definitions.reports[id].text[locale].title : id

/** The locale an entry was requested in (R80); a value no longer supported reads as English. */
export const entryLocale = (entry: Pick<HistoryEntry, "locale">): Locale => {
  const locale = Locales.decode(entry.locale)
  return locale instanceof InvalidParameter ? Locales.defaultLocale : locale
}

/** A new queued history entry for a report request: an unguessable id, kept 24 hours from `now`. */
export const newEntry = (o: {
  readonly userId: string
  readonly organisationId: string
  readonly report: ReportId
  readonly format: Format
  readonly parameters: ParametersJson
  readonly delivery: "download" | "email"
  readonly now: number
  /** The locale of the request: the file and its email are in it. */
  readonly locale: Locale
}): HistoryEntry => ({
  id: randomBytes(16).toString("base64url"), user_id: o.userId, organisation_id: o.organisationId, clinic_id: o.parameters.clinic_id,
  report: o.report, format: o.format, parameters: JSON.stringify(o.parameters), delivery: o.delivery, status: "queued", size: null,
  file_name: fileName(o.report, o.parameters, o.format), file_ref: null, error: null, attempts: 0, created_at: o.now,
  expires_at: o.now + historyLifetimeMs, completed_at: null, emailed_at: null, locale: o.locale
})

/** Who asks, for which organisation, and the prepared report. */
export interface Request {
  readonly userId: string
  /** The organisation the entry belongs to; default the run's first organisation. */
  readonly organisationId?: string | undefined
  readonly prepared: Prepared
  readonly format: Format
}

const entryFor = (request: Request, delivery: "download" | "email", now: number) => {
  const parameters = request.prepared.context.parameters
  return newEntry({
    userId: request.userId, organisationId: request.organisationId ?? parameters.organisation_ids[0]!, report: request.prepared.context.report.id,
    format: request.format, parameters, delivery, now, locale: request.prepared.context.report.locale
  })
}

/** Writes the report's file now and records a ready entry (a download); returns the entry. QuotaExceeded first when over quota. */
export const download = Effect.fnUntraced(function* (request: Request) {
  yield* Quotas.check(request.userId, "download")
  const files = yield* Files
  const now = yield* Clock.currentTimeMillis
  const entry = entryFor(request, "download", now)
  const file = yield* files.save(entry.id, request.format, (out) => render(request.prepared, request.format, out))
  const completed = yield* Clock.currentTimeMillis
  const done: HistoryEntry = { ...entry, status: "ready", size: file.size, file_ref: file.ref, completed_at: completed }
  yield* call("add history", (store) => store.access.addHistory(done))
  return done
})

/**
 * Queues a report for background generation and email; the entry is the durable job any worker picks up.
 * QuotaExceeded, nothing queued, when the user has too many waiting or has stored too much today.
 */
export const queueEmail = Effect.fnUntraced(function* (request: Request) {
  yield* Quotas.check(request.userId, "email")
  const now = yield* Clock.currentTimeMillis
  const entry = entryFor(request, "email", now)
  yield* call("add history", (store) => store.access.addHistory(entry))
  return entry
})

/**
 * Queues a report for a user who receives the link by email: checks the format (default xlsx) and that the user
 * exists and has an address, validates the run like any other, queues the entry and audits the request.
 */
export const emailUser = Effect.fnUntraced(function* (
  request: RunInput & { readonly report: string; readonly format?: string | undefined; readonly userId: string; readonly via?: string | undefined }
) {
  const format = decodeFormat(request.format ?? "xlsx")
  if (format instanceof InvalidParameter) return yield* format
  const user = yield* call("user", (s) => s.user(request.userId))
  if (user === undefined) return yield* new NotFound({ kind: "user", id: request.userId, message: `user "${request.userId}" not found` })
  if (user.email === null) return yield* new InvalidParameter({ field: "user", code: "no_email", message: `user "${request.userId}" has no email address` })
  const prepared = yield* Report.prepare(request.report, request, user.name ?? user.id)
  const entry = yield* queueEmail({ userId: user.id, prepared, format })
  yield* call("audit", (s) => s.access.audit({
    at: entry.created_at, user_id: user.id, action: "email_requested", outcome: "ok", organisation_id: entry.organisation_id, clinic_id: entry.clinic_id,
    report: entry.report, detail: JSON.stringify({ entry: entry.id, ...(request.via === undefined ? {} : { via: request.via }) })
  }))
  return entry
})

/** Whether an entry's time is up at `now` (it answers "expired" from then on). */
export const isExpired = (entry: Pick<HistoryEntry, "expires_at">, now: number): boolean => entry.expires_at <= now

/** The entries of the actor's last 24 hours that it may still see, newest first, optionally narrowed to a scope. */
export const list = Effect.fnUntraced(function* (actor: Actor, filter: { readonly organisationId?: string | undefined; readonly clinicId?: string | undefined } = {}) {
  const now = yield* Clock.currentTimeMillis
  const entries = yield* call("list history", (store) => store.access.historyOf(actor.userId, now - historyLifetimeMs))
  const visible: Array<HistoryEntry> = []
  for (const e of entries) {
    if (isExpired(e, now)) continue
    if (filter.organisationId !== undefined && e.organisation_id !== filter.organisationId) continue
    if (filter.clinicId !== undefined && e.clinic_id !== filter.clinicId) continue
    if (yield* maySee(actor, e)) visible.push(e)
  }
  return visible
})

const maySee = (actor: Actor, entry: HistoryEntry): Effect.Effect<boolean, StoreError, Store> =>
  entry.clinic_id === null
    ? Effect.succeed(Permissions.canSeeHistoryEntry(actor, entry, null))
    : call("clinic", (store) => store.clinic(entry.clinic_id!)).pipe(Effect.map((clinic) => Permissions.canSeeHistoryEntry(actor, entry, clinic ?? null)))

const notFound = (id: string) => new NotFound({ kind: "history entry", id, message: `history entry "${id}" not found` })

/** An entry the actor may see now (expired ones included: they answer "expired"); else NotFound, as if missing. */
export const entry = Effect.fnUntraced(function* (actor: Actor, id: string) {
  const found = yield* call("history entry", (store) => store.access.historyEntry(id))
  if (found === undefined || !(yield* maySee(actor, found))) return yield* notFound(id)
  return found
})

const expired = (id: string) => new EntryExpired({ id, message: "this report has expired; reports are kept for 24 hours" })

/**
 * The file of an entry the actor may see: the entry and its bytes as a stream. Fails with EntryExpired after 24
 * hours, EntryNotReady while there is no file (a failed email leaves a generated file downloadable).
 */
export const file = Effect.fnUntraced(function* (actor: Actor, id: string) {
  const found = yield* entry(actor, id)
  const now = yield* Clock.currentTimeMillis
  if (isExpired(found, now)) return yield* expired(id)
  if (found.file_ref === null || (found.status !== "ready" && found.status !== "failed")) {
    return yield* new EntryNotReady({ id, status: found.status, message: `this report is ${found.status}; try again when it is ready` })
  }
  const files = yield* Files
  const stream: Readable | undefined = yield* files.open(found.id, found.file_ref)
  if (stream === undefined) return yield* new EntryExpired({ id, message: "this report's file is no longer kept" })
  return { entry: found, stream }
})

/**
 * The queue for monitoring, read from the database (workers may run in other processes): entries by status and
 * delivery, emails by status, and the age of the oldest queued entry now.
 */
export const stats = Effect.fnUntraced(function* () {
  const now = yield* Clock.currentTimeMillis
  return yield* call("queue stats", (store) => store.jobs.stats(now))
})

/**
 * Expiry (the sweeper's history part): destroys the files of entries past their 24 hours and marks them expired;
 * deletes the rows of entries expired for a week; audits each destroyed file. Returns how many files it destroyed.
 */
export const expire = Effect.fnUntraced(function* () {
  const files = yield* Files
  const now = yield* Clock.currentTimeMillis
  yield* call("remove expired history", (store) => store.access.removeExpiredHistory(now - tombstoneLifetimeMs))
  const removed = yield* call("expire history", (store) => store.access.expireHistory(now))
  for (const e of removed) {
    if (e.file_ref !== null) yield* files.remove(e.id, e.file_ref)
    yield* call("audit", (store) => store.access.audit({
      at: now, user_id: e.user_id, action: "file_expired", outcome: "destroyed", organisation_id: e.organisation_id, clinic_id: e.clinic_id,
      report: e.report, detail: JSON.stringify({ entry: e.id })
    }))
  }
  return removed.length
})

