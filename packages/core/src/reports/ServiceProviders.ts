/**
 * The Service Providers report (SPEC §6, R53, R54): one row per account holder per clinic, and a blank-clinic
 * row for holders of organisation roles only; tag columns (R50). Its definition, rows and tile.
 */
import * as Column from "../Column.ts"
import { compareBlankFirst, compareCodePoints } from "../Order.ts"
import type { ClinicRole, OrganisationRole } from "../Records.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
import * as Activity from "./Activity.ts"
import { noTags } from "./Extensions.ts"
import { roleOrder, roleTitles } from "./Roles.ts"
import * as Run from "./Run.ts"

/** The Service Providers report's definition. */
export const ServiceProviders = Report.make({
  id: "service-providers",
  title: "Service Providers",
  category: "roles",
  grain: "One row per account holder per clinic (a blank-clinic row for holders of organisation roles only)",
  tags: true,
  columns: {
    organisation_name: Column.string({ header: "Organisation", description: "Name of the organisation" }),
    user_id: Column.string({ header: "User ID", description: "Stable identifier of the account" }),
    user_name: Column.string({ header: "User", description: "Name of the account" }),
    email: Column.string({ header: "Email", description: "Email address of the account" }),
    clinic_id: Column.string({ header: "Clinic ID", description: "Clinic of the roles; blank on the row of a holder of organisation roles only" }),
    clinic_name: Column.string({ header: "Clinic", description: "Name of the clinic; blank on the row of a holder of organisation roles only" }),
    roles: Column.string({ header: "Roles", description: "Roles held in this clinic (or in the organisation) at any time in the range, separated by '; '" }),
    access_granted_time: Column.instant({ header: "Access granted", description: "Earliest grant among those roles that is still held at the end of the range; blank if none is held" }),
    account_status: Column.string({ header: "Account status", description: "Active, or Deactivated if deactivated before the end of the range" }),
    consultations: Column.integer({ header: "Consultations", description: "Counted sessions of the range in which this provider, as host in this clinic (any clinic of the organisation on a blank-clinic row), was together with a caller" }),
    consultation_duration: Column.seconds({ header: "Consultation time", description: "The provider's own time together with at least one caller in those sessions" }),
    last_consultation_time: Column.instant({ header: "Last consultation", description: "Start of the provider's latest own consultation time in a counted session that entered before the end of the range (any earlier date included); blank if none" }),
    room_calls: Column.integer({ header: "Room calls", description: "Counted room calls of the range, in rooms of this clinic, that the provider joined as host" }),
    room_call_duration: Column.seconds({ header: "Room call time", description: "The provider's own attendance in those room calls" }),
    last_login_time: Column.instant({ header: "Last login", description: "Latest login before the end of the range; blank if none" })
  },
  translations: { "zh-CN": zhCN.reports["service-providers"] }
})

/** One row of the Service Providers report. */
export type ServiceProvidersRow = Report.RowOf<typeof ServiceProviders>

type AnyRole = OrganisationRole | ClinicRole

