/**
 * Who may do what (SPEC §2), from the roles an account holds at the moment of the request. Everything
 * outside an actor's roles is "not found" to them, never "forbidden": callers map a `false` to 404.
 */
import type { Clinic, ClinicRole, ClinicRoleName, OrganisationRole, OrganisationRoleName, User } from "./Records.ts"

/** A role held now. */
export type Grant =
  | { readonly level: "organisation"; readonly role: OrganisationRoleName; readonly organisation_id: string }
  | { readonly level: "clinic"; readonly role: ClinicRoleName; readonly clinic_id: string; readonly organisation_id: string }

/** An account and the roles it holds now. */
export interface Actor {
  readonly userId: string
  readonly name: string | null
  readonly email: string | null
  readonly grants: ReadonlyArray<Grant>
}

const reportingRoles: ReadonlyArray<OrganisationRoleName> = ["organisation_admin", "organisation_coordinator", "organisation_reporter"]

/** Builds an actor from directory records: only roles held at `now` by an account that exists at `now`. */
export const actorAt = (
  user: User | undefined,
  organisationRoles: ReadonlyArray<OrganisationRole>,
  clinicRoles: ReadonlyArray<ClinicRole>,
  clinicOrganisation: (clinicId: string) => string | undefined,
  now: number
): Actor | undefined => {
  if (user === undefined || user.created_at > now || (user.deactivated_at !== null && user.deactivated_at <= now)) return undefined
  const held = (r: { granted_at: number; revoked_at: number | null }) => r.granted_at <= now && (r.revoked_at === null || r.revoked_at > now)
  const grants: Array<Grant> = []
  for (const r of organisationRoles) if (r.user_id === user.id && held(r)) grants.push({ level: "organisation", role: r.role, organisation_id: r.organisation_id })
  for (const r of clinicRoles) {
    const org = clinicOrganisation(r.clinic_id)
    if (r.user_id === user.id && held(r) && org !== undefined) grants.push({ level: "clinic", role: r.role, clinic_id: r.clinic_id, organisation_id: org })
  }
  return { userId: user.id, name: user.name, email: user.email, grants }
}

const hasOrganisationRole = (actor: Actor, organisationId: string, roles: ReadonlyArray<OrganisationRoleName>) =>
  actor.grants.some((g) => g.level === "organisation" && g.organisation_id === organisationId && roles.includes(g.role))

/** Organisation-level reports: organisation admins, coordinators and reporters. */
export const canReportOrganisation = (actor: Actor, organisationId: string): boolean =>
  hasOrganisationRole(actor, organisationId, reportingRoles)

/** Clinic-level reports: organisation admins and coordinators (any clinic of theirs), clinic admins (own clinics). */
export const canReportClinic = (actor: Actor, clinic: Pick<Clinic, "id" | "organisation_id">): boolean =>
  hasOrganisationRole(actor, clinic.organisation_id, ["organisation_admin", "organisation_coordinator"]) ||
  actor.grants.some((g) => g.level === "clinic" && g.role === "clinic_admin" && g.clinic_id === clinic.id)

/** The reporting configuration: organisation admins, coordinators and reporters edit it. */
export const canEditConfiguration = (actor: Actor, organisationId: string): boolean => canReportOrganisation(actor, organisationId)

/** Whether the actor may see anything of an organisation (the page, its clinics they report on). */
export const canEnterOrganisation = (actor: Actor, organisationId: string): boolean =>
  canReportOrganisation(actor, organisationId) ||
  actor.grants.some((g) => g.level === "clinic" && g.role === "clinic_admin" && g.organisation_id === organisationId)

/** Organisations the actor reports on at organisation level (the Organisations report adds them, SPEC §2). */
export const reportableOrganisations = (actor: Actor): ReadonlyArray<string> => [
  ...new Set(actor.grants.filter((g) => g.level === "organisation" && reportingRoles.includes(g.role)).map((g) => g.organisation_id))
]

/** Clinics of an organisation the actor runs clinic-level reports for, from the organisation's clinics. */
export const reportableClinics = <C extends Pick<Clinic, "id" | "organisation_id">>(actor: Actor, clinics: ReadonlyArray<C>): Array<C> =>
  clinics.filter((c) => canReportClinic(actor, c))

/** A run's scope is allowed: organisation level, or clinic level for that clinic. */
export const canRun = (actor: Actor, organisationId: string, clinic: Pick<Clinic, "id" | "organisation_id"> | null): boolean =>
  clinic === null ? canReportOrganisation(actor, organisationId) : clinic.organisation_id === organisationId && canReportClinic(actor, clinic)

/** A history entry is visible to its own requester while they may still run its scope (SPEC §9). */
export const canSeeHistoryEntry = (
  actor: Actor,
  entry: { readonly user_id: string; readonly organisation_id: string },
  clinic: Pick<Clinic, "id" | "organisation_id"> | null
): boolean => entry.user_id === actor.userId && canRun(actor, entry.organisation_id, clinic)
