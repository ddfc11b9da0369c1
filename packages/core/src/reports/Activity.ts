/**
 * One pass over a run's sessions and room calls that gathers what the aggregate reports count (SPEC §5,
 * R38–R44): per organisation, per clinic and per provider. Computed once per run and shared by the
 * Organisations, Clinics, Service Providers and Service Provider Summary reports. Distinct sessions are counted
 * session by session (the stream gives each session once, whole), so memory holds clinics, rooms and accounts,
 * never the sessions of the range.
 */
import type { RoomCallBundle, SessionFigures } from "../Facts.ts"
import * as Run from "./Run.ts"

/** Counted figures of one clinic. */
export interface ClinicActivity {
  /** Distinct counted sessions answered in the clinic. */
  sessions: number
  consultationMs: number
  waitMs: number
  waits: number
  abandoned: number
  transfersIn: number
  transfersOut: number
  readonly consulted: Set<string>
}

/** A provider's activity in one clinic. */
export interface ProviderActivity {
  /** Distinct counted sessions in which the provider consulted in the clinic. */
  sessions: number
  ownMs: number
  /** Distinct counted room calls hosted in the clinic's rooms (a call has one room, each host once). */
  roomCalls: number
  roomMs: number
}

/** A room's counted calls. */
export interface RoomActivity {
  calls: number
  durationMs: number
}

export interface Activity {
  /** Counted sessions owned by each organisation (first segment's clinic), with their whole consultation time. */
  readonly organisationSessions: Map<string, { count: number; ms: number }>
  readonly clinics: Map<string, ClinicActivity>
  /** By clinic, then user. */
  readonly providers: Map<string, Map<string, ProviderActivity>>
  /** Distinct counted sessions in which a provider consulted in any clinic of an organisation, by organisation, then user. */
  readonly organisationProviderSessions: Map<string, Map<string, { sessions: number }>>
  readonly rooms: Map<string, RoomActivity>
  /** Accounts that consulted (R41) or hosted a counted room call (R44), per clinic. */
  readonly activeByClinic: Map<string, Set<string>>
}

const getOr = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let v = map.get(key)
  if (v === undefined) {
    v = make()
    map.set(key, v)
  }
  return v
}

const newClinic = (): ClinicActivity => ({
  sessions: 0, consultationMs: 0, waitMs: 0, waits: 0, abandoned: 0, transfersIn: 0, transfersOut: 0, consulted: new Set()
})
const newProvider = (): ProviderActivity => ({ sessions: 0, ownMs: 0, roomCalls: 0, roomMs: 0 })
const newCounter = () => ({ sessions: 0 })
const newSet = () => new Set<string>()

/** Readers of the same pass: each session and each room call of the run, as read (see Tiles). */
export interface Observers {
  readonly session?: (session: SessionFigures) => void
  readonly call?: (bundle: RoomCallBundle) => void
}

/**
 * What a segment of a clinic in scope updates, found with one look-up of its clinic id (a range has a few clinics
 * and a great many segments). The provider maps of every clinic in scope (and of its organisation) are made up
 * front, empty until a segment fills them; a clinic's own activity and active set are made on first use, as the
 * reports expect (a clinic without activity has neither). Readers look entries up with `get`, so an empty map
 * reads as no activity.
 */
interface ClinicState {
  readonly id: string
  readonly providers: Map<string, ProviderActivity>
  /** The providers of the clinic's organisation, when it is known. */
  readonly organisationProviders: Map<string, { sessions: number }> | undefined
  clinic: ClinicActivity | undefined
  active: Set<string> | undefined
}

