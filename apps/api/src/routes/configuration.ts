/**
 * The reporting configuration of an organisation (tags, bandwidth columns, default timezone and minimum): read
 * and replaced as a whole by those who may edit it (every field is sent: a missing one is a 400, never silently
 * cleared); anyone else gets 404 as if it did not exist. Values are decoded by core.
 */
import { Permissions, Records, type Actor } from "@vcr/core"
import type { Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { BadRequest, notFound } from "../errors.ts"
import { jsonBody, rejectUnknown } from "../request.ts"
import { configurationInputSchema } from "../schemas.ts"
import { organisationFor } from "../scope.ts"

const fields = Object.keys(configurationInputSchema.properties)

const configurationView = (organisationId: string, c: Records.ReportingConfiguration | undefined) => ({
  organisation_id: organisationId,
  tags: c?.tags ?? [],
  bandwidth_columns: c?.bandwidth_columns ?? true,
  default_timezone: c?.default_timezone ?? null,
  default_minimum_duration_minutes: c?.default_minimum_duration_minutes ?? null
})

/** The configuration routes. */
export const configurationRouter = (deps: { readonly store: Store; readonly audit: Audit }) => {
  const editable = async (actor: Actor, id: string) => {
    await organisationFor(deps.store, actor, id)
    if (!Permissions.canEditConfiguration(actor, id)) throw notFound("organisation", id)
  }
  return Router()
    .get("/organisations/:org/reporting-configuration", async (req, res) => {
      const id = String(req.params.org)
      await editable(callerOfResponse(res).actor, id)
      res.json(configurationView(id, await deps.store.configuration(id)))
    })
    .put("/organisations/:org/reporting-configuration", jsonBody, async (req, res) => {
      const caller = callerOfResponse(res)
      const id = String(req.params.org)
      await editable(caller.actor, id)
      const body = (req.body ?? {}) as Record<string, unknown>
      rejectUnknown(body, fields, "a field of the reporting configuration")
      // PUT replaces the whole configuration (SPEC §10 defines no partial update): an omitted field would be
      // cleared without anyone asking, so every field must be sent (null for "no default").
      const missing = fields.filter((f) => !(f in body))
      if (missing.length > 0) {
        throw new BadRequest({
          code: "missing_field",
          message: `the configuration is replaced as a whole: send ${fields.join(", ")} (missing: ${missing.join(", ")})`,
          field: missing[0]!
        })
      }
      const decoded = Records.decodeValue({ ...body, type: "reporting_configuration", organisation_id: id }, 1)
      if (decoded instanceof Error || decoded.type !== "reporting_configuration") {
        const reason = decoded instanceof Error ? decoded.reason : "invalid configuration"
        throw new BadRequest({ code: "invalid_configuration", message: reason, field: /field "([^".]+)/.exec(reason)?.[1] ?? null })
      }
      await deps.store.putConfiguration(decoded)
      await deps.audit(caller, "configuration_updated", "ok", { organisation_id: id })
      res.json(configurationView(id, decoded))
    })
}
