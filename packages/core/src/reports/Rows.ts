/**
 * Rows of the six reports (SPEC §6, R38–R60), as plain cells (R71): instants shown in the run's zone,
 * durations in whole seconds, blanks as null. Detail reports stream; aggregates are built from one
 * activity pass.
 */
import type { Cell, Row } from "../Column.ts"
import type { SegmentParticipant } from "../Facts.ts"
import type { Bandwidth, ClinicRole, ClinicRoleName, OrganisationRole, OrganisationRoleName, RoleName } from "../Records.ts"
import { compareBlankFirst, compareCodePoints } from "../Order.ts"
import type { ReportDefinition, ReportId } from "../Report.ts"
import * as Activity from "./Activity.ts"
import * as Definitions from "./Definitions.ts"
import * as Run from "./Run.ts"

/** Role names as shown (R58), in the order of the summary (R52). */
export const roleTitles: ReadonlyArray<readonly [RoleName, string, "Organisation" | "Clinic"]> = [
  ["organisation_admin", "Organisation Admin", "Organisation"],
  ["organisation_coordinator", "Organisation Coordinator", "Organisation"],
  ["organisation_reporter", "Organisation Reporter", "Organisation"],
  ["clinic_admin", "Clinic Admin", "Clinic"],
  ["clinic_clerk", "Clinic Clerk", "Clinic"],
  ["team_member", "Team Member", "Clinic"],
  ["service_referrer", "Service Referrer", "Clinic"]
]
const roleOrder = new Map(roleTitles.map(([r], i) => [r, i]))

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** The definition of a report for a run (bandwidth and tag columns resolved). */
export const definition = (ctx: Run.RunContext, id: ReportId): ReportDefinition =>
  Definitions.resolve(Definitions.byId(id), { bandwidth: ctx.bandwidth, tags: ctx.tags })


const tagCells = (ctx: Run.RunContext, ...sources: Array<Readonly<Record<string, string | null>> | undefined>): Record<string, Cell> => {
  const out: Record<string, Cell> = {}
  for (const t of ctx.tags) {
    let value: string | null = null
    for (const s of sources) {
      const v = s?.[t.key]
      if (v !== undefined && v !== null) {
        value = v
        break
      }
    }
    out[`tag:${t.key}`] = value
  }
  return out
}

const bandwidthKeys = Definitions.bandwidthColumns.map((c) => c.key)
/** Organisations (SPEC §6): one row per organisation in scope. */
const organisations = async function* (ctx: Run.RunContext): AsyncGenerator<Row> {
  const activity = await Activity.of(ctx)
  const f = ctx.clock
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
      clinicSessions += a?.sessions.size ?? 0
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
      created_time: f(org.created_at),
      deleted_time: f(org.deleted_at),
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

/** Clinics (SPEC §6, R38): one row per clinic that existed at any time in the range. */
const clinics = async function* (ctx: Run.RunContext): AsyncGenerator<Row> {
  const activity = await Activity.of(ctx)
  const f = ctx.clock
  const listed = ctx.clinics.filter((c) => Run.existedInRange(ctx, c.created_at, c.deleted_at))
  const last = await ctx.source.lastClinicConsultations(listed.map((c) => c.id), ctx.parameters.rangeEnd, Run.countedThresholdMs(ctx))
  const rows = listed.map((c) => ({ clinic: c, org: ctx.organisationById.get(c.organisation_id)! }))
  rows.sort((a, b) => Run.compareNamed(a.org, b.org) || Run.compareNamed(a.clinic, b.clinic))
  for (const { clinic: c, org } of rows) {
    const a = activity.clinics.get(c.id)
    const roles = ctx.directory.clinicRoles.filter((r) => r.clinic_id === c.id)
    const members = new Set(roles.filter((r) => Run.holderAtEnd(ctx, r)).map((r) => r.user_id))
    const newMembers = new Set(roles.filter((r) => Run.inRange(ctx, r.granted_at)).map((r) => r.user_id))
    const sessions = a?.sessions.size ?? 0
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
      created_time: f(c.created_at),
      deleted_time: f(c.deleted_at),
      last_consultation_time: f(last.get(c.id) ?? null),
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
      ...tagCells(ctx, c.tags)
    }
  }
}

type AnyRole = OrganisationRole | ClinicRole

