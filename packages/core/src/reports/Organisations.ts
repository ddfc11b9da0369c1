/**
 * The Organisations report (SPEC §6): one row per organisation in scope, its definition, its rows from the
 * run's activity, and its tile (R61–R68), which folds the same rows.
 */
import * as Column from "../Column.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
import * as Activity from "./Activity.ts"
import * as Run from "./Run.ts"

/** The Organisations report's definition. */
export const Organisations = Report.make({
  id: "organisations",
  title: "Organisations",
  category: "entities",
  grain: "One row per organisation in scope",
  columns: {
    organisation_id: Column.string({ header: "Organisation ID", description: "Stable identifier of the organisation" }),
    organisation_name: Column.string({ header: "Organisation", description: "Name of the organisation" }),
    state: Column.string({ header: "State", description: "State of the organisation" }),
    specialty: Column.string({ header: "Specialty", description: "Specialty of the organisation" }),
    contract: Column.string({ header: "Contract", description: "Contract of the organisation" }),
    created_time: Column.instant({ header: "Created", description: "When the organisation was created" }),
    deleted_time: Column.instant({ header: "Deleted", description: "When the organisation was deleted; blank if it has not been" }),
    user_accounts: Column.integer({ header: "User accounts", description: "Distinct accounts that, at the end of the range, are not deactivated and hold at least one role in the organisation or in one of its clinics" }),
    waiting_areas: Column.integer({ header: "Waiting areas", description: "Clinics (one waiting area each) existing at the end of the range" }),
    new_waiting_areas: Column.integer({ header: "New waiting areas", description: "Clinics created in the range" }),
    deleted_waiting_areas: Column.integer({ header: "Deleted waiting areas", description: "Clinics deleted in the range" }),
    service_providers_consulted: Column.integer({ header: "Service providers consulted", description: "Distinct accounts that, as host, were together with a caller in a counted session of the range" }),
    consultations: Column.integer({ header: "Consultations", description: "Counted sessions (answered, consultation time at least the minimum) that entered a waiting area of this organisation in the range" }),
    consultation_duration: Column.seconds({ header: "Consultation time", description: "Total consultation time of those sessions, over all their segments" }),
    meeting_rooms: Column.integer({ header: "Meeting rooms", description: "Rooms of any kind (meeting, group, user) existing at the end of the range" }),
    new_meeting_rooms: Column.integer({ header: "New meeting rooms", description: "Rooms of any kind created in the range" }),
    deleted_meeting_rooms: Column.integer({ header: "Deleted meeting rooms", description: "Rooms of any kind deleted in the range" }),
    room_calls: Column.integer({ header: "Room calls", description: "Room calls that started in the range and last at least the minimum duration" }),
    room_call_duration: Column.seconds({ header: "Room call time", description: "Total duration of those room calls" })
  },
  translations: { "zh-CN": zhCN.reports.organisations }
})

/** One row of the Organisations report. */
export type OrganisationsRow = Report.RowOf<typeof Organisations>

/** The rows: one per organisation in scope, by name then id (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<OrganisationsRow> {
  const activity = await Activity.of(ctx)
  for (const org of ctx.organisations) {
    const clinics = Run.clinicsOf(ctx, org.id)
    const clinicIds = new Set(clinics.map((c) => c.id))
    const clinicLevel = ctx.parameters.clinicId !== null
    const accounts = new Set<string>()
    if (!clinicLevel) {
      for (const r of ctx.directory.organisationRoles) if (r.organisation_id === org.id && Run.holderAtEnd(ctx, r)) accounts.add(r.user_id)
    }
    for (const r of ctx.directory.clinicRoles) if (clinicIds.has(r.clinic_id) && Run.holderAtEnd(ctx, r)) accounts.add(r.user_id)
    const consulted = new Set<string>()
    let clinicSessions = 0
    let clinicMs = 0
    for (const c of clinics) {
      const a = activity.clinics.get(c.id)
      a?.consulted.forEach((u) => consulted.add(u))
      clinicSessions += a?.sessions ?? 0
      clinicMs += a?.consultationMs ?? 0
    }
    const owned = activity.organisationSessions.get(org.id) ?? { count: 0, ms: 0 }
    const rooms = ctx.directory.rooms.filter((r) => clinicIds.has(r.clinic_id))
    let roomCalls = 0
    let roomMs = 0
    for (const r of rooms) {
      const a = activity.rooms.get(r.id)
      roomCalls += a?.calls ?? 0
      roomMs += a?.durationMs ?? 0
    }
    yield {
      organisation_id: org.id,
      organisation_name: org.name,
      state: org.state,
      specialty: org.specialty,
      contract: org.contract,
      created_time: org.created_at,
      deleted_time: org.deleted_at,
      user_accounts: accounts.size,
      waiting_areas: clinics.filter((c) => Run.existsAtEnd(ctx, c.created_at, c.deleted_at)).length,
      new_waiting_areas: clinics.filter((c) => Run.inRange(ctx, c.created_at)).length,
      deleted_waiting_areas: clinics.filter((c) => Run.inRange(ctx, c.deleted_at)).length,
      service_providers_consulted: consulted.size,
      consultations: clinicLevel ? clinicSessions : owned.count,
      consultation_duration: Run.seconds(clinicLevel ? clinicMs : owned.ms),
      meeting_rooms: rooms.filter((r) => Run.existsAtEnd(ctx, r.created_at, r.deleted_at)).length,
      new_meeting_rooms: rooms.filter((r) => Run.inRange(ctx, r.created_at)).length,
      deleted_meeting_rooms: rooms.filter((r) => Run.inRange(ctx, r.deleted_at)).length,
      room_calls: roomCalls,
      room_call_duration: Run.seconds(roomMs)
    }
  }
}

/** The Organisations tile (SPEC §7): organisations, and sums of the rows' figures. */
export const fold = async (rows: AsyncIterable<OrganisationsRow>) => {
  const f = { organisations: 0, user_accounts: 0, waiting_areas: 0, consultations: 0, consultation_duration: 0 }
  for await (const r of rows) {
    f.organisations++
    f.user_accounts += r.user_accounts ?? 0
    f.waiting_areas += r.waiting_areas ?? 0
    f.consultations += r.consultations ?? 0
    f.consultation_duration += r.consultation_duration ?? 0
  }
  return f
}
