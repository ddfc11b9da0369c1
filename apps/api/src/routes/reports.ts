/**
 * Report requests: a preview (short range: the first rows and the total, nothing recorded), a download (short range: generated now, streamed, recorded in history) or an email (any range:
 * queued as a history entry, the durable job a worker picks up). Nothing is written when a request is refused.
 */
import { Generation, NotFound, type ReportId } from "@vcr/core"
import type { HistoryEntry, Store } from "@vcr/store"
import { decodeFormat, mediaType, type EngineRuntime, type Format } from "@vcr/engine"
import { Router, type Request, type Response } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { Conflict } from "../errors.ts"
import { streamFile } from "../file-response.ts"
import type { Metrics } from "../metrics.ts"
import type { RateLimit } from "../rate-limit.ts"
import { jsonBody, runInput, runKeys, runParameters, textField } from "../request.ts"
import { checkScope } from "../scope.ts"
import { entryView } from "./history.ts"

/** What the report routes need. */
export interface ReportsDependencies {
  readonly store: Store
  /** The use cases: prepare, download (file written and recorded), queue for email, open a file. */
  readonly engine: EngineRuntime
  readonly now: () => number
  readonly audit: Audit
  readonly rateLimit: RateLimit
  /** Downloads per account per minute. */
  readonly downloadsPerMinute: number
  /** Records downloads and queued emails for /metrics. */
  readonly metrics?: Metrics
  /** Called after an emailed report is queued (wakes an in-process worker). */
  readonly enqueueEmail?: ((entry: HistoryEntry) => Promise<void>) | undefined
}

const reportOf = (raw: string): ReportId => {
  if (!Generation.isReportId(raw)) throw new NotFound({ kind: "report", id: raw, message: `report "${raw}" not found` })
  return raw
}

const formatOf = (raw: string | undefined): Format => {
  const format = decodeFormat(raw ?? "xlsx")
  if (format instanceof Error) throw format
  return format
}

/** The download and email routes. */
export const reportsRouter = (deps: ReportsDependencies) => {
  /** Validates a report request and prepares it; nothing is written on any error. */
  const prepareReport = async (req: Request, res: Response, action: string) => {
    const caller = callerOfResponse(res)
    const organisationId = String(req.params.org)
    const report = reportOf(String(req.params.report))
    const p = runParameters((req.body ?? {}) as Record<string, unknown>, [...runKeys, "format"])
    const format = formatOf(p.format)
    await checkScope(deps, caller, organisationId, p.clinicId, action, report)
    const prepared = await deps.engine.prepare(report, runInput(caller.actor, organisationId, report, p), caller.actor.name ?? caller.actor.userId)
    const request = { userId: caller.actor.userId, organisationId, prepared, format }
    const audited = (e: HistoryEntry) => ({ organisation_id: organisationId, clinic_id: e.clinic_id, report, detail: { entry: e.id, format, parameters: prepared.context.parameters } })
    return { caller, prepared, request, audited }
  }

  return Router()
    .get("/organisations/:org/reports/:report/preview", async (req, res) => {
      const caller = callerOfResponse(res)
      const organisationId = String(req.params.org)
      const report = reportOf(String(req.params.report))
      const query = req.query as Record<string, unknown>
      const p = runParameters(query, [...runKeys, "limit"])
      await checkScope(deps, caller, organisationId, p.clinicId, "preview", report)
      const preview = await deps.engine.preview(report, runInput(caller.actor, organisationId, report, p), {
        limit: textField(query, "limit"), generatedBy: caller.actor.name ?? caller.actor.userId
      })
      await deps.audit(caller, "preview", "ok", { organisation_id: organisationId, clinic_id: p.clinicId, report, detail: preview.parameters })
      res.json(preview)
    })
    .post("/organisations/:org/reports/:report/downloads", jsonBody, async (req, res) => {
      const { caller, prepared, request, audited } = await prepareReport(req, res, "download")
      if (prepared.run.parameters.rangeKind === "long") {
        throw new Conflict({ code: "range_too_long_for_download", message: "ranges of two months or more are generated in the background: use Email instead" })
      }
      deps.rateLimit.check(`download:${caller.actor.userId}`, deps.downloadsPerMinute, "too many downloads; wait a minute")
      const started = process.hrtime.bigint()
      const done = await deps.engine.download(request)
      deps.metrics?.download({ report: done.report, format: request.format, seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes: done.size ?? 0 })
      await deps.audit(caller, "download", "ok", audited(done))
      const { stream } = await deps.engine.history.file(caller.actor, done.id)
      res.status(200)
      res.set({ "Content-Type": mediaType[request.format], "Content-Disposition": `attachment; filename="${done.file_name}"`, "X-History-Entry": done.id, "Content-Length": String(done.size) })
      await streamFile(res, stream)
    })
    .post("/organisations/:org/reports/:report/emails", jsonBody, async (req, res) => {
      const { caller, request, audited } = await prepareReport(req, res, "email")
      const queued = await deps.engine.queueEmail(request)
      deps.metrics?.emailQueued({ report: queued.report, format: request.format })
      await deps.enqueueEmail?.(queued)
      await deps.audit(caller, "email_requested", "ok", audited(queued))
      res.status(202).json(entryView(queued, deps.now()))
    })
}
