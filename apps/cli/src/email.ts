/**
 * `vcr report … --email --user <id>`: validates like any run, then queues a history entry for the worker, which
 * generates the file and emails the account a link. The same entry shape as the API's Email action.
 */
import { historyLifetimeMs, fileName, formats, type Format } from "@vcr/api"
import { Generation, InvalidParameter, NotFound, type RunInput } from "@vcr/core"
import type { Store } from "@vcr/store"
import { randomBytes } from "node:crypto"

/** Queues an emailed report and returns its history entry id. */
export const queueEmailedReport = async (
  store: Store,
  reportId: string,
  input: RunInput,
  options: { format: string; userId: string; now: number }
): Promise<string> => {
  if (!(formats as ReadonlyArray<string>).includes(options.format)) {
    throw new InvalidParameter({ field: "format", code: "invalid_format", message: `format must be one of ${formats.join(", ")} (got "${options.format}")` })
  }
  const user = await store.user(options.userId)
  if (user === undefined) throw new NotFound({ kind: "user", id: options.userId, message: `user "${options.userId}" not found` })
  if (user.email === null) throw new InvalidParameter({ field: "user", code: "no_email", message: `user "${options.userId}" has no email address` })
  const prepared = await Generation.prepare(reportId, input, store, { now: options.now, generatedBy: user.name ?? user.id })
  if (prepared instanceof Error) throw prepared
  const p = prepared.context.parameters
  const id = randomBytes(16).toString("base64url")
  await store.access.addHistory({
    id, user_id: user.id, organisation_id: p.organisation_ids[0]!, clinic_id: p.clinic_id, report: prepared.context.report.id, format: options.format,
    parameters: JSON.stringify(p), delivery: "email", status: "queued", size: null, file_name: fileName(prepared.context.report.id, p, options.format as Format),
    file_ref: null, error: null, attempts: 0, created_at: options.now, expires_at: options.now + historyLifetimeMs, completed_at: null, emailed_at: null
  })
  await store.access.audit({ at: options.now, user_id: user.id, action: "email_requested", outcome: "ok", organisation_id: p.organisation_ids[0]!, clinic_id: p.clinic_id, report: prepared.context.report.id, detail: JSON.stringify({ entry: id, via: "cli" }) })
  return id
}
