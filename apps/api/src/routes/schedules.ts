/**
 * Scheduled deliveries (SPEC §11.4): `GET|POST /schedules`, `GET|PATCH|DELETE /schedules/{id}`. A caller sees and
 * changes only their own schedules (anyone else's answers 404 like a missing one); a schedule's scope must be one the
 * caller may run. Bodies are read field by field (an unknown field, a wrong type or a missing required field is a 400
 * naming it), the values validated by the engine and core; nothing is written when a request is refused. The
 * engine's worker fires the occurrences.
 */
import type { EngineRuntime, ScheduleChange, ScheduleInput } from "@vcr/engine"
import { Router } from "express"
import { callerOfResponse } from "../auth-middleware.ts"
import { BadRequest } from "../errors.ts"
import { requiredScheduleFields, scheduleFields } from "../openapi-schedules.ts"
import { jsonBody, rejectUnknown, textField } from "../request.ts"

const fields = Object.keys(scheduleFields)
const nullable = ["clinic_id", "minimum_duration_minutes", "locale"]

/** The schedule fields of a body: strings (the minimum also a number; optional ones also null); `required` must be there. */
const readBody = (body: unknown, allowed: ReadonlyArray<string>, required: ReadonlyArray<string>): Record<string, unknown> => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequest({ code: "invalid_body", message: "the request body must be a JSON object", field: null })
  }
  const source = body as Record<string, unknown>
  rejectUnknown(source, allowed, "a field of a schedule")
  const missing = required.filter((f) => source[f] === undefined || source[f] === null)
  if (missing.length > 0) {
    throw new BadRequest({ code: "missing_field", message: `a schedule needs ${required.join(", ")} (missing: ${missing.join(", ")})`, field: missing[0]! })
  }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source)) {
    const value = source[key]
    if (value === null && !nullable.includes(key)) throw new BadRequest({ code: "invalid_type", message: `${key} must not be null`, field: key })
    if (key === "minimum_duration_minutes" && typeof value === "number") out[key] = value
    else if (key === "minimum_duration_minutes" && value !== null && typeof value !== "string") {
      throw new BadRequest({ code: "invalid_type", message: "minimum_duration_minutes must be a number of minutes", field: key })
    } else out[key] = value === null ? null : textField(source, key)
  }
  return out
}

/** The schedule routes. */
export const schedulesRouter = (deps: { readonly engine: EngineRuntime }) => {
  const { engine } = deps
  return Router()
    .get("/schedules", async (_req, res) => {
      res.json({ schedules: await engine.schedules.list(callerOfResponse(res).actor) })
    })
    .post("/schedules", jsonBody, async (req, res) => {
      const { actor } = callerOfResponse(res)
      const input = readBody(req.body ?? {}, fields, requiredScheduleFields) as unknown as ScheduleInput
      res.status(201).json(await engine.schedules.create(actor, input))
    })
    .get("/schedules/:schedule", async (req, res) => {
      res.json(await engine.schedules.get(callerOfResponse(res).actor, String(req.params.schedule)))
    })
    .patch("/schedules/:schedule", jsonBody, async (req, res) => {
      const { actor } = callerOfResponse(res)
      const id = String(req.params.schedule)
      // The schedule is looked up first: someone else's answers 404 before its body is judged.
      await engine.schedules.get(actor, id)
      const change = readBody(req.body ?? {}, [...fields, "status"], []) as ScheduleChange
      res.json(await engine.schedules.update(actor, id, change))
    })
    .delete("/schedules/:schedule", async (req, res) => {
      await engine.schedules.remove(callerOfResponse(res).actor, String(req.params.schedule))
      res.status(204).end()
    })
}
