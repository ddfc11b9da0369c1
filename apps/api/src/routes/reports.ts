/**
 * Report requests: a download (short range: generated now, streamed, recorded in history) or an email (any range:
 * queued as a history entry, the durable job a worker picks up). Nothing is written when a request is refused.
 */
import { Generation, NotFound, type ReportId } from "@vcr/core"
import type { HistoryEntry, Store } from "@vcr/store"
import { Effect } from "effect"
import { formats, mediaType, Report, type Format } from "@vcr/engine"
import { Router, type Request, type Response } from "express"
import { join } from "node:path"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { BadRequest, Conflict } from "../errors.ts"
import { streamFile } from "../file-response.ts"
import { newHistoryEntry } from "../history-entry.ts"
import type { RateLimit } from "../rate-limit.ts"
import { jsonBody, runInput, runKeys, runParameters } from "../request.ts"
import { checkScope } from "../scope.ts"
import { entryView } from "./history.ts"

/** What the report routes need. */
export interface ReportsDependencies {
  readonly store: Store
  readonly now: () => number
  readonly audit: Audit
  /** Folder for generated files (absolute). */
  readonly filesDir: string
  readonly rateLimit: RateLimit
  /** Downloads per account per minute. */
  readonly downloadsPerMinute: number
  /** Called after an emailed report is queued (wakes an in-process worker). */
  readonly enqueueEmail?: ((entry: HistoryEntry) => Promise<void>) | undefined
}

const reportOf = (raw: string): ReportId => {
  if (!Generation.isReportId(raw)) throw new NotFound({ kind: "report", id: raw, message: `report "${raw}" not found` })
  return raw
}

const formatOf = (raw: string | undefined): Format => {
  if (raw === undefined) return "xlsx"
  if (!(formats as ReadonlyArray<string>).includes(raw)) {
    throw new BadRequest({ code: "invalid_format", message: `format must be one of ${formats.join(", ")} (got "${raw}")`, field: "format" })
  }
  return raw as Format
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
    const prepared = await Effect.runPromise(Generation.prepare(report, runInput(caller.actor, organisationId, report, p), deps.store, {
      now: deps.now(),
      generatedBy: caller.actor.name ?? caller.actor.userId
    }))
    const entry = (delivery: "download" | "email") => newHistoryEntry({
      userId: caller.actor.userId, organisationId, report, format, parameters: prepared.context.parameters, delivery, now: deps.now()
    })
    const audited = (e: HistoryEntry) => ({ organisation_id: organisationId, clinic_id: e.clinic_id, report, detail: { entry: e.id, format, parameters: prepared.context.parameters } })
    return { caller, format, prepared, entry, audited }
  }

  return Router()
    .post("/organisations/:org/reports/:report/downloads", jsonBody, async (req, res) => {
      const { caller, format, prepared, entry, audited } = await prepareReport(req, res, "download")
      if (prepared.run.parameters.rangeKind === "long") {
        throw new Conflict({ code: "range_too_long_for_download", message: "ranges of two months or more are generated in the background: use Email instead" })
      }
      deps.rateLimit.check(`download:${caller.actor.userId}`, deps.downloadsPerMinute, "too many downloads; wait a minute")
      const queued = entry("download")
      const path = join(deps.filesDir, `${queued.id}.${format}`)
      const size = await Effect.runPromise(Report.toFile(prepared, format, path))
      const done = { ...queued, status: "ready" as const, size, file_ref: path, completed_at: deps.now() }
      await deps.store.access.addHistory(done)
      await deps.audit(caller, "download", "ok", audited(done))
      res.status(200)
      res.set({ "Content-Type": mediaType[format], "Content-Disposition": `attachment; filename="${done.file_name}"`, "X-History-Entry": done.id, "Content-Length": String(size) })
      await streamFile(res, path)
    })
    .post("/organisations/:org/reports/:report/emails", jsonBody, async (req, res) => {
      const { caller, entry, audited } = await prepareReport(req, res, "email")
      const queued = entry("email")
      await deps.store.access.addHistory(queued)
      await deps.enqueueEmail?.(queued)
      await deps.audit(caller, "email_requested", "ok", audited(queued))
      res.status(202).json(entryView(queued, deps.now()))
    })
}
