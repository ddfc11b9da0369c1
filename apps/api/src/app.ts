/**
 * The HTTP app (SPEC §10): the JSON API and the Reports page. `createApp` only wires the pieces: security
 * headers, the request log, one router per resource, the auth middleware in front of /api/v1 (anything outside
 * the caller's roles answers 404 like a missing thing) and the one error map (`{"error":{code,message,field}}`).
 */
import type { HistoryEntry, Store } from "@vcr/store"
import type { Mailer } from "@vcr/email"
import { makeEngine, type MailOptions } from "@vcr/engine"
import express, { Router } from "express"
import helmet from "helmet"
import { tmpdir } from "node:os"
import { createAudit } from "./audit.ts"
import type { TrustProxy } from "./config.ts"
import { authenticate } from "./auth-middleware.ts"
import { errorHandler, unknownRoute } from "./errors.ts"
import { INGEST_LIMIT_BYTES } from "./ingest.ts"
import { createIngestSlots } from "./ingest-slots.ts"
import { createRateLimit } from "./rate-limit.ts"
import { createLogger, requestLog, type Log, type Logger, type LogLevel } from "./logging.ts"
import { createMetrics, type Metrics } from "./metrics.ts"
import { metricsRouter } from "./routes/metrics.ts"
import { checkRequestText, noStore } from "./request.ts"
import { configurationRouter } from "./routes/configuration.ts"
import { eventsRouter } from "./routes/events.ts"
import { healthRouter } from "./routes/health.ts"
import { historyRouter } from "./routes/history.ts"
import { meRouter } from "./routes/me.ts"
import { openApiRouter } from "./routes/openapi.ts"
import { pageRouter } from "./routes/page.ts"
import { reportsRouter } from "./routes/reports.ts"
import { schedulesRouter } from "./routes/schedules.ts"
import { sessionRouter, signInRouter } from "./routes/sign-in.ts"
import { signInLinksRouter, type SignInLinkLimits } from "./routes/sign-in-links.ts"
import { tilesRouter } from "./routes/tiles.ts"
import { trendsRouter } from "./routes/trends.ts"

/** What the app needs; every clock read goes through `now`, so tests can move time. */
export interface AppOptions {
  readonly store: Store
  /** Folder for generated files (history). */
  readonly filesDir: string
  /** Where history files are kept: the folder, or the database (default: the database on PostgreSQL). */
  readonly fileStorage?: "folder" | "database" | undefined
  readonly now?: () => number
  /** Structured request log sink (one object per request; never tokens, parameters or report contents). */
  readonly log?: Log
  /** The pino logger to use instead (wins over `log`); else one on stderr at `logLevel` (VCR_LOG_LEVEL, default info). */
  readonly logger?: Logger
  readonly logLevel?: LogLevel
  /** The bearer token of `GET /metrics` (VCR_METRICS_TOKEN); without one the route answers 404. */
  readonly metricsToken?: string | undefined
  /** The Prometheus registry and recorders (a fresh one per app unless given). */
  readonly metrics?: Metrics
  /**
   * Requests per minute: sign-in attempts per address, downloads per account; sign-in emails per address and per
   * client in a window (default 3 and 10 per 15 minutes).
   */
  readonly limits?: { readonly signIn?: number; readonly downloads?: number; readonly signInLinks?: SignInLinkLimits }
  /** How sign-in emails are sent (VCR_SMTP_URL, VCR_OUTBOX_DIR, VCR_MAIL_FROM), or an open mailer; default `.eml` files in `vcr-outbox`. */
  readonly mail?: MailOptions | Mailer | undefined
  /** Runs work that follows an answer (a sign-in email); default: at once, failures logged by error name only. */
  readonly background?: (task: () => Promise<unknown>) => void
  /** Called after an emailed report is queued (wakes an in-process worker); the entry itself is the durable job. */
  readonly enqueueEmail?: (entry: HistoryEntry) => Promise<void>
  /**
   * Receiving events (SPEC §11.6): how many pushes import at once (default 2), how many more may wait for a slot
   * before 429 (default 16), where bodies are staged (default the system's temporary folder), the body limit.
   */
  readonly ingest?: { readonly concurrent?: number; readonly queued?: number; readonly stagingDir?: string; readonly limitBytes?: number }
  /** The base URL of the page (VCR_PUBLIC_URL): the OpenAPI document's server. */
  readonly publicUrl?: string | undefined
  /** Also print the cause of a 500 on stderr (VCR_DEBUG). */
  readonly debug?: boolean
  /** Which proxies' X-Forwarded-* headers to believe (VCR_TRUST_PROXY; default none): the client address and scheme. */
  readonly trustProxy?: TrustProxy
  /** Per-user quotas (VCR_QUOTA_QUEUED_EMAILS, VCR_QUOTA_BYTES_PER_DAY; default the engine's). */
  readonly quotas?: { readonly queuedEmails?: number; readonly bytesPerDay?: number } | undefined
  /** Mark session cookies `Secure` (VCR_SECURE_COOKIES; default: only when the request itself came over TLS). */
  readonly secureCookies?: boolean
}

