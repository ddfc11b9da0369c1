/**
 * The Service Provider Summary report (SPEC §6, R55): seven role rows and a total row per organisation
 * (clinic roles only in a clinic-level run). Its definition, rows and tile.
 */
import * as Column from "../Column.ts"
import type { ClinicRole, ClinicRoleName, OrganisationRole, OrganisationRoleName } from "../Records.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
import * as Activity from "./Activity.ts"
import { roleTitles } from "./Roles.ts"
import * as Run from "./Run.ts"

/** The Service Provider Summary report's definition. */
export const ServiceProviderSummary = Report.make({
  id: "service-provider-summary",
  title: "Service Provider Summary",
  category: "roles",
  grain: "One row per role, then a total row, per organisation",
  columns: {
    organisation_name: Column.string({ header: "Organisation", description: "Name of the organisation" }),
    role: Column.string({ header: "Role", description: "The role, or All Service Providers on the total row" }),
    access_level: Column.string({ header: "Access level", description: "Organisation or Clinic; blank on the total row" }),
    total: Column.integer({ header: "Total", description: "Distinct accounts holding the role at the end of the range (accounts not deactivated)" }),
    new: Column.integer({ header: "New", description: "Distinct accounts granted the role in the range" }),
    deactivated: Column.integer({ header: "Deactivated", description: "Distinct accounts whose role was revoked, or whose account was deactivated while holding it, in the range" }),
    logged_in: Column.integer({ header: "Logged in", description: "Distinct accounts holding the role in the range that logged in during the range" }),
    active: Column.integer({ header: "Active", description: "Distinct accounts holding the role in the range that consulted (as host, with a caller) in a counted session or joined a counted room call as host" })
  },
  translations: { "zh-CN": zhCN.reports["service-provider-summary"] }
})

/** One row of the Service Provider Summary report. */
export type ServiceProviderSummaryRow = Report.RowOf<typeof ServiceProviderSummary>

/** The role of the total row. */
export const totalRole = "All Service Providers"

type AnyRole = OrganisationRole | ClinicRole
const figureKeys = ["total", "new", "deactivated", "logged_in", "active"] as const

/** The rows: per organisation, the roles in summary order, then the total row. */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<ServiceProviderSummaryRow> {
  const { rangeStart, rangeEnd } = ctx.parameters
  const clinicLevel = ctx.parameters.clinicId !== null
  const allUsers = new Set<string>([
    ...ctx.directory.organisationRoles.map((r) => r.user_id),
    ...ctx.directory.clinicRoles.map((r) => r.user_id)
  ])
  // The look-up runs while the activity is gathered (on PostgreSQL, on another connection).
  const [activity, logins] = await Promise.all([Activity.of(ctx), ctx.source.logins([...allUsers], rangeStart, rangeEnd)])
  for (const org of ctx.organisations) {
    const clinicIds = new Set(Run.clinicsOf(ctx, org.id).map((c) => c.id))
    const active = new Set<string>()
    for (const id of clinicIds) activity.activeByClinic.get(id)?.forEach((u) => active.add(u))
    const figures = { total: new Set<string>(), new: new Set<string>(), deactivated: new Set<string>(), logged_in: new Set<string>(), active: new Set<string>() }
    const rolesShown = roleTitles.filter(([, , level]) => !clinicLevel || level === "Clinic")
    for (const [role, title, level] of rolesShown) {
      const records: Array<AnyRole> =
        level === "Organisation"
          ? ctx.directory.organisationRoles.filter((r) => r.organisation_id === org.id && r.role === (role as OrganisationRoleName))
          : ctx.directory.clinicRoles.filter((r) => clinicIds.has(r.clinic_id) && r.role === (role as ClinicRoleName))
      const row = { total: new Set<string>(), new: new Set<string>(), deactivated: new Set<string>(), logged_in: new Set<string>(), active: new Set<string>() }
      for (const r of records) {
        if (Run.holderAtEnd(ctx, r)) row.total.add(r.user_id)
        if (Run.inRange(ctx, r.granted_at)) row.new.add(r.user_id)
        const user = ctx.directory.users.get(r.user_id)
        const deactivated = user?.deactivated_at ?? null
        if (
          Run.inRange(ctx, r.revoked_at) ||
          (deactivated !== null && Run.inRange(ctx, deactivated) && r.granted_at <= deactivated && (r.revoked_at === null || r.revoked_at >= deactivated))
        ) row.deactivated.add(r.user_id)
        if (Run.heldInRange(ctx, r)) {
          if (logins.get(r.user_id)?.inRange === true) row.logged_in.add(r.user_id)
          if (active.has(r.user_id)) row.active.add(r.user_id)
        }
      }
      for (const k of figureKeys) row[k].forEach((u) => figures[k].add(u))
      yield {
        organisation_name: org.name, role: title, access_level: level,
        total: row.total.size, new: row.new.size, deactivated: row.deactivated.size, logged_in: row.logged_in.size, active: row.active.size
      }
    }
    yield {
      organisation_name: org.name, role: totalRole, access_level: null,
      total: figures.total.size, new: figures.new.size, deactivated: figures.deactivated.size,
      logged_in: figures.logged_in.size, active: figures.active.size
    }
  }
}

/** The Service Provider Summary tile (SPEC §7): the total rows' figures, summed over organisations. */
export const fold = async (rows: AsyncIterable<ServiceProviderSummaryRow>) => {
  const f = { total: 0, new: 0, deactivated: 0, logged_in: 0, active: 0 }
  for await (const r of rows) {
    if (r.role !== totalRole) continue
    for (const k of figureKeys) f[k] += r[k] ?? 0
  }
  return f
}
