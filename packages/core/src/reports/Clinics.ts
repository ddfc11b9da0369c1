/**
 * The Clinics report (SPEC §6, R38): one row per clinic that existed at any time in the range, with tag
 * columns (R50); its definition, its rows from the run's activity, and its tile.
 */
import * as Column from "../Column.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
import * as Activity from "./Activity.ts"
import * as Run from "./Run.ts"

/** The Clinics report's definition. */
export const Clinics = Report.make({
  id: "clinics",
  title: "Clinics",
  category: "entities",
  grain: "One row per clinic that existed at any time in the range",
  tags: true,
  columns: {
    organisation_name: Column.string({ header: "Organisation", description: "Name of the clinic's organisation" }),
    clinic_id: Column.string({ header: "Clinic ID", description: "Stable identifier of the clinic" }),
    clinic_name: Column.string({ header: "Clinic", description: "Name of the clinic" }),
    subdomain: Column.string({ header: "Subdomain", description: "Subdomain of the clinic" }),
    waiting_area_status: Column.string({ header: "Waiting area status", description: "Open or Closed, as currently configured" }),
    state: Column.string({ header: "State", description: "State of the clinic" }),
    specialty: Column.string({ header: "Specialty", description: "Specialty of the clinic" }),
    contract: Column.string({ header: "Contract", description: "Contract of the clinic" }),
    consultation_name: Column.string({ header: "Consultation name", description: "Name given to consultations in this clinic" }),
    created_time: Column.instant({ header: "Created", description: "When the clinic was created" }),
    deleted_time: Column.instant({ header: "Deleted", description: "When the clinic was deleted; blank if it has not been" }),
    last_consultation_time: Column.instant({ header: "Last consultation", description: "Answer time in this clinic of the latest counted session that entered before the end of the range (any earlier date included); blank if none" }),
    members: Column.integer({ header: "Members", description: "Distinct accounts holding a role in this clinic at the end of the range (accounts not deactivated)" }),
    members_consulted: Column.integer({ header: "Members consulted", description: "Distinct accounts that, as host in this clinic, were together with a caller in a counted session of the range" }),
    new_members: Column.integer({ header: "New members", description: "Distinct accounts granted a role in this clinic in the range" }),
    consultations: Column.integer({ header: "Consultations", description: "Counted sessions of the range answered in this clinic (a session counts once per clinic)" }),
    consultation_duration: Column.seconds({ header: "Consultation time", description: "Consultation time of those sessions spent in this clinic" }),
    average_consultation_duration: Column.seconds({ header: "Average consultation", description: "Consultation time divided by consultations, to the nearest second; blank if none" }),
    average_wait_duration: Column.seconds({ header: "Average wait", description: "Mean wait (entry to answer) of the answered segments of counted sessions in this clinic, to the nearest second; blank if none" }),
    abandoned_calls: Column.integer({ header: "Abandoned calls", description: "Segments of sessions of the range in this clinic whose caller left while waiting, never answered and not transferred (the minimum duration does not apply)" }),
    transfers_in: Column.integer({ header: "Transfers in", description: "Segments of counted sessions transferred into this clinic" }),
    transfers_out: Column.integer({ header: "Transfers out", description: "Segments of counted sessions transferred out of this clinic" })
  },
  translations: { "zh-CN": zhCN.reports.clinics }
})

/** One row of the Clinics report. */
export type ClinicsRow = Report.RowOf<typeof Clinics>

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** The rows: one per clinic that existed in the range, by organisation then clinic, name then id (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<ClinicsRow> {
  const listed = ctx.clinics.filter((c) => Run.existedInRange(ctx, c.created_at, c.deleted_at))
  // The look-up runs while the activity is gathered (on PostgreSQL, on another connection).
  const [activity, last] = await Promise.all([
    Activity.of(ctx),
    ctx.source.lastClinicConsultations(listed.map((c) => c.id), ctx.parameters.rangeEnd, Run.countedThresholdMs(ctx))
  ])
  const ordered = listed.map((c) => ({ clinic: c, org: ctx.organisationById.get(c.organisation_id)! }))
  ordered.sort((a, b) => Run.compareNamed(a.org, b.org) || Run.compareNamed(a.clinic, b.clinic))
  for (const { clinic: c, org } of ordered) {
    const a = activity.clinics.get(c.id)
    const roles = ctx.directory.clinicRoles.filter((r) => r.clinic_id === c.id)
    const members = new Set(roles.filter((r) => Run.holderAtEnd(ctx, r)).map((r) => r.user_id))
    const newMembers = new Set(roles.filter((r) => Run.inRange(ctx, r.granted_at)).map((r) => r.user_id))
    const sessions = a?.sessions ?? 0
    yield {
      organisation_name: org.name,
      clinic_id: c.id,
      clinic_name: c.name,
      subdomain: c.subdomain,
      waiting_area_status: capitalise(c.status),
      state: c.state,
      specialty: c.specialty,
      contract: c.contract,
      consultation_name: c.consultation_name,
      created_time: c.created_at,
      deleted_time: c.deleted_at,
      last_consultation_time: last.get(c.id) ?? null,
      members: members.size,
      members_consulted: a?.consulted.size ?? 0,
      new_members: newMembers.size,
      consultations: sessions,
      consultation_duration: Run.seconds(a?.consultationMs ?? 0),
      average_consultation_duration: Run.averageSeconds(a?.consultationMs ?? 0, sessions),
      average_wait_duration: Run.averageSeconds(a?.waitMs ?? 0, a?.waits ?? 0),
      abandoned_calls: a?.abandoned ?? 0,
      transfers_in: a?.transfersIn ?? 0,
      transfers_out: a?.transfersOut ?? 0,
      tags: c.tags
    }
  }
}

/** The Clinics tile (SPEC §7). */
export const fold = async (rows: AsyncIterable<ClinicsRow>) => {
  const f = { clinics: 0, clinics_with_consultations: 0, abandoned_calls: 0, transfers_out: 0 }
  for await (const r of rows) {
    f.clinics++
    if ((r.consultations ?? 0) > 0) f.clinics_with_consultations++
    f.abandoned_calls += r.abandoned_calls ?? 0
    f.transfers_out += r.transfers_out ?? 0
  }
  return f
}
