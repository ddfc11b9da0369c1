/**
 * The caller's history (SPEC §9): entries of the last 24 hours they may still see (roles are checked again, so
 * a revoked role hides its entries), one entry, and its file from disk or the database. Expired entries answer 410.
 */
import { Permissions, type Actor } from "@vcr/core"
import type { HistoryEntry, Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { Conflict, Expired, notFound } from "../errors.ts"
import { streamFile } from "../file-response.ts"
import { historyLifetimeMs, reportTitle } from "../history-entry.ts"
import { mediaType, type Format } from "@vcr/engine"
import { rejectUnknown } from "../request.ts"

/** An entry as the API shows it. */
export const entryView = (e: HistoryEntry, now: number) => ({
  id: e.id,
  report: e.report,
  title: reportTitle(e.report),
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
  file_url: `/api/v1/history/${e.id}/file`
})

const expired = () => new Expired({ message: "this report has expired; reports are kept for 24 hours" })

/** The history routes. */
export const historyRouter = (deps: { readonly store: Store; readonly now: () => number; readonly audit: Audit }) => {
  const { store, now } = deps
  const clinicOf = async (e: HistoryEntry) => (e.clinic_id === null ? null : ((await store.clinic(e.clinic_id)) ?? null))

  /** An entry the actor may see now, or NotFound; an expired one is Expired. */
  const visibleEntry = async (actor: Actor, id: string): Promise<HistoryEntry> => {
    const entry = await store.access.historyEntry(id)
    if (entry === undefined || !Permissions.canSeeHistoryEntry(actor, entry, await clinicOf(entry))) throw notFound("history entry", id)
    if (entry.expires_at <= now()) throw expired()
    return entry
  }

  return Router()
    .get("/history", async (req, res) => {
      const { actor } = callerOfResponse(res)
      const query = req.query as Record<string, unknown>
      rejectUnknown(query, ["organisation_id", "clinic_id"])
      const entries = await store.access.historyOf(actor.userId, now() - historyLifetimeMs)
      const visible = []
      for (const e of entries) {
        if (e.expires_at <= now()) continue
        if (typeof query.organisation_id === "string" && e.organisation_id !== query.organisation_id) continue
        if (typeof query.clinic_id === "string" && e.clinic_id !== query.clinic_id) continue
        if (Permissions.canSeeHistoryEntry(actor, e, await clinicOf(e))) visible.push(entryView(e, now()))
      }
      res.json({ entries: visible })
    })
    .get("/history/:entry", async (req, res) => {
      const { actor } = callerOfResponse(res)
      res.json(entryView(await visibleEntry(actor, String(req.params.entry)), now()))
    })
    .get("/history/:entry/file", async (req, res) => {
      const caller = callerOfResponse(res)
      const entry = await visibleEntry(caller.actor, String(req.params.entry))
      // A failed email leaves a generated file downloadable; anything without a file is not ready.
      if (entry.file_ref === null || (entry.status !== "ready" && entry.status !== "failed")) {
        throw new Conflict({ code: "not_ready", message: `this report is ${entry.status}; try again when it is ready` })
      }
      await deps.audit(caller, "history_download", "ok", { organisation_id: entry.organisation_id, clinic_id: entry.clinic_id, report: entry.report, detail: { entry: entry.id } })
      res.set({ "Content-Type": mediaType[entry.format as Format], "Content-Disposition": `attachment; filename="${entry.file_name}"` })
      if (entry.file_ref.startsWith("db:")) {
        const bytes = await store.jobs.fileBytes(entry.id)
        if (bytes === undefined) throw new Expired({ message: "this report's file is no longer kept" })
        res.send(Buffer.from(bytes))
        return
      }
      await streamFile(res, entry.file_ref)
    })
}
