/**
 * The directory records of a plan, in the order an import needs them: organisations, reporting configurations,
 * clinics, users, roles, rooms (SPEC §4 record shapes).
 */
import type { Resolved } from "./options.ts"
import type { Plan } from "./plan.ts"

/** Yields the directory records of the plan. */
export function* directory(plan: Plan, r: Resolved, iso: (ms: number) => string): Generator<Record<string, unknown>> {
  const at = (ms: number | null) => (ms === null ? null : iso(ms))
  for (const org of plan.orgs) {
    yield {
      type: "organisation",
      id: org.id,
      name: org.name,
      state: org.state,
      specialty: org.specialty,
      contract: org.contract,
      created_at: iso(org.createdAt),
      deleted_at: null
    }
  }
  for (const [o, org] of plan.orgs.entries()) {
    yield {
      type: "reporting_configuration",
      organisation_id: org.id,
      tags: [
        { key: "cost_centre", label: "Cost centre" },
        { key: "region", label: "Region" }
      ],
      bandwidth_columns: o !== 1,
      default_timezone: r.timezone,
      default_minimum_duration_minutes: 0
    }
  }
  for (const org of plan.orgs) {
    for (const c of org.clinics) {
      yield {
        type: "clinic",
        id: c.id,
        organisation_id: org.id,
        name: c.name,
        subdomain: c.subdomain,
        status: c.status,
        state: c.state,
        specialty: c.specialty,
        contract: org.contract,
        consultation_name: c.consultationName,
        created_at: iso(c.createdAt),
        deleted_at: at(c.deletedAt),
        tags: c.tags
      }
    }
  }
  for (const u of plan.users) {
    yield { type: "user", id: u.id, name: u.name, email: u.email, created_at: iso(u.createdAt), deactivated_at: at(u.deactivatedAt) }
  }
  for (const role of plan.roles) {
    yield role.type === "organisation_role"
      ? {
          type: "organisation_role",
          user_id: role.userId,
          organisation_id: role.scopeId,
          role: role.role,
          granted_at: iso(role.grantedAt),
          revoked_at: at(role.revokedAt)
        }
      : {
          type: "clinic_role",
          user_id: role.userId,
          clinic_id: role.scopeId,
          role: role.role,
          granted_at: iso(role.grantedAt),
          revoked_at: at(role.revokedAt)
        }
  }
  for (const org of plan.orgs) {
    for (const c of org.clinics) {
      for (const room of c.rooms) {
        yield {
          type: "room",
          id: room.id,
          clinic_id: c.id,
          kind: room.kind,
          name: room.name,
          owner_user_id: room.owner?.id ?? null,
          created_at: iso(room.createdAt),
          deleted_at: at(room.deletedAt),
          tags: room.tags
        }
      }
    }
  }
}
