/** Role names as reports show them (R58), in the order of the Service Provider Summary (R52). */
import type { RoleName } from "../Records.ts"

/** Each role with its title and access level, in summary order. */
export const roleTitles: ReadonlyArray<readonly [RoleName, string, "Organisation" | "Clinic"]> = [
  ["organisation_admin", "Organisation Admin", "Organisation"],
  ["organisation_coordinator", "Organisation Coordinator", "Organisation"],
  ["organisation_reporter", "Organisation Reporter", "Organisation"],
  ["clinic_admin", "Clinic Admin", "Clinic"],
  ["clinic_clerk", "Clinic Clerk", "Clinic"],
  ["team_member", "Team Member", "Clinic"],
  ["service_referrer", "Service Referrer", "Clinic"]
]

/** A role's position in summary order. */
export const roleOrder: ReadonlyMap<RoleName, number> = new Map(roleTitles.map(([r], i) => [r, i]))
