/**
 * `GET /me`: the account, the organisations it may enter with its roles there, each organisation's defaults and
 * the clinics it may report on, sorted by name; the page builds its settings from this alone.
 */
import { Parameters, Permissions } from "@vcr/core"
import type { Store } from "@vcr/store"
import { Router } from "express"
import { callerOfResponse } from "../auth-middleware.ts"

const byName = (a: { id: string; name: string | null }, b: { id: string; name: string | null }) =>
  (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id)

/** The account route. */
export const meRouter = (deps: { readonly store: Store }) =>
  Router().get("/me", async (_req, res) => {
    const { actor } = callerOfResponse(res)
    const orgIds = [...new Set(actor.grants.map((g) => g.organisation_id))].filter((id) => Permissions.canEnterOrganisation(actor, id))
    const organisations = await deps.store.organisations(orgIds)
    const body = []
    for (const org of organisations.sort(byName)) {
      const directory = await deps.store.directory([org.id])
      const config = directory.configurations.get(org.id)
      body.push({
        id: org.id,
        name: org.name,
        roles: actor.grants.filter((g) => g.organisation_id === org.id).map((g) => (g.level === "clinic" ? `${g.role}:${g.clinic_id}` : g.role)),
        organisation_reports: Permissions.canReportOrganisation(actor, org.id),
        edit_configuration: Permissions.canEditConfiguration(actor, org.id),
        default_timezone: config?.default_timezone ?? Parameters.defaultTimezone,
        default_minimum_duration_minutes: config?.default_minimum_duration_minutes ?? 0,
        clinics: Permissions.reportableClinics(actor, directory.clinics).map((c) => ({ id: c.id, name: c.name })).sort(byName)
      })
    }
    res.json({ user: { id: actor.userId, name: actor.name, email: actor.email }, organisations: body })
  })
