/**
 * The HTTP app (SPEC §10): the JSON API and the Reports page, composed from core, the store and the renderers.
 * Every /api route resolves the caller from a bearer token or session cookie and checks the roles held now;
 * anything outside them answers 404 exactly like a missing thing. Errors are `{"error":{code,message,field}}`.
 */
import {
  Definitions, Generation, InvalidParameter, NotFound, Parameters, Permissions, RangeTooLongForTiles, Records, reportIds,
  type Actor, type ParametersJson, type ReportId, type RunInput
} from "@vcr/core"
import type { HistoryEntry, Store } from "@vcr/store"
import { Effect } from "effect"
import express, { type NextFunction, type Request, type Response } from "express"
import helmet from "helmet"
import { randomBytes } from "node:crypto"
import { createReadStream } from "node:fs"
import { rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { callerOf, csrfCookie, csrfOk, redeemLoginLink, sessionCookie, sessionLifetimeMs, type Caller } from "./auth.ts"
import { openApiDocument, runParameterSpecs } from "./openapi.ts"
import { pageAssets } from "./page.ts"
import { fileName, formats, mediaType, renderToFile, type Format } from "./render.ts"

/** How long a history entry and its file are kept (SPEC §9). */
export const historyLifetimeMs = 24 * 60 * 60_000

/** What the app needs; every clock read goes through `now`, so tests can move time. */
export interface AppOptions {
  readonly store: Store
  /** Folder for generated files (history). */
  readonly filesDir: string
  readonly now?: () => number
  /** Structured request log sink (one object per request; never tokens, parameters or report contents). */
  readonly log?: (record: Record<string, unknown>) => void
  /** Requests per minute: sign-in attempts per address, downloads per account. */
  readonly limits?: { readonly signIn?: number; readonly downloads?: number }
  /** Called after an emailed report is queued (wakes an in-process worker); the entry itself is the durable job. */
  readonly enqueueEmail?: (entry: HistoryEntry) => Promise<void>
}

/** An error answer: status, code, message and the field at fault. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field: string | null = null) {
    super(message)
  }
}

const notFound = (kind: string, id: string) => new HttpError(404, "not_found", `${kind} "${id}" not found`)

/** Maps core's tagged errors to HTTP answers (the one place for the API). */
const fromCore = (error: unknown): HttpError => {
  if (error instanceof HttpError) return error
  if (error instanceof InvalidParameter) return new HttpError(400, error.code, error.message, error.field)
  if (error instanceof NotFound) return new HttpError(404, "not_found", error.message)
  if (error instanceof RangeTooLongForTiles) return new HttpError(409, "range_too_long_for_tiles", error.message)
  return new HttpError(500, "internal_error", "something went wrong; the request was not completed")
}

const runKeys = Object.keys(runParameterSpecs)

/** Reads run parameters from a query or JSON body: unknown fields and wrong types are 400s naming the field. */
const runParameters = (source: Record<string, unknown>, allowed: ReadonlyArray<string>) => {
  for (const key of Object.keys(source)) {
    if (!allowed.includes(key)) throw new HttpError(400, "unknown_field", `${key} is not a parameter of this request`, key)
  }
  const text = (key: string): string | undefined => {
    const v = source[key]
    if (v === undefined || v === null) return undefined
    if (typeof v !== "string") throw new HttpError(400, "invalid_type", `${key} must be a string`, key)
    return v
  }
  const minimum = source.minimum_duration_minutes
  if (minimum !== undefined && minimum !== null && typeof minimum !== "string" && typeof minimum !== "number") {
    throw new HttpError(400, "invalid_type", "minimum_duration_minutes must be a number of minutes", "minimum_duration_minutes")
  }
  return {
    from: text("from"),
    to: text("to"),
    timezone: text("timezone"),
    minimumDurationMinutes: minimum === null ? undefined : (minimum as string | number | undefined),
    clinicId: text("clinic_id") ?? null,
    format: text("format")
  }
}

/** Builds the express app. */
export const createApp = (options: AppOptions) => {
  const { store } = options
  const now = options.now ?? (() => Date.now())
  const filesDir = resolve(options.filesDir)
  const log = options.log ?? ((r) => process.stderr.write(JSON.stringify(r) + "\n"))
  const app = express()
  app.disable("x-powered-by")
  app.set("trust proxy", false)
  app.use(helmet({ contentSecurityPolicy: { directives: { "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"] } } }))

  // Structured request log: method, route pattern, status and time; no query strings, tokens or bodies.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint()
    res.on("finish", () => {
      log({
        at: new Date(now()).toISOString(), method: req.method, route: (req.route?.path as string | undefined) ?? req.path.replace(/\/[A-Za-z0-9_-]{16,}/g, "/:id"),
        status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1_000_000n)
      })
    })
    next()
  })

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

  const audit = (caller: Caller | undefined, action: string, outcome: string, scope: { organisation_id?: string | null; clinic_id?: string | null; report?: string | null; detail?: unknown } = {}) =>
    store.access.audit({
      at: now(), user_id: caller?.actor.userId ?? null, action, outcome,
      organisation_id: scope.organisation_id ?? null, clinic_id: scope.clinic_id ?? null, report: scope.report ?? null,
      detail: scope.detail === undefined ? null : JSON.stringify(scope.detail)
    })

  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next)
  }

  // Liveness and readiness.
  app.get("/healthz", (_req, res) => void res.json({ status: "ok" }))
  app.get("/readyz", wrap(async (_req, res) => {
    const ok = await store.ping()
    res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "database unreachable" })
  }))

  // The page and its assets (the page uses only the API).
  for (const [path, asset] of Object.entries(pageAssets)) {
    app.get(path, (_req, res) => {
      res.type(asset.type).set("Cache-Control", "no-store").send(asset.body)
    })
  }

  // An emailed link: the page shows the entry after sign-in (no side effect on GET; 410 once expired).
  app.get("/history/:entry", wrap(async (req, res) => {
    const entry = await store.access.historyEntry(String(req.params.entry))
    res.status(entry !== undefined && entry.expires_at <= now() ? 410 : 200).type("html").set("Cache-Control", "no-store").send(pageAssets["/"]!.body)
  }))

  const json = express.json({ limit: "16kb", strict: true })

  // Sign-in with a one-time link: the page posts the secret from the link's fragment (never in a URL or log).
  app.post("/auth/link", json, wrap(async (req, res) => {
    if (limited(`signin:${req.socket.remoteAddress}`, options.limits?.signIn ?? 20)) throw new HttpError(429, "too_many_requests", "too many sign-in attempts; wait a minute")
    const secret = typeof req.body?.token === "string" ? req.body.token : ""
    const session = secret === "" ? undefined : await redeemLoginLink(store, secret, now())
    if (session === undefined) {
      await audit(undefined, "sign_in", "denied")
      throw new HttpError(401, "invalid_link", "this sign-in link is unknown, used or expired; ask for a new one")
    }
    const secure = req.secure ? "; Secure" : ""
    const maxAge = Math.floor(sessionLifetimeMs / 1000)
    res.setHeader("Set-Cookie", [
      `${sessionCookie}=${session.session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
      `${csrfCookie}=${session.csrf}; Path=/; SameSite=Strict; Max-Age=${maxAge}${secure}`
    ])
    await store.access.audit({ at: now(), user_id: session.userId, action: "sign_in", outcome: "ok", organisation_id: null, clinic_id: null, report: null, detail: null })
    res.json({ signed_in: true })
  }))

  // Every /api route: a caller, and CSRF on state-changing requests made with the session cookie.
  const api = express.Router()
  app.use("/api/v1", api)
  api.use((req, res, next) => {
    const authenticate = async () => {
      const caller = await callerOf(store, { authorization: req.headers.authorization, cookie: req.headers.cookie }, now())
      if (caller === undefined) throw new HttpError(401, "unauthenticated", "sign in, or send a bearer token")
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !csrfOk(caller, req.header("x-csrf-token"))) {
        await audit(caller, "csrf", "denied")
        throw new HttpError(403, "csrf", "the request is missing its CSRF token; reload the page")
      }
      res.locals.caller = caller
    }
    authenticate().then(() => next(), next)
  })

  const callerOfRes = (res: Response): Caller => res.locals.caller as Caller

  /** The organisation in the path, if the actor may see it; else 404 as if missing. */
  const organisationFor = async (actor: Actor, id: string) => {
    const org = await store.organisation(id)
    if (org === undefined || !Permissions.canEnterOrganisation(actor, id)) throw notFound("organisation", id)
    return org
  }

  /** Checks the run's scope for the actor: organisation level, or one clinic of the organisation. */
  const checkScope = async (caller: Caller, organisationId: string, clinicId: string | null, action: string, report: string | null) => {
    await organisationFor(caller.actor, organisationId)
    const clinic = clinicId === null ? null : await store.clinic(clinicId)
    if (clinicId !== null && (clinic === undefined || clinic === null || clinic.organisation_id !== organisationId)) {
      await audit(caller, action, "not_found", { organisation_id: organisationId, clinic_id: clinicId, report })
      throw notFound("clinic", clinicId)
    }
    if (!Permissions.canRun(caller.actor, organisationId, clinic ?? null)) {
      await audit(caller, action, "denied", { organisation_id: organisationId, clinic_id: clinicId, report })
      throw clinicId === null ? notFound("organisation", organisationId) : notFound("clinic", clinicId)
    }
  }

  const runInput = (caller: Caller, organisationId: string, report: ReportId | null, p: ReturnType<typeof runParameters>): RunInput => ({
    organisationIds:
      report === "organisations" && p.clinicId === null
        ? [organisationId, ...Permissions.reportableOrganisations(caller.actor).filter((id) => id !== organisationId)]
        : [organisationId],
    clinicId: p.clinicId,
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    minimumDurationMinutes: p.minimumDurationMinutes
  })

  // Sign-out: the session credential is deleted and the cookies cleared.
  api.delete("/session", wrap(async (_req, res) => {
    const caller = callerOfRes(res)
    await store.access.removeCredential(caller.credentialHash)
    await audit(caller, "sign_out", "ok")
    res.setHeader("Set-Cookie", [`${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`, `${csrfCookie}=; Path=/; SameSite=Strict; Max-Age=0`])
    res.status(204).end()
  }))

  api.get("/openapi.json", (_req, res) => void res.json(openApiDocument()))

  api.get("/me", wrap(async (_req, res) => {
    const { actor } = callerOfRes(res)
    const orgIds = [...new Set(actor.grants.map((g) => g.organisation_id))].filter((id) => Permissions.canEnterOrganisation(actor, id))
    const organisations = await store.organisations(orgIds)
    const body = []
    for (const org of organisations.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id))) {
      const directory = await store.directory([org.id])
      const config = directory.configurations.get(org.id)
      body.push({
        id: org.id,
        name: org.name,
        roles: actor.grants.filter((g) => g.organisation_id === org.id).map((g) => (g.level === "clinic" ? `${g.role}:${g.clinic_id}` : g.role)),
        organisation_reports: Permissions.canReportOrganisation(actor, org.id),
        edit_configuration: Permissions.canEditConfiguration(actor, org.id),
        default_timezone: config?.default_timezone ?? Parameters.defaultTimezone,
        default_minimum_duration_minutes: config?.default_minimum_duration_minutes ?? 0,
        clinics: Permissions.reportableClinics(actor, directory.clinics)
          .map((c) => ({ id: c.id, name: c.name }))
          .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id))
      })
    }
    res.json({ user: { id: actor.userId, name: actor.name, email: actor.email }, organisations: body })
  }))

  api.get("/organisations/:org/tiles", wrap(async (req, res) => {
    const caller = callerOfRes(res)
    const organisationId = String(req.params.org)
    const p = runParameters(req.query as Record<string, unknown>, runKeys)
    await checkScope(caller, organisationId, p.clinicId, "tiles", null)
    const summary = await Effect.runPromise(Generation.summary(runInput(caller, organisationId, null, p), store, now(), {
      organisationsReportIds: Permissions.reportableOrganisations(caller.actor)
    }).pipe(Effect.mapError(fromCore)))
    await audit(caller, "tiles", "ok", { organisation_id: organisationId, clinic_id: p.clinicId, detail: summary.parameters })
    res.json(summary)
  }))

  const reportOf = (raw: string): ReportId => {
    if (!Generation.isReportId(raw)) throw new HttpError(404, "not_found", `report "${raw}" not found`)
    return raw
  }
  const formatOf = (raw: string | undefined): Format => {
    if (raw === undefined) return "xlsx"
    if (!(formats as ReadonlyArray<string>).includes(raw)) throw new HttpError(400, "invalid_format", `format must be one of ${formats.join(", ")} (got "${raw}")`, "format")
    return raw as Format
  }

  /** Validates a report request and prepares it; nothing is written on any error. */
  const prepareReport = async (req: Request, res: Response, action: string) => {
    const caller = callerOfRes(res)
    const organisationId = String(req.params.org)
    const report = reportOf(String(req.params.report))
    const p = runParameters((req.body ?? {}) as Record<string, unknown>, [...runKeys, "format"])
    const format = formatOf(p.format)
    await checkScope(caller, organisationId, p.clinicId, action, report)
    const prepared = await Effect.runPromise(Generation.prepare(report, runInput(caller, organisationId, report, p), store, {
      now: now(),
      generatedBy: caller.actor.name ?? caller.actor.userId
    }).pipe(Effect.mapError(fromCore)))
    return { caller, organisationId, report, format, prepared }
  }

  const newEntry = (caller: Caller, organisationId: string, report: ReportId, format: Format, parameters: ParametersJson, delivery: "download" | "email") =>
    newHistoryEntry({ userId: caller.actor.userId, organisationId, report, format, parameters, delivery, now: now() })

  api.post("/organisations/:org/reports/:report/downloads", json, wrap(async (req, res) => {
    const { caller, organisationId, report, format, prepared } = await prepareReport(req, res, "download")
    if (prepared.run.parameters.rangeKind === "long") {
      throw new HttpError(409, "range_too_long_for_download", "ranges of two months or more are generated in the background: use Email instead")
    }
    if (limited(`download:${caller.actor.userId}`, options.limits?.downloads ?? 30)) throw new HttpError(429, "too_many_requests", "too many downloads; wait a minute")
    const entry = newEntry(caller, organisationId, report, format, prepared.context.parameters, "download")
    const path = join(filesDir, `${entry.id}.${format}`)
    const size = await renderToFile(prepared, format, path)
    const done = { ...entry, status: "ready" as const, size, file_ref: path, completed_at: now() }
    await store.access.addHistory(done)
    await audit(caller, "download", "ok", { organisation_id: organisationId, clinic_id: entry.clinic_id, report, detail: { entry: entry.id, format, parameters: prepared.context.parameters } })
    res.status(200)
    res.set({ "Content-Type": mediaType[format], "Content-Disposition": `attachment; filename="${done.file_name}"`, "X-History-Entry": done.id, "Content-Length": String(size) })
    await new Promise<void>((resolveStream, reject) => {
      createReadStream(path).on("error", reject).pipe(res).on("finish", () => resolveStream()).on("error", reject)
    })
  }))

  api.post("/organisations/:org/reports/:report/emails", json, wrap(async (req, res) => {
    const { caller, organisationId, report, format, prepared } = await prepareReport(req, res, "email")
    // The queued entry is the durable job: any worker process picks it up; an in-process one is woken now.
    const entry = newEntry(caller, organisationId, report, format, prepared.context.parameters, "email")
    await store.access.addHistory(entry)
    await options.enqueueEmail?.(entry)
    await audit(caller, "email_requested", "ok", { organisation_id: organisationId, clinic_id: entry.clinic_id, report, detail: { entry: entry.id, format, parameters: prepared.context.parameters } })
    res.status(202).json(await entryView(caller.actor, entry))
  }))

  /** An entry as the API shows it. */
  const entryView = async (_actor: Actor, e: HistoryEntry) => ({
    id: e.id,
    report: e.report,
    title: reportTitle(e.report),
    organisation_id: e.organisation_id,
    clinic_id: e.clinic_id,
    parameters: JSON.parse(e.parameters) as unknown,
    format: e.format,
    delivery: e.delivery,
    status: e.expires_at <= now() ? "expired" : e.status,
    size: e.size,
    error: e.error,
    requested_at: new Date(e.created_at).toISOString(),
    expires_at: new Date(e.expires_at).toISOString(),
    file_url: `/api/v1/history/${e.id}/file`
  })

  /** An entry the caller may see now, or 404. */
  const visibleEntry = async (actor: Actor, id: string): Promise<HistoryEntry> => {
    const entry = await store.access.historyEntry(id)
    if (entry === undefined) throw notFound("history entry", id)
    const clinic = entry.clinic_id === null ? null : ((await store.clinic(entry.clinic_id)) ?? null)
    if (!Permissions.canSeeHistoryEntry(actor, entry, clinic)) throw notFound("history entry", id)
    return entry
  }

  api.get("/history", wrap(async (req, res) => {
    const { actor } = callerOfRes(res)
    const query = req.query as Record<string, unknown>
    for (const key of Object.keys(query)) if (key !== "organisation_id" && key !== "clinic_id") throw new HttpError(400, "unknown_field", `${key} is not a parameter of this request`, key)
    const entries = await store.access.historyOf(actor.userId, now() - historyLifetimeMs)
    const visible = []
    for (const e of entries) {
      if (e.expires_at <= now()) continue
      if (typeof query.organisation_id === "string" && e.organisation_id !== query.organisation_id) continue
      if (typeof query.clinic_id === "string" && e.clinic_id !== query.clinic_id) continue
      const clinic = e.clinic_id === null ? null : ((await store.clinic(e.clinic_id)) ?? null)
      if (Permissions.canSeeHistoryEntry(actor, e, clinic)) visible.push(await entryView(actor, e))
    }
    res.json({ entries: visible })
  }))

  api.get("/history/:entry", wrap(async (req, res) => {
    const { actor } = callerOfRes(res)
    const entry = await visibleEntry(actor, String(req.params.entry))
    if (entry.expires_at <= now()) throw new HttpError(410, "expired", "this report has expired; reports are kept for 24 hours")
    res.json(await entryView(actor, entry))
  }))

  api.get("/history/:entry/file", wrap(async (req, res) => {
    const caller = callerOfRes(res)
    const entry = await visibleEntry(caller.actor, String(req.params.entry))
    if (entry.expires_at <= now()) throw new HttpError(410, "expired", "this report has expired; reports are kept for 24 hours")
    // A failed email leaves a generated file downloadable; anything without a file is not ready.
    if (entry.file_ref === null || (entry.status !== "ready" && entry.status !== "failed")) {
      throw new HttpError(409, "not_ready", `this report is ${entry.status}; try again when it is ready`)
    }
    await audit(caller, "history_download", "ok", { organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: { entry: entry.id } })
    res.set({ "Content-Type": mediaType[entry.format as Format], "Content-Disposition": `attachment; filename="${entry.file_name}"` })
    if (entry.file_ref.startsWith("db:")) {
      const bytes = await store.jobs.fileBytes(entry.id)
      if (bytes === undefined) throw new HttpError(410, "expired", "this report's file is no longer kept")
      res.send(Buffer.from(bytes))
      return
    }
    await new Promise<void>((resolveStream, reject) => {
      createReadStream(entry.file_ref!).on("error", reject).pipe(res).on("finish", () => resolveStream()).on("error", reject)
    })
  }))

  api.get("/organisations/:org/reporting-configuration", wrap(async (req, res) => {
    const { actor } = callerOfRes(res)
    const id = String(req.params.org)
    await organisationFor(actor, id)
    if (!Permissions.canEditConfiguration(actor, id)) throw notFound("organisation", id)
    res.json(configurationView(id, await store.configuration(id)))
  }))

  api.put("/organisations/:org/reporting-configuration", json, wrap(async (req, res) => {
    const caller = callerOfRes(res)
    const id = String(req.params.org)
    await organisationFor(caller.actor, id)
    if (!Permissions.canEditConfiguration(caller.actor, id)) throw notFound("organisation", id)
    const body = (req.body ?? {}) as Record<string, unknown>
    const allowed = ["tags", "bandwidth_columns", "default_timezone", "default_minimum_duration_minutes"]
    for (const key of Object.keys(body)) if (!allowed.includes(key)) throw new HttpError(400, "unknown_field", `${key} is not a field of the reporting configuration`, key)
    const decoded = Records.decodeValue({ ...body, type: "reporting_configuration", organisation_id: id }, 1)
    if (decoded instanceof Error || decoded.type !== "reporting_configuration") {
      const reason = decoded instanceof Error ? decoded.reason : "invalid configuration"
      throw new HttpError(400, "invalid_configuration", reason, /field "([^".]+)/.exec(reason)?.[1] ?? null)
    }
    await store.putConfiguration(decoded)
    await audit(caller, "configuration_updated", "ok", { organisation_id: id })
    res.json(configurationView(id, decoded))
  }))

  // Unknown API routes and errors, in the one error shape.
  api.use((_req, _res, next) => next(new HttpError(404, "not_found", "no such route")))
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = error as { type?: string; status?: number }
    const http =
      e.type === "entity.too.large" ? new HttpError(413, "payload_too_large", "the request body is too large")
        : e.type === "entity.parse.failed" ? new HttpError(400, "malformed_json", "the request body is not valid JSON")
          : fromCore(error)
    if (http.status === 500) { log({ at: new Date(now()).toISOString(), level: "error", error: error instanceof Error ? error.name : "unknown" }); if (process.env.VCR_DEBUG) console.error(error) }
    if (!res.headersSent) res.status(http.status).json({ error: { code: http.code, message: http.message, field: http.field } })
    else res.destroy()
  })

  return app
}

/** A report's title (R48), from core's definitions. */
export const reportTitle = (id: string): string => {
  return Generation.isReportId(id) ? Definitions.byId(id).title : id
}

/** A new queued history entry for a report request: an unguessable id, kept 24 hours (SPEC §9). */
export const newHistoryEntry = (o: {
  userId: string; organisationId: string; report: ReportId; format: Format; parameters: ParametersJson; delivery: "download" | "email"; now: number
}): HistoryEntry => ({
  id: randomBytes(16).toString("base64url"), user_id: o.userId, organisation_id: o.organisationId, clinic_id: o.parameters.clinic_id,
  report: o.report, format: o.format, parameters: JSON.stringify(o.parameters), delivery: o.delivery, status: "queued", size: null,
  file_name: fileName(o.report, o.parameters, o.format), file_ref: null, error: null, attempts: 0, created_at: o.now,
  expires_at: o.now + historyLifetimeMs, completed_at: null, emailed_at: null
})

const configurationView = (organisationId: string, c: Records.ReportingConfiguration | undefined) => ({
  organisation_id: organisationId,
  tags: c?.tags ?? [],
  bandwidth_columns: c?.bandwidth_columns ?? true,
  default_timezone: c?.default_timezone ?? null,
  default_minimum_duration_minutes: c?.default_minimum_duration_minutes ?? null
})

/** How long an expired entry stays as a tombstone that answers 410 before its row is deleted. */
export const tombstoneLifetimeMs = 7 * 24 * 60 * 60_000

/**
 * The sweeper: destroys the files of entries older than 24 hours and marks them expired (they answer 410);
 * deletes the rows of entries expired for a week. Returns how many files it destroyed.
 */
export const sweepExpired = async (store: Store, now: number): Promise<number> => {
  await store.access.removeExpiredHistory(now - tombstoneLifetimeMs)
  const removed = await store.access.expireHistory(now)
  for (const e of removed) {
    if (e.file_ref?.startsWith("db:") === true) await store.jobs.removeFile(e.id)
    else if (e.file_ref !== null) await rm(e.file_ref, { force: true })
    await store.access.audit({ at: now, user_id: e.user_id, action: "file_expired", outcome: "destroyed", organisation_id: e.organisation_id, clinic_id: e.clinic_id, report: e.report, detail: JSON.stringify({ entry: e.id }) })
  }
  return removed.length
}

export { reportIds }