/** Builds the express app. */
export const createApp = (options: AppOptions) => {
  const { store } = options
  const now = options.now ?? (() => Date.now())
  const logger = options.logger ?? createLogger({ ...(options.log === undefined ? {} : { sink: options.log }), level: options.logLevel ?? "info", now })
  const metrics = options.metrics ?? createMetrics()
  const audit = createAudit(store, now)
  const rateLimit = createRateLimit(now)
  // The use cases run on the app's store and clock; files go where the options say.
  const engine = makeEngine({ database: store, files: { dir: options.filesDir, storage: options.fileStorage }, now, quotas: options.quotas, mail: options.mail })
  const background = options.background ?? ((task: () => Promise<unknown>) => {
    task().catch((error: unknown) => logger.error({ error: error instanceof Error ? error.name : "unknown" }, "background task failed"))
  })
  const deps = { store, engine, now, audit }
  metrics.watchQueue(() => engine.history.stats())

  const api = Router()
    .use(authenticate(deps))
    .use(sessionRouter(deps), meRouter(deps), tilesRouter(deps), trendsRouter(deps), historyRouter(deps), configurationRouter(deps), schedulesRouter(deps))
    .use(eventsRouter({
      ...deps,
      slots: createIngestSlots({ concurrent: options.ingest?.concurrent ?? 2, queued: options.ingest?.queued ?? 16 }),
      stagingDir: options.ingest?.stagingDir ?? tmpdir(),
      limitBytes: options.ingest?.limitBytes ?? INGEST_LIMIT_BYTES
    }))
    .use(reportsRouter({
      ...deps, rateLimit, downloadsPerMinute: options.limits?.downloads ?? 30, enqueueEmail: options.enqueueEmail, metrics
    }))
    .use(unknownRoute)

  const app = express()
  app.disable("x-powered-by")
  // A list is copied: express compiles the setting once and must not see a readonly array change.
  app.set("trust proxy", Array.isArray(options.trustProxy) ? [...options.trustProxy] : (options.trustProxy ?? false))
  return app
    .use(helmet({ contentSecurityPolicy: { directives: { "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"] } } }))
    .use(requestLog(logger, metrics.request))
    .use(metricsRouter({ metrics, token: options.metricsToken }))
    .use(["/api", "/auth"], noStore, checkRequestText)
    .use(healthRouter(deps), openApiRouter({ publicUrl: options.publicUrl }), pageRouter(deps), signInRouter({ ...deps, rateLimit, perMinute: options.limits?.signIn ?? 20, secureCookies: options.secureCookies ?? false }))
    .use(signInLinksRouter({ engine, rateLimit, limits: options.limits?.signInLinks, publicUrl: options.publicUrl, background }))
    .use("/api/v1", api)
    .use(errorHandler({ logger, debug: options.debug ?? false }))
}
