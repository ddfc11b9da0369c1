/**
 * History entries (SPEC §9): a new entry for a report request, its title, how long it is kept, and the sweeper
 * that destroys expired files. Used by the routes, the worker and the CLI.
 */
import { Definitions, Generation, type ParametersJson, type ReportId } from "@vcr/core"
import type { HistoryEntry, Store } from "@vcr/store"
import { randomBytes } from "node:crypto"
import { rm } from "node:fs/promises"
import { fileName, type Format } from "./render.ts"

/** How long a history entry and its file are kept (SPEC §9). */
export const historyLifetimeMs = 24 * 60 * 60_000

/** How long an expired entry stays as a tombstone that answers 410 before its row is deleted. */
export const tombstoneLifetimeMs = 7 * 24 * 60 * 60_000

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
