/**
 * `POST /events` (SPEC §11.6): a platform pushes NDJSON lines with an `ingest` service token. The request is all or
 * nothing like `vcr import` of one file: 200 with the counts, 400 naming the first bad line, 409 for an event id
 * used for another event, 413 past the size limit, 415 for another media type. Each attempt is audited (service,
 * counts, bytes, outcome), never the lines themselves.
 */
import type { ImportSummary, Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { serviceOfResponse } from "../auth-middleware.ts"
import { answerOf, Forbidden, UnsupportedMediaType } from "../errors.ts"
import { ingestFile, stageBody, tooLarge, type Staged } from "../ingest.ts"
import type { IngestSlots } from "../ingest-slots.ts"

/** What the events route needs. */
export interface EventsDependencies {
  readonly store: Store
  readonly audit: Audit
  readonly slots: IngestSlots
  /** Folder for staged bodies (a temporary folder). */
  readonly stagingDir: string
  /** Largest body in bytes. */
  readonly limitBytes: number
}

/** The media type of NDJSON bodies. */
export const ndjsonType = "application/x-ndjson"

/** The counts answered on success: the import's summary and the body's size. */
const ingestView = (summary: ImportSummary, bytes: number) => ({ ...summary, bytes })

/** The events route. */
export const eventsRouter = (deps: EventsDependencies) =>
  Router().post("/events", async (req, res) => {
    const service = serviceOfResponse(res)
    if (service === undefined) {
      throw new Forbidden({
        code: "ingest_scope_required",
        message: "posting events needs a service token with the ingest scope (vcr token create --service <name> --scope ingest)"
      })
    }
    const audit = (outcome: string, detail: Record<string, unknown>) =>
      deps.audit(undefined, "ingest", outcome, { detail: { service: service.service, ...detail } })
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
    if (type !== ndjsonType) {
      await audit("unsupported_media_type", { bytes: 0 })
      throw new UnsupportedMediaType({ message: `the body must be NDJSON sent as Content-Type: ${ndjsonType} (got "${type || "none"}")` })
    }
    const declared = Number(req.headers["content-length"] ?? 0)
    if (declared > deps.limitBytes) {
      await audit("too_large", { bytes: declared })
      // Answered at once; node reads and drops the declared body, so the client can finish sending and read the 413.
      throw tooLarge(deps.limitBytes)
    }
    const release = await deps.slots.acquire().catch(async (error: unknown) => {
      await audit("throttled", { bytes: 0 })
      throw error
    })
    let staged: Staged | undefined
    try {
      staged = await stageBody(req, { dir: deps.stagingDir, limit: deps.limitBytes })
      const summary = await ingestFile(deps.store, staged.path)
      await audit("ok", { bytes: staged.bytes, lines: summary.lines, events: summary.events, directory: summary.directory, logins: summary.logins, components: summary.components })
      res.status(200).json(ingestView(summary, staged.bytes))
    } catch (error) {
      const answer = answerOf(error)
      await audit(answer.status === 500 ? "failed" : answer.code, { bytes: staged?.bytes ?? null })
      throw error
    } finally {
      release()
      await staged?.remove()
    }
  })
