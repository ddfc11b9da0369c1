/**
 * `vcr report … --email --user <id>`: validates like any run, then queues a history entry for the worker, which
 * generates the file and emails the account a link. The same entry shape as the API's Email action.
 */
import { formats, newHistoryEntry, type Format } from "@vcr/api"
import { Generation, InvalidParameter, NotFound, type RunInput } from "@vcr/core"
import type { Store } from "@vcr/store"
import { Effect } from "effect"

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
  const prepared = await Effect.runPromise(Generation.prepare(reportId, input, store, { now: options.now, generatedBy: user.name ?? user.id }))
  const p = prepared.context.parameters
  const entry = newHistoryEntry({
    userId: user.id, organisationId: p.organisation_ids[0]!, report: prepared.context.report.id, format: options.format as Format,
    parameters: p, delivery: "email", now: options.now
  })
  await store.access.addHistory(entry)
  const id = entry.id
  await store.access.audit({ at: options.now, user_id: user.id, action: "email_requested", outcome: "ok", organisation_id: p.organisation_ids[0]!, clinic_id: p.clinic_id, report: prepared.context.report.id, detail: JSON.stringify({ entry: id, via: "cli" }) })
  return id
}
