/**
 * The caller's history (SPEC §9): entries of the last 24 hours they may still see (roles are checked again, so
 * a revoked role hides its entries), one entry, and its file from disk or the database, all through the engine.
 * Expired entries answer 410.
 */
import { NotFound } from "@vcr/core"
import type { HistoryEntry } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import type { Caller } from "../auth.ts"
import { streamFile } from "../file-response.ts"
import { EntryExpired, History, entryLocale, mediaType, reportTitle, type EngineRuntime, type Format } from "@vcr/engine"
import { rejectUnknown } from "../request.ts"
import { historyQuery } from "../schemas.ts"

/** An entry as the API shows it. */
export const entryView = (e: HistoryEntry, now: number) => ({
  id: e.id,
  report: e.report,
  title: reportTitle(e.report, entryLocale(e)),
  organisation_id: e.organisation_id,
  clinic_id: e.clinic_id,
  parameters: JSON.parse(e.parameters) as unknown,
  format: e.format,
  delivery: e.delivery,
  status: e.expires_at <= now ? "expired" : e.status,
  size: e.size,
  error: e.error,
  requested_at: new Date(e.created_at).toISOString(),
  expires_at: new Date(e.expires_at).toISOString(),
  file_url: `/api/v1/history/${e.id}/file`,
  locale: entryLocale(e)
})

/** The history routes: the engine lists, checks visibility and opens files; this module shapes the answers. */
export const historyRouter = (deps: { readonly engine: EngineRuntime; readonly now: () => number; readonly audit: Audit }) => {
  const { engine, now } = deps
  const text = (value: unknown) => (typeof value === "string" ? value : undefined)
  /**
   * A read the engine refuses as not found (someone else's entry, one a revoked role hid, or an id that does not
   * exist: one answer for all, R29) is audited as denied, since that is how ids are probed.
   */
  const audited = async <A>(caller: Caller, id: string, read: () => Promise<A>): Promise<A> => {
    try {
      return await read()
    } catch (error) {
      if (error instanceof NotFound) await deps.audit(caller, "history_read", "denied", { detail: { entry: id } })
      throw error
    }
  }

  return Router()
    .get("/history", async (req, res) => {
      const { actor } = callerOfResponse(res)
      const query = req.query as Record<string, unknown>
      rejectUnknown(query, Object.keys(historyQuery))
      const entries = await engine.history.list(actor, { organisationId: text(query.organisation_id), clinicId: text(query.clinic_id) })
      res.json({ entries: entries.map((e) => entryView(e, now())) })
    })
    .get("/history/:entry", async (req, res) => {
      const caller = callerOfResponse(res)
      const id = String(req.params.entry)
      const entry = await audited(caller, id, () => engine.history.entry(caller.actor, id))
      if (History.isExpired(entry, now())) throw new EntryExpired({ id: entry.id, message: "this report has expired; reports are kept for 24 hours" })
      res.json(entryView(entry, now()))
    })
    .get("/history/:entry/file", async (req, res) => {
      const caller = callerOfResponse(res)
      // Expired (410) and not ready (409) come back as the engine's tagged errors; a failed email's file is kept.
      const id = String(req.params.entry)
      const { entry, stream } = await audited(caller, id, () => engine.history.file(caller.actor, id))
      await deps.audit(caller, "history_download", "ok", { organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: { entry: entry.id } })
      res.set({ "Content-Type": mediaType[entry.format as Format], "Content-Disposition": `attachment; filename="${entry.file_name}"` })
      await streamFile(res, stream)
    })
}
