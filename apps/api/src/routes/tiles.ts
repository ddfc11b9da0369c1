/**
 * `GET /organisations/:org/tiles`: the six summary tiles (SPEC §7) for a short range, computed by the engine (core) from
 * the same code paths as the reports; a long range answers 409.
 */
import { Permissions } from "@vcr/core"
import type { EngineRuntime } from "@vcr/engine"
import type { Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { runInput, runKeys, runParameters } from "../request.ts"
import { checkScope } from "../scope.ts"

/** The tiles route. */
export const tilesRouter = (deps: { readonly store: Store; readonly engine: EngineRuntime; readonly now: () => number; readonly audit: Audit }) =>
  Router().get("/organisations/:org/tiles", async (req, res) => {
    const caller = callerOfResponse(res)
    const organisationId = String(req.params.org)
    const p = runParameters(req.query as Record<string, unknown>, runKeys)
    await checkScope(deps, caller, organisationId, p.clinicId, "tiles", null)
    const summary = await deps.engine.summary(runInput(caller.actor, organisationId, null, p), {
      organisationsReportIds: Permissions.reportableOrganisations(caller.actor)
    })
    await deps.audit(caller, "tiles", "ok", { organisation_id: organisationId, clinic_id: p.clinicId, detail: summary.parameters })
    res.json(summary)
  })