/** The rows, by organisation, user name, user id, clinic name, clinic id (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<ServiceProvidersRow> {
  const { rangeStart, rangeEnd } = ctx.parameters
  const clinicLevel = ctx.parameters.clinicId !== null
  // The look-ups run while the activity is gathered (on PostgreSQL, on other connections); awaited together below,
  // before anything else is awaited.
  const lastConsultationsRead = ctx.source.lastProviderConsultations(ctx.clinics.map((c) => c.id), rangeEnd, Run.countedThresholdMs(ctx))
  const userIds = new Set<string>()
  type Pending = { org: string; userId: string; clinicId: string | null; roles: Array<AnyRole> }
  const pending: Array<Pending> = []
  for (const org of ctx.organisations) {
    const clinics = Run.clinicsOf(ctx, org.id)
    const clinicIds = new Set(clinics.map((c) => c.id))
    const byUserClinic = new Map<string, Pending>()
    const clinicHolders = new Set<string>()
    for (const r of ctx.directory.clinicRoles) {
      if (!clinicIds.has(r.clinic_id) || !Run.heldInRange(ctx, r) || !ctx.directory.users.has(r.user_id)) continue
      clinicHolders.add(r.user_id)
      const key = `${r.user_id}\u0000${r.clinic_id}`
      const p = byUserClinic.get(key) ?? { org: org.id, userId: r.user_id, clinicId: r.clinic_id, roles: [] }
      p.roles.push(r)
      byUserClinic.set(key, p)
    }
    pending.push(...byUserClinic.values())
    if (!clinicLevel) {
      const orgOnly = new Map<string, Pending>()
      for (const r of ctx.directory.organisationRoles) {
        if (r.organisation_id !== org.id || !Run.heldInRange(ctx, r) || clinicHolders.has(r.user_id) || !ctx.directory.users.has(r.user_id)) continue
        const p = orgOnly.get(r.user_id) ?? { org: org.id, userId: r.user_id, clinicId: null, roles: [] }
        p.roles.push(r)
        orgOnly.set(r.user_id, p)
      }
      pending.push(...orgOnly.values())
    }
  }
  pending.forEach((p) => userIds.add(p.userId))
  const [activity, lastConsultations, logins] = await Promise.all([
    Activity.of(ctx), lastConsultationsRead, ctx.source.logins([...userIds], rangeStart, rangeEnd)
  ])
  const lastByKey = new Map(lastConsultations.map((l) => [`${l.clinic_id}\u0000${l.user_id}`, l.at]))
  const ordered = pending.map((p) => ({
    ...p,
    orgRecord: ctx.organisationById.get(p.org)!,
    user: ctx.directory.users.get(p.userId)!,
    clinic: p.clinicId === null ? undefined : ctx.clinicById.get(p.clinicId)
  }))
  ordered.sort(
    (a, b) =>
      Run.compareNamed(a.orgRecord, b.orgRecord) ||
      compareBlankFirst(a.user.name, b.user.name) ||
      compareCodePoints(a.userId, b.userId) ||
      compareBlankFirst(a.clinic?.name ?? null, b.clinic?.name ?? null) ||
      compareBlankFirst(a.clinicId, b.clinicId)
  )
  for (const row of ordered) {
    const clinicIds = row.clinicId !== null ? [row.clinicId] : Run.clinicsOf(ctx, row.org).map((c) => c.id)
    // Distinct sessions: of the clinic, or on a blank-clinic row of any clinic of the organisation (a session may
    // pass through several). Room calls add up: each call is in one room, so in one clinic.
    const sessions = row.clinicId !== null
      ? (Activity.provider(activity, row.clinicId, row.userId)?.sessions ?? 0)
      : Activity.organisationProvider(activity, row.org, row.userId)
    let ownMs = 0
    let calls = 0
    let roomMs = 0
    let last: number | null = null
    for (const clinicId of clinicIds) {
      const a = Activity.provider(activity, clinicId, row.userId)
      calls += a?.roomCalls ?? 0
      ownMs += a?.ownMs ?? 0
      roomMs += a?.roomMs ?? 0
      const l = lastByKey.get(`${clinicId}\u0000${row.userId}`)
      if (l !== undefined && (last === null || l > last)) last = l
    }
    const names = [...new Set(row.roles.map((r) => r.role))].sort((a, b) => roleOrder.get(a)! - roleOrder.get(b)!)
    const stillHeld = row.roles.filter((r) => Run.existsAtEnd(ctx, r.granted_at, r.revoked_at)).map((r) => r.granted_at)
    const login = logins.get(row.userId)
    yield {
      organisation_name: row.orgRecord.name,
      user_id: row.userId,
      user_name: row.user.name,
      email: row.user.email,
      clinic_id: row.clinicId,
      clinic_name: row.clinic?.name ?? null,
      roles: names.map((n) => roleTitles[roleOrder.get(n)!]![1]).join("; "),
      access_granted_time: stillHeld.length === 0 ? null : Math.min(...stillHeld),
      account_status: row.user.deactivated_at !== null && row.user.deactivated_at < rangeEnd ? "Deactivated" : "Active",
      consultations: sessions,
      consultation_duration: Run.seconds(ownMs),
      last_consultation_time: last,
      room_calls: calls,
      room_call_duration: Run.seconds(roomMs),
      last_login_time: login?.lastBeforeEnd ?? null,
      tags: row.clinic?.tags ?? noTags
    }
  }
}

/** The Service Providers tile (SPEC §7): distinct accounts, and those that consulted. */
export const fold = async (rows: AsyncIterable<ServiceProvidersRow>) => {
  const all = new Set<string | null>()
  const consulted = new Set<string | null>()
  for await (const r of rows) {
    all.add(r.user_id)
    if ((r.consultations ?? 0) > 0) consulted.add(r.user_id)
  }
  return { service_providers: all.size, service_providers_consulted: consulted.size }
}