const gather = async (ctx: Run.RunContext, observers: Observers): Promise<Activity> => {
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const scope = new Set(ctx.clinics.map((c) => c.id))
  const activity: Activity = {
    organisationSessions: new Map(),
    clinics: new Map(),
    providers: new Map(),
    organisationProviderSessions: new Map(),
    rooms: new Map(),
    activeByClinic: new Map()
  }
  const states = new Map<string, ClinicState>()
  for (const id of scope) {
    const organisation = ctx.clinicById.get(id)?.organisation_id
    states.set(id, {
      id,
      providers: getOr(activity.providers, id, () => new Map()),
      organisationProviders: organisation === undefined ? undefined : getOr(activity.organisationProviderSessions, organisation, () => new Map()),
      clinic: undefined,
      active: undefined
    })
  }
  const clinicOf = (state: ClinicState): ClinicActivity => {
    if (state.clinic === undefined) activity.clinics.set(state.id, (state.clinic = newClinic()))
    return state.clinic
  }
  const activeOf = (state: ClinicState): Set<string> => (state.active ??= getOr(activity.activeByClinic, state.id, newSet))
  // The clinics, providers and organisation providers a session counts for, each once per session.
  const clinicsOfSession: Array<ClinicActivity> = []
  const providersOfSession: Array<ProviderActivity> = []
  const organisationProvidersOfSession: Array<{ sessions: number }> = []
  for await (const batch of ctx.source.sessionFigures({ start, end, clinicIds: [...scope] })) {
    for (const session of batch) {
      observers.session?.(session)
      const counted = Run.isCounted(ctx, session.consultation_ms)
      const owner = ctx.clinicById.get(session.first_clinic_id)?.organisation_id
      if (counted && owner !== undefined && scope.has(session.first_clinic_id)) {
        const o = getOr(activity.organisationSessions, owner, () => ({ count: 0, ms: 0 }))
        o.count++
        o.ms += session.consultation_ms
      }
      clinicsOfSession.length = 0
      providersOfSession.length = 0
      organisationProvidersOfSession.length = 0
      for (const segment of session.segments) {
        const state = states.get(segment.clinic_id)
        if (state === undefined) continue
        const clinic = clinicOf(state)
        if (segment.abandoned_at !== null) clinic.abandoned++
        if (!counted) continue
        clinic.consultationMs += segment.consultation_ms
        if (segment.answered_at !== null) {
          if (!clinicsOfSession.includes(clinic)) clinicsOfSession.push(clinic)
          clinic.waitMs += segment.wait_ms
          clinic.waits++
        }
        if (segment.transferred_in) clinic.transfersIn++
        if (segment.transfer_at !== null) clinic.transfersOut++
        for (const host of segment.hosts) {
          if (host.own_ms <= 0) continue
          const user = host.user_id
          clinic.consulted.add(user)
          activeOf(state).add(user)
          const p = getOr(state.providers, user, newProvider)
          if (!providersOfSession.includes(p)) providersOfSession.push(p)
          p.ownMs += host.own_ms
          if (state.organisationProviders !== undefined) {
            const o = getOr(state.organisationProviders, user, newCounter)
            if (!organisationProvidersOfSession.includes(o)) organisationProvidersOfSession.push(o)
          }
        }
      }
      for (const c of clinicsOfSession) c.sessions++
      for (const p of providersOfSession) p.sessions++
      for (const o of organisationProvidersOfSession) o.sessions++
    }
  }
  const rooms = Run.roomsInScope(ctx)
  const roomClinic = new Map(rooms.map((r) => [r.id, r.clinic_id]))
  for await (const bundle of ctx.source.roomCalls({ start, end, roomIds: rooms.map((r) => r.id), participants: false })) {
    observers.call?.(bundle)
    const { call } = bundle
    if (!Run.meetsMinimum(ctx, call.duration_ms)) continue
    const clinicId = roomClinic.get(call.room_id)
    if (clinicId === undefined) continue
    const room = getOr(activity.rooms, call.room_id, () => ({ calls: 0, durationMs: 0 }))
    room.calls++
    room.durationMs += call.duration_ms
    for (const host of call.hosts) {
      getOr(activity.activeByClinic, clinicId, newSet).add(host.user_id)
      const provider = getOr(getOr(activity.providers, clinicId, () => new Map()), host.user_id, newProvider)
      provider.roomCalls++
      // Own attendance over all their devices, overlaps once (R73).
      provider.roomMs += host.attendance_ms
    }
  }
  return activity
}

const cache = new WeakMap<Run.RunContext, Promise<Activity>>()

/** The run's activity, gathered once per run context. */
export const of = (ctx: Run.RunContext): Promise<Activity> => {
  let a = cache.get(ctx)
  if (a === undefined) {
    a = gather(ctx, {})
    cache.set(ctx, a)
  }
  return a
}

/**
 * Gathers the run's activity (kept for the reports of the run, as `of` does) while `observers` read the same
 * sessions and room calls: one pass over the range for several tiles. Without effect when already gathered.
 */
export const gatherWith = async (ctx: Run.RunContext, observers: Observers): Promise<boolean> => {
  if (cache.has(ctx)) return false
  const a = gather(ctx, observers)
  cache.set(ctx, a)
  await a
  return true
}

/** A provider's activity in one clinic, or undefined. */
export const provider = (a: Activity, clinicId: string, userId: string): ProviderActivity | undefined =>
  a.providers.get(clinicId)?.get(userId)

/** Distinct counted sessions in which a provider consulted in any clinic of an organisation in scope. */
export const organisationProvider = (a: Activity, organisationId: string, userId: string): number =>
  a.organisationProviderSessions.get(organisationId)?.get(userId)?.sessions ?? 0