/** Service Providers (SPEC §6, R53, R54). */
const serviceProviders = async function* (ctx: Run.RunContext): AsyncGenerator<Row> {
  const activity = await Activity.of(ctx)
  const f = ctx.clock
  const { rangeStart, rangeEnd } = ctx.parameters
  const clinicLevel = ctx.parameters.clinicId !== null
  const lastConsultations = await ctx.source.lastProviderConsultations(ctx.clinics.map((c) => c.id), rangeEnd, Run.countedThresholdMs(ctx))
  const lastByKey = new Map(lastConsultations.map((l) => [`${l.clinic_id}\u0000${l.user_id}`, l.at]))
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
  const logins = await ctx.source.logins([...userIds], rangeStart, rangeEnd)
  const rows = pending.map((p) => ({
    ...p,
    orgRecord: ctx.organisationById.get(p.org)!,
    user: ctx.directory.users.get(p.userId)!,
    clinic: p.clinicId === null ? undefined : ctx.clinicById.get(p.clinicId)
  }))
  rows.sort(
    (a, b) =>
      Run.compareNamed(a.orgRecord, b.orgRecord) ||
      compareBlankFirst(a.user.name, b.user.name) ||
      compareCodePoints(a.userId, b.userId) ||
      compareBlankFirst(a.clinic?.name ?? null, b.clinic?.name ?? null) ||
      compareBlankFirst(a.clinicId, b.clinicId)
  )
  for (const row of rows) {
    const clinicIds = row.clinicId !== null ? [row.clinicId] : Run.clinicsOf(ctx, row.org).map((c) => c.id)
    const sessions = new Set<string>()
    let ownMs = 0
    const calls = new Set<string>()
    let roomMs = 0
    let last: number | null = null
    for (const clinicId of clinicIds) {
      const a = Activity.provider(activity, clinicId, row.userId)
      a?.sessions.forEach((s) => sessions.add(s))
      a?.roomCalls.forEach((c) => calls.add(c))
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
      access_granted_time: f(stillHeld.length === 0 ? null : Math.min(...stillHeld)),
      account_status: row.user.deactivated_at !== null && row.user.deactivated_at < rangeEnd ? "Deactivated" : "Active",
      consultations: sessions.size,
      consultation_duration: Run.seconds(ownMs),
      last_consultation_time: f(last),
      room_calls: calls.size,
      room_call_duration: Run.seconds(roomMs),
      last_login_time: f(login?.lastBeforeEnd ?? null),
      ...tagCells(ctx, row.clinic?.tags)
    }
  }
}

/** Service Provider Summary (SPEC §6, R55): seven role rows and a total row per organisation. */
const serviceProviderSummary = async function* (ctx: Run.RunContext): AsyncGenerator<Row> {
  const activity = await Activity.of(ctx)
  const { rangeStart, rangeEnd } = ctx.parameters
  const clinicLevel = ctx.parameters.clinicId !== null
  const allUsers = new Set<string>([
    ...ctx.directory.organisationRoles.map((r) => r.user_id),
    ...ctx.directory.clinicRoles.map((r) => r.user_id)
  ])
  const logins = await ctx.source.logins([...allUsers], rangeStart, rangeEnd)
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
      for (const k of ["total", "new", "deactivated", "logged_in", "active"] as const) row[k].forEach((u) => figures[k].add(u))
      yield {
        organisation_name: org.name, role: title, access_level: level,
        total: row.total.size, new: row.new.size, deactivated: row.deactivated.size, logged_in: row.logged_in.size, active: row.active.size
      }
    }
    yield {
      organisation_name: org.name, role: "All Service Providers", access_level: null,
      total: figures.total.size, new: figures.new.size, deactivated: figures.deactivated.size,
      logged_in: figures.logged_in.size, active: figures.active.size
    }
  }
}

const roomTypes = { meeting: "Meeting", group: "Group", user: "User" } as const

/** Meeting and User Room Calls (SPEC §6, R43, R60): one row per participant per call, streamed. */
const roomCalls = async function* (ctx: Run.RunContext): AsyncGenerator<Row> {
  const f = ctx.clock
  const rooms = Run.roomsInScope(ctx)
  const roomById = new Map(rooms.map((r) => [r.id, r]))
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const addExtras = extras(ctx)
  for await (const { call, participants } of ctx.source.roomCalls({ start, end, roomIds: rooms.map((r) => r.id) })) {
    const room = roomById.get(call.room_id)
    if (room === undefined) continue
    const clinic = ctx.clinicById.get(room.clinic_id)!
    const org = ctx.organisationById.get(clinic.organisation_id)
    const owner = room.owner_user_id === null ? undefined : ctx.directory.users.get(room.owner_user_id)
    const shared = {
      organisation_name: org?.name ?? null,
      clinic_id: clinic.id,
      clinic_name: clinic.name,
      room_id: room.id,
      room_name: room.name,
      room_type: roomTypes[room.kind],
      room_owner_name: owner?.name ?? null,
      call_id: call.room_call_id,
      call_start_time: f(call.start_at),
      call_end_time: f(call.end_at),
      call_duration: Run.seconds(call.duration_ms),
      participants_in_call: call.participants
    }
    const meets = Run.meetsMinimum(ctx, call.duration_ms)
    const tags = tagCells(ctx, room.tags, clinic.tags)
    for (const p of participants) {
      const row: Record<string, Cell> = {
        ...shared,
        participant_id: p.participant_id,
        user_name: p.role === "host" && p.user_id !== null ? (ctx.directory.users.get(p.user_id)?.name ?? null) : null,
        participant_type: p.role === "host" ? "Host" : "Guest",
        joined_time: f(p.joined_at),
        left_time: f(p.left_at),
        attendance_duration: Run.seconds(p.attendance_ms),
        meets_minimum_duration: meets,
        incomplete: p.incomplete
      }
      addExtras(row, org?.id, p.bandwidth, tags)
      yield row
    }
  }
}

