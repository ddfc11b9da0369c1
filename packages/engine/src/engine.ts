/**
 * The Promise facade for programs that do not use Effect: `createEngine({ database, files, mail })` builds the
 * layers once (store, files, mailer, clock) and every method runs one use case on them. Failures reject with the
 * same tagged error classes the Effect API has in its error channel (InvalidParameter, NotFound, StoreError…).
 * `makeEngine` is the same without waiting for the store (an app that already holds an open one).
 */
import { InvalidParameter, type Actor, type Prepared, type RunInput, type Summary, type TrendsDocument, type TrendsInput } from "@vcr/core"
import type { Mailer as EmailMailer } from "@vcr/email"
import type { HistoryEntry, ImportOptions, ImportSummary, QueueStats, Store as StoreApi } from "@vcr/store"
import { Effect, Layer, ManagedRuntime } from "effect"
import type { Readable, Writable } from "node:stream"
import { extname } from "node:path"
import * as Access from "./Access.ts"
import { clockLayer } from "./clock.ts"
import { Files } from "./Files.ts"
import { Mailer, type MailOptions } from "./Mailer.ts"
import { decodeFormat, type Format } from "./formats.ts"
import * as History from "./History.ts"
import * as Ingest from "./Ingest.ts"
import * as Preview from "./Preview.ts"
import * as Quotas from "./Quotas.ts"
import * as Report from "./Report.ts"
import * as Schedules from "./Schedules.ts"
import { Store } from "./Store.ts"
import * as Sweeper from "./Sweeper.ts"
import * as Worker from "./Worker.ts"

/** What the engine runs on. */
export interface EngineOptions {
  /** A database URL (`sqlite:<path>`, `sqlite::memory:`, `postgres://…`), or an open @vcr/store Store that the caller closes. */
  readonly database: string | StoreApi
  /** Bring the schema up to date when opening a URL (default true). */
  readonly migrate?: boolean
  /**
   * Where history files go: a folder (default `vcr-files`) or the database. Without `storage`, the database on
   * PostgreSQL and the folder on SQLite.
   */
  readonly files?: string | { readonly dir?: string; readonly storage?: "folder" | "database" | undefined }
  /**
   * How emailed reports are sent: `{ smtpUrl }` over SMTP, else `.eml` files in `{ outboxDir }` (default
   * `vcr-outbox`); or an open @vcr/email Mailer that the caller closes.
   */
  readonly mail?: MailOptions | EmailMailer
  /** The wall clock (default the system's); the CLI passes VCR_NOW through it, tests a movable clock. */
  readonly now?: () => number
  /** Per-user quotas (default 10 queued emails, 200 MiB of files in 24 hours); see Quotas. */
  readonly quotas?: Partial<Quotas.QuotaLimits> | undefined
}

/** A report to run: the report id and the run parameters core validates. */
export interface ReportRequest extends RunInput {
  readonly report: string
  /** xlsx, csv or json; default from `path`'s extension, else csv. */
  readonly format?: string | undefined
  /** Who generated it, shown in the workbook's parameters (default "vcr"). */
  readonly generatedBy?: string | undefined
}

/**
 * Where a report goes: a file written atomically (`onProgress` hears the bytes written a few times a second), or
 * a stream (ended unless `end` is false).
 */
export type ReportTarget =
  | { readonly path: string; readonly onProgress?: ((progress: Report.FileProgress) => void) | undefined }
  | { readonly stream: Writable; readonly end?: boolean }

/** A report written: its format, parameters as output, and the file's size when it went to a file. */
export interface ReportWritten {
  readonly format: Format
  readonly parameters: Prepared["context"]["parameters"]
  readonly bytes: number | undefined
}

const formatOf = (format: string | undefined, path: string | undefined): Effect.Effect<Format, InvalidParameter> => {
  const raw = format ?? (path === undefined ? undefined : extname(path).slice(1).toLowerCase())
  if (raw === undefined || (format === undefined && !["xlsx", "csv", "json"].includes(raw))) return Effect.succeed("csv")
  const decoded = decodeFormat(raw)
  return decoded instanceof InvalidParameter ? Effect.fail(decoded) : Effect.succeed(decoded)
}

const filesOptions = (files: EngineOptions["files"]) =>
  typeof files === "string" ? { dir: files } : { dir: files?.dir ?? "vcr-files", storage: files?.storage }

const isMailer = (mail: EngineOptions["mail"]): mail is EmailMailer => typeof (mail as EmailMailer | undefined)?.send === "function"

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>

