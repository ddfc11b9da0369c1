/**
 * One pass over a run's sessions and room calls that gathers what the aggregate reports count (SPEC §5,
 * R38–R44): per organisation, per clinic and per provider. Computed once per run and shared by the
 * Organisations, Clinics, Service Providers and Service Provider Summary reports. Distinct sessions are counted
 * session by session (the stream gives each session once, whole), so memory holds clinics, rooms and accounts,
 * never the sessions of the range.
 */
import type { RoomCallBundle, SessionBundle } from "../Facts.ts"
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
  /** Keyed by `clinicId \u0000 userId`. */
  readonly providers: Map<string, ProviderActivity>
  /** Distinct counted sessions in which a provider consulted in any clinic of an organisation, by `organisationId \u0000 userId`. */
  readonly organisationProviderSessions: Map<string, number>
  readonly rooms: Map<string, RoomActivity>
  /** Accounts that consulted (R41) or hosted a counted room call (R44), per clinic. */
  readonly activeByClinic: Map<string, Set<string>>
}

const providerKey = (clinicId: string, userId: string) => `${clinicId}\u0000${userId}`

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

/** Readers of the same pass: each session and each room call of the run, as read (see Tiles). */
export interface Observers {
  readonly session?: (bundle: SessionBundle) => void
  readonly call?: (bundle: RoomCallBundle) => void
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
  // The clinics, providers and organisation providers a session counts for, each once per session.
  const clinicsOfSession: Array<ClinicActivity> = []
  const providersOfSession: Array<ProviderActivity> = []
  const organisationProvidersOfSession: Array<string> = []
  for await (const bundle of ctx.source.sessions({ start, end, clinicIds: [...scope], participants: false })) {
    observers.session?.(bundle)
    const { session } = bundle
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
    for (const { segment } of bundle.segments) {
      if (!scope.has(segment.clinic_id)) continue
      const clinic = getOr(activity.clinics, segment.clinic_id, newClinic)
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
      const organisation = ctx.clinicById.get(segment.clinic_id)?.organisation_id
      for (const host of segment.hosts) {
        if (host.own_ms <= 0) continue
        clinic.consulted.add(host.user_id)
        getOr(activity.activeByClinic, segment.clinic_id, () => new Set()).add(host.user_id)
        const p = getOr(activity.providers, providerKey(segment.clinic_id, host.user_id), newProvider)
        if (!providersOfSession.includes(p)) providersOfSession.push(p)
        p.ownMs += host.own_ms
        if (organisation !== undefined) {
          const key = providerKey(organisation, host.user_id)
          if (!organisationProvidersOfSession.includes(key)) organisationProvidersOfSession.push(key)
        }
      }
    }
    for (const c of clinicsOfSession) c.sessions++
    for (const p of providersOfSession) p.sessions++
    for (const key of organisationProvidersOfSession) {
      activity.organisationProviderSessions.set(key, (activity.organisationProviderSessions.get(key) ?? 0) + 1)
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
      getOr(activity.activeByClinic, clinicId, () => new Set()).add(host.user_id)
      const provider = getOr(activity.providers, providerKey(clinicId, host.user_id), newProvider)
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
  a.providers.get(providerKey(clinicId, userId))

/** Distinct counted sessions in which a provider consulted in any clinic of an organisation in scope. */
export const organisationProvider = (a: Activity, organisationId: string, userId: string): number =>
  a.organisationProviderSessions.get(providerKey(organisationId, userId)) ?? 0