/** Waiting Area Consultations (SPEC §6, R39, R40, R52, R60): one row per participant per segment, streamed. */
const consultations = (ctx: Run.RunContext) => consultationRows(ctx, false)

/**
 * Consultation rows; with `perSegment`, one row per segment whose participant cells are blank (what the
 * Consultations tile reads: segment-level cells only, R60), from the same code as the report's rows.
 */
const consultationRows = async function* (ctx: Run.RunContext, perSegment: boolean): AsyncGenerator<Row> {
  const f = ctx.clock
  const scope = new Set(ctx.clinics.map((c) => c.id))
  const runOrganisations = new Set(ctx.parameters.organisationIds)
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const addExtras = extras(ctx)
  for await (const bundle of ctx.source.sessions({ start, end, clinicIds: [...scope], participants: !perSegment })) {
    const meets = Run.meetsMinimum(ctx, bundle.session.consultation_ms)
    for (const { segment: g, participants: listed } of bundle.segments) {
      if (!scope.has(g.clinic_id)) continue
      const participants = perSegment ? [blankParticipant] : listed
      const clinic = ctx.clinicById.get(g.clinic_id)!
      const org = ctx.organisationById.get(clinic.organisation_id)
      const target = g.transferred_to_clinic_id === null ? undefined : ctx.clinicById.get(g.transferred_to_clinic_id)
      // Segment-level cells repeat on every row of the segment (R60): computed once.
      const entry = f(g.entry_at)
      const answered = f(g.answered_at)
      const wait = Run.seconds(g.wait_ms)
      const segmentEnd = f(g.end_at)
      const transferTime = f(g.transfer_at)
      const targetName = target !== undefined && runOrganisations.has(target.organisation_id) ? target.name : null
      const consultation = Run.seconds(g.consultation_ms)
      const abandonedTime = f(g.abandoned_at)
      const tags = tagCells(ctx, clinic.tags)
      for (const p of participants) {
        // One object literal with a fixed key order keeps every row the same shape (fast to build and read).
        const row: Record<string, Cell> = {
          organisation_name: org?.name ?? null,
          clinic_id: g.clinic_id,
          clinic_name: clinic.name,
          queued_call_id: g.queued_call_id,
          session_id: g.session_id,
          segment_id: g.segment_id,
          participant_id: p.participant_id,
          waiting_area_entry_time: entry,
          answered_time: answered,
          user_name: p.kind === "host" && p.user_id !== null ? (ctx.directory.users.get(p.user_id)?.name ?? null) : null,
          participant_type: p.kind === "host" ? "Host" : "Caller",
          joined_time: f(p.joined_at),
          left_time: f(p.left_at),
          attendance_duration: Run.seconds(p.attendance_ms),
          wait_duration: wait,
          segment_end_time: segmentEnd,
          transfer_time: transferTime,
          transferred_to_clinic_id: g.transferred_to_clinic_id,
          transferred_to_clinic_name: targetName,
          transferred_to_segment_id: g.transferred_to_segment_id,
          participants_in_segment: g.participants,
          consultation_duration: consultation,
          meets_minimum_duration: meets,
          abandoned: g.abandoned_at !== null,
          abandoned_time: abandonedTime,
          incomplete: p.incomplete
        }
        addExtras(row, org?.id, p.bandwidth, tags)
        yield row
      }
    }
  }
}

const blankParticipant: SegmentParticipant = {
  participant_id: "", appearance: 0, kind: "caller", user_id: null, joined_at: null, left_at: 0, attendance_ms: 0, incomplete: false, bandwidth: null
}

/** One row per segment of the Consultations report, for its tile. */
export const consultationSegments = (ctx: Run.RunContext): AsyncIterable<Row> => consultationRows(ctx, true)

/** Adds the bandwidth cells (when shown, R51) and the tag cells to a row, in column order. */
const extras = (ctx: Run.RunContext) => {
  const tagKeys = ctx.tags.map((t) => `tag:${t.key}`)
  return (row: Record<string, Cell>, organisationId: string | undefined, b: Bandwidth | null, tags: Record<string, Cell>) => {
    if (ctx.bandwidth) {
      const off = organisationId === undefined || ctx.bandwidthOff.has(organisationId) || b === null
      for (let i = 0; i < 6; i++) row[bandwidthKeys[i]!] = off ? null : b![i]!
    }
    for (const k of tagKeys) row[k] = tags[k] ?? null
  }
}

const builders: Record<ReportId, (ctx: Run.RunContext) => AsyncGenerator<Row>> = {
  organisations,
  clinics,
  "service-providers": serviceProviders,
  "service-provider-summary": serviceProviderSummary,
  "room-calls": roomCalls,
  consultations
}

/** The rows of a report for a run, in the report's order (R52). */
export const rows = (ctx: Run.RunContext, id: ReportId): AsyncIterable<Row> => builders[id](ctx)
