/**
 * `GET /organisations/:org/trends`: the consultation and room-call figures per day, week or month, their totals and
 * the previous period's (SPEC §11.1, R75–R77, R81), computed by the engine (core) with the tiles' own folds; ranges
 * up to 13 months. Same authentication, scope check and error map as the tiles.
 */
import type { EngineRuntime } from "@vcr/engine"
import type { Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { runInput, runKeys, runParameters, textField } from "../request.ts"
import { trendsQuery } from "../schemas-trends.ts"
import { checkScope } from "../scope.ts"

const extraKeys = Object.keys(trendsQuery)

/** The trends route. */
export const trendsRouter = (deps: { readonly store: Store; readonly engine: EngineRuntime; readonly now: () => number; readonly audit: Audit }) =>
  Router().get("/organisations/:org/trends", async (req, res) => {
    const caller = callerOfResponse(res)
    const organisationId = String(req.params.org)
    const query = req.query as Record<string, unknown>
    const p = runParameters(query, [...runKeys, ...extraKeys])
    const granularity = textField(query, "granularity")
    const by = textField(query, "by")
    await checkScope(deps, caller, organisationId, p.clinicId, "trends", null)
    const trends = await deps.engine.trends({ ...runInput(caller.actor, organisationId, null, p), granularity, by })
    await deps.audit(caller, "trends", "ok", { organisation_id: organisationId, clinic_id: p.clinicId, detail: trends.parameters })
    res.json(trends)
  })