/** Builds the engine's layers from plain options (the facade's and the apps' composition root). */
export const engineLayer = (options: EngineOptions) => {
  const store = typeof options.database === "string" ? Store.layer(options.database, { migrate: options.migrate ?? true }) : Store.fromStore(options.database)
  const mailer = isMailer(options.mail) ? Mailer.fromMailer(options.mail) : Mailer.layer(options.mail)
  const quotas = Layer.succeed(Quotas.Quotas, { ...Quotas.defaultQuotas, ...definedOnly(options.quotas ?? {}) })
  const base = Layer.mergeAll(Files.layer(filesOptions(options.files)), mailer, quotas).pipe(Layer.provideMerge(store))
  return options.now === undefined ? base : Layer.merge(base, clockLayer(options.now))
}

type Services = Store | Files | Mailer

/**
 * The engine without waiting: the layers are built on first use (a bad database URL rejects that call). Apps
 * that hold an open store use it synchronously; everyone else calls `createEngine`.
 */
export const makeEngine = (options: EngineOptions) => {
  const runtime = ManagedRuntime.make(engineLayer(options))
  const run = <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => runtime.runPromise(effect)
  return {
    /** Opens the store (and the mailer) now; rejects with InvalidParameter, StoreError or EmailPermanentError. */
    ready: (): Promise<StoreApi> => run(Effect.map(Store, (store) => store)),

    /** Validates and prepares a report without writing it (the HTTP app checks the range kind first). */
    prepare: (report: string, input: RunInput, generatedBy = "vcr"): Promise<Prepared> => run(Report.prepare(report, input, generatedBy)),

    /** Runs a report into a file (atomically) or a stream. Bad input rejects before any byte is written. */
    report: (request: ReportRequest & ReportTarget): Promise<ReportWritten> =>
      run(Effect.gen(function* () {
        const path = "path" in request ? request.path : undefined
        const format = yield* formatOf(request.format, path)
        const prepared = yield* Report.prepare(request.report, request, request.generatedBy ?? "vcr")
        const bytes = "path" in request
          ? yield* Report.toFile(prepared, format, request.path, request.onProgress)
          : yield* Report.toStream(prepared, format, request.stream, { end: request.end ?? true }).pipe(Effect.as(undefined))
        return { format, parameters: prepared.context.parameters, bytes }
      })),

    /**
     * The preview of a report for a short range (SPEC §11.2): the JSON report's first `limit` rows (default 50, 1 to
     * 200) and `total_rows`; a long range or a bad limit rejects with InvalidParameter. Nothing is written or recorded.
     */
    preview: (report: string, input: RunInput, options: { readonly limit?: string | number | undefined; readonly generatedBy?: string } = {}): Promise<Preview.PreviewDocument> =>
      run(Preview.preview(report, input, options)),

    /** The summary tiles of a short range. */
    summary: (input: RunInput, options: { readonly organisationsReportIds?: ReadonlyArray<string> } = {}): Promise<Summary> =>
      run(Report.summary(input, options)),

    /** The trends of a range up to 13 months (SPEC §11.1); bad input rejects with InvalidParameter or NotFound. */
    trends: (input: TrendsInput): Promise<TrendsDocument> => run(Report.trends(input)),

    /**
     * Imports NDJSON lines all or nothing, exactly like `vcr import` of one file (SPEC §4, §11.6): rejects with
     * MalformedLine naming the first bad line and stores nothing then; repeats are harmless. Pass a function
     * returning the lines to have the import retried when another writer holds the database.
     */
    ingest: (lines: Ingest.Lines, options: ImportOptions = {}): Promise<ImportSummary> => run(Ingest.ingest(lines, options)),

    /** Writes a prepared report's file now and records a ready history entry (a download). */
    download: (request: History.Request): Promise<HistoryEntry> => run(History.download(request)),

    /** Queues a prepared report for background generation and email; returns the queued entry. */
    queueEmail: (request: History.Request): Promise<HistoryEntry> => run(History.queueEmail(request)),

    /** Queues a report for a user who receives the link by email, audited (see `History.emailUser`). */
    email: (request: ReportRequest & { readonly userId: string; readonly via?: string }): Promise<HistoryEntry> => run(History.emailUser(request)),

    history: {
      /** The actor's entries of the last 24 hours it may still see, newest first. */
      list: (actor: Actor, filter: { readonly organisationId?: string; readonly clinicId?: string } = {}): Promise<ReadonlyArray<HistoryEntry>> =>
        run(History.list(actor, filter)),
      /** One entry the actor may see (NotFound otherwise). */
      entry: (actor: Actor, id: string): Promise<HistoryEntry> => run(History.entry(actor, id)),
      /** An entry's file as a stream (EntryExpired, EntryNotReady, NotFound). */
      file: (actor: Actor, id: string): Promise<{ entry: HistoryEntry; stream: Readable }> => run(History.file(actor, id)),
      /** The queue for monitoring (no actor: operators only): entries by status and delivery, emails by status, oldest queued age. */
      stats: (): Promise<QueueStats> => run(History.stats())
    },

    /** Scheduled deliveries (SPEC §11.4): the actor's own only; anyone else's is NotFound. Answers are shown as the API shows them. */
    schedules: {
      /** Creates a schedule (InvalidParameter naming the field, NotFound for a scope the actor may not run; nothing written then). */
      create: (actor: Actor, input: Schedules.ScheduleInput): Promise<Schedules.ScheduleView> =>
        run(Effect.flatMap(Schedules.create(actor, input), Schedules.view)),
      /** The actor's schedules, oldest first. */
      list: (actor: Actor): Promise<ReadonlyArray<Schedules.ScheduleView>> => run(Effect.flatMap(Schedules.list(actor), (rows) => Effect.forEach(rows, Schedules.view))),
      /** One of the actor's schedules. */
      get: (actor: Actor, id: string): Promise<Schedules.ScheduleView> => run(Effect.flatMap(Schedules.own(actor, id), Schedules.view)),
      /** Changes fields of the actor's schedule, or pauses (`status: "paused"`) or resumes it (`"active"`). */
      update: (actor: Actor, id: string, change: Schedules.ScheduleChange): Promise<Schedules.ScheduleView> =>
        run(Effect.flatMap(Schedules.update(actor, id, change), Schedules.view)),
      /** Deletes the actor's schedule (its history entries stay). */
      remove: (actor: Actor, id: string): Promise<void> => run(Schedules.remove(actor, id))
    },

    access: {
      /** A new personal access token for an existing user (shown once; only its hash is kept). */
      token: (userId: string, lifetimeMs: number | null = null): Promise<string> =>
        run(Effect.flatMap(Access.knownUser(userId), () => Access.createToken(userId, lifetimeMs))),
      /** A new service token holding one scope (`ingest`): shown once, only its hash is kept. */
      serviceToken: (service: string, scope: string): Promise<string> => run(Access.createServiceToken(service, scope)),
      /** Personal and service tokens by short id (never the secrets). */
      tokens: () => run(Access.tokens),
      /** Revokes the one token whose listed id starts with `id` (NotFound when none or several match). */
      revokeToken: (id: string): Promise<void> => run(Access.revokeToken(id)),
      /** A one-time sign-in link secret for an existing user, valid 15 minutes. */
      loginLink: (userId: string): Promise<string> => run(Effect.flatMap(Access.knownUser(userId), () => Access.createLoginLink(userId))),
      /**
       * Emails a one-time sign-in link to each active account with this address (SPEC §11.3); an unknown address gets
       * nothing. Resolves with the number sent, which must not be shown to whoever asked (no account enumeration).
       */
      emailSignInLink: (request: Access.SignInLinkRequest): Promise<number> => run(Access.emailSignInLink(request)),
      /** Redeems a sign-in link secret for a session and its CSRF token; undefined when unknown, used or expired. */
      redeemLoginLink: (secret: string) => run(Access.redeemLoginLink(secret)),
      /** The actor of a user from the roles held now. */
      actorOf: (userId: string) => run(Access.actorOf(userId))
    },

    /** Housekeeping once: expired files destroyed, dead sends marked, old credentials removed. Returns files destroyed. */
    sweep: (): Promise<number> => run(Sweeper.sweep),

    /**
     * A background worker: `runOnce` does at most one generation and one email; `run(pollMs)` loops (sweeping
     * every minute) until `stop`, which lets the job in hand finish; `kick` wakes an idle loop.
     */
    worker: (options: Worker.WorkerOptions) => {
      const settled = Worker.settle(options)
      const steer = Worker.control()
      return {
        id: settled.id,
        runOnce: (): Promise<boolean> => run(Worker.runOnce(settled)),
        run: (pollMs = 1000): Promise<void> => run(Worker.loop(settled, steer, pollMs)),
        sweep: (): Promise<number> => run(Sweeper.sweep),
        kick: (): void => steer.wake?.(),
        stop: (): void => {
          steer.stopping = true
          steer.wake?.()
        }
      }
    },

    /** Releases the store and the mailer (those the engine opened). */
    close: (): Promise<void> => runtime.dispose()
  }
}

/** Opens the engine: the store (migrated), the files, the mailer and the clock. Rejects with InvalidParameter, StoreError or EmailPermanentError. */
export const createEngine = async (options: EngineOptions) => {
  const engine = makeEngine(options)
  try {
    const store = await engine.ready()
    return { ...engine, /** The open store (directory lookups, imports and the like that are not use cases). */ store }
  } catch (error) {
    await engine.close()
    throw error
  }
}

/** An open engine. */
export type Engine = Awaited<ReturnType<typeof createEngine>>
/** An engine made with `makeEngine` (the same methods, the store not yet opened). */
export type EngineRuntime = ReturnType<typeof makeEngine>
/** An engine's background worker. */
export type EngineWorker = ReturnType<Engine["worker"]>
