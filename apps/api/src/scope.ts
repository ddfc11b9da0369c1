/**
 * Scope checks shared by the routes: an organisation or clinic outside the caller's roles answers 404 exactly
 * like a missing one (R29), and refused runs are audited.
 */
import { Permissions, type Actor } from "@vcr/core"
import type { Store } from "@vcr/store"
import type { Audit } from "./audit.ts"
import type { Caller } from "./auth.ts"
import { notFound } from "./errors.ts"

/** The organisation, if the actor may enter it; else NotFound as if missing. */
export const organisationFor = async (store: Store, actor: Actor, id: string) => {
  const org = await store.organisation(id)
  if (org === undefined || !Permissions.canEnterOrganisation(actor, id)) throw notFound("organisation", id)
  return org
}

/** Checks a run's scope for the caller: the organisation, or one clinic of it; refusals are audited. */
export const checkScope = async (
  deps: { readonly store: Store; readonly audit: Audit },
  caller: Caller, organisationId: string, clinicId: string | null, action: string, report: string | null
) => {
  await organisationFor(deps.store, caller.actor, organisationId)
  const clinic = clinicId === null ? null : await deps.store.clinic(clinicId)
  if (clinicId !== null && (clinic === undefined || clinic === null || clinic.organisation_id !== organisationId)) {
    await deps.audit(caller, action, "not_found", { organisation_id: organisationId, clinic_id: clinicId, report })
    throw notFound("clinic", clinicId)
  }
  if (!Permissions.canRun(caller.actor, organisationId, clinic ?? null)) {
    await deps.audit(caller, action, "denied", { organisation_id: organisationId, clinic_id: clinicId, report })
    throw clinicId === null ? notFound("organisation", organisationId) : notFound("clinic", clinicId)
  }
}
