/**
 * One pass over a run's sessions and room calls that gathers what the aggregate reports count (SPEC §5,
 * R38–R44): per organisation, per clinic and per provider. Computed once per run and shared by the
 * Organisations, Clinics, Service Providers and Service Provider Summary reports. Distinct sessions are counted
 * session by session (the stream gives each session once, its segments together), so memory holds clinics,
 * rooms and accounts, never the sessions of the range. Sessions and calls are read as the store's facts, flat
 * arrays by position (`ReportSource.segmentFacts`, `roomCallFacts`), or built from `sessionFigures` and
 * `roomCalls` for a source without them.
 */
import type { RoomCallHost, SegmentHost, SessionFigures } from "../Facts.ts"
import type { FactQuery, ReportSource, RoomCallQuery } from "../Source.ts"
import * as Run from "./Run.ts"

/** The bits of a segment fact's flags (see `SegmentFact`). */
export const ANSWERED = 1
export const TRANSFERRED_OUT = 2
export const TRANSFERRED_IN = 4
export const ABANDONED = 8

/** A segment fact as read here: from a source without `segmentFacts`, its hosts come decoded. */
export type Fact = readonly [
  session_id: string, session_entry_at: number, first_clinic_id: string, session_consultation_ms: number, clinic_id: string,
  flags: number, wait_ms: number, consultation_ms: number, hosts: string | ReadonlyArray<SegmentHost> | null
]

/** A room call's figures as read here (see `RoomCallFact`): from a source without `roomCallFacts`, its hosts come decoded. */
export type CallFact = readonly [
  room_call_id: string, start_at: number, room_id: string, duration_ms: number, participants: number,
  hosts: string | ReadonlyArray<RoomCallHost> | null
]

/** The room calls of `query` as facts, in batches: the source's own, or its calls without participants. */
export async function* callFacts(source: ReportSource, query: Omit<RoomCallQuery, "participants">): AsyncGenerator<ReadonlyArray<CallFact>> {
  if (source.roomCallFacts !== undefined) {
    yield* source.roomCallFacts(query)
    return
  }
  let batch: Array<CallFact> = []
  for await (const { call } of source.roomCalls({ ...query, participants: false })) {
    batch.push([call.room_call_id, call.start_at, call.room_id, call.duration_ms, call.participants, call.hosts.length === 0 ? null : call.hosts])
    if (batch.length >= 512) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * One host of a segment's hosts as `JSON.stringify` writes them (`SegmentHost`'s keys in order): its user id
 * without escapes and a whole number of milliseconds. Anything else is left to `JSON.parse`.
 */
const plainHost = /\{"user_id":"([^"\\]*)","own_ms":(\d+),"first_consult_at":(?:-?\d+|null)\}([,\]])/y

/**
 * A fact's hosts as user ids and their own time, one after the other in `out` (emptied first): read from the JSON
 * text without an object per host when it is as the store writes it, else decoded.
 */
export const hostPairs = (fact: Fact, out: Array<string | number>): Array<string | number> => {
  out.length = 0
  const hosts = fact[8]
  if (hosts === null) return out
  if (typeof hosts === "string") {
    if (hosts.charCodeAt(0) === 91) {
      plainHost.lastIndex = 1
      for (;;) {
        const m = plainHost.exec(hosts)
        if (m === null) break
        out.push(m[1]!, Number(m[2]))
        if (m[3] === "]") {
          if (plainHost.lastIndex === hosts.length) return out
          break
        }
      }
      out.length = 0
    }
    for (const h of JSON.parse(hosts) as ReadonlyArray<SegmentHost>) out.push(h.user_id, h.own_ms)
    return out
  }
  for (const h of hosts) out.push(h.user_id, h.own_ms)
  return out
}

const flagsOf = (g: SessionFigures["segments"][number]): number =>
  (g.answered_at === null ? 0 : ANSWERED) | (g.transfer_at === null ? 0 : TRANSFERRED_OUT) | (g.transferred_in ? TRANSFERRED_IN : 0) |
  (g.abandoned_at === null ? 0 : ABANDONED)

/** `sessionFigures` as facts, for a source without `segmentFacts`. */
async function* factsOfFigures(figures: AsyncIterable<ReadonlyArray<SessionFigures>>): AsyncGenerator<ReadonlyArray<Fact>> {
  for await (const batch of figures) {
    const facts: Array<Fact> = []
    for (const s of batch) {
      for (const g of s.segments) {
        facts.push([s.session_id, 0, s.first_clinic_id, s.consultation_ms, g.clinic_id, flagsOf(g), g.wait_ms, g.consultation_ms, g.hosts.length === 0 ? null : g.hosts])
      }
    }
    if (facts.length > 0) yield facts
  }
}

/**
 * Reads the sessions of `query` from the source's segment facts (or its sessions' figures) and hands each session
 * over as the facts `facts[from..to)` of its segments, one call per session, the batch's array itself (no copy).
 */
export const eachSession = async (
  source: ReportSource, query: FactQuery, session: (facts: ReadonlyArray<Fact>, from: number, to: number) => void
): Promise<void> => {
  const read: AsyncIterable<ReadonlyArray<Fact>> = source.segmentFacts?.(query) ?? factsOfFigures(source.sessionFigures(query))
  // The facts of a session that may go on in the next batch.
  let carried: ReadonlyArray<Fact> = []
  for await (const batch of read) {
    if (batch.length === 0) continue
    const facts = carried.length === 0 ? batch : [...carried, ...batch]
    // The last session of the batch waits for the next one.
    let last = facts.length - 1
    const id = facts[last]![0]
    while (last > 0 && facts[last - 1]![0] === id) last--
    let from = 0
    for (let i = 1; i <= last; i++) {
      if (facts[i]![0] !== facts[from]![0]) {
        session(facts, from, i)
        from = i
      }
    }
    carried = facts.slice(last)
  }
  if (carried.length > 0) session(carried, 0, carried.length)
}

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

/** Readers of the same pass: each session (as the facts of its segments, see `eachSession`) and each room call of the run, as read (see Tiles). */
export interface Observers {
  readonly session?: (facts: ReadonlyArray<Fact>, from: number, to: number) => void
  readonly call?: (call: CallFact) => void
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
  /** The clinic's consulting hosts seen so far, each with what a consultation of theirs adds to (one look-up a host). */
  readonly consultants: Map<string, Consultant>
}

/** A host who consulted in a clinic: counted in its `consulted` and active sets, with their activity there. */
interface Consultant {
  readonly provider: ProviderActivity
  readonly organisation: { sessions: number } | undefined
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
      active: undefined,
      consultants: new Map()
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
  const pairs: Array<string | number> = []
  const threshold = Run.countedThresholdMs(ctx)
  // The sessions and the room calls are read at once (on PostgreSQL, two cursors): what either adds to the
  // activity are counts, sums and sets, the same in any order.
  const sessions = eachSession(ctx.source, { start, end, clinicIds: [...scope] }, (facts, from, to) => {
    observers.session?.(facts, from, to)
    const first = facts[from]!
    const consultationMs = first[3]
    const counted = consultationMs >= threshold
    const owner = ctx.clinicById.get(first[2])?.organisation_id
    if (counted && owner !== undefined && scope.has(first[2])) {
      const o = getOr(activity.organisationSessions, owner, () => ({ count: 0, ms: 0 }))
      o.count++
      o.ms += consultationMs
    }
    clinicsOfSession.length = 0
    providersOfSession.length = 0
    organisationProvidersOfSession.length = 0
    for (let i = from; i < to; i++) {
      const segment = facts[i]!
      const state = states.get(segment[4])
      if (state === undefined) continue
      const clinic = clinicOf(state)
      const flags = segment[5]
      if ((flags & ABANDONED) !== 0) clinic.abandoned++
      if (!counted) continue
      clinic.consultationMs += segment[7]
      if ((flags & ANSWERED) !== 0) {
        if (!clinicsOfSession.includes(clinic)) clinicsOfSession.push(clinic)
        clinic.waitMs += segment[6]
        clinic.waits++
      }
      if ((flags & TRANSFERRED_IN) !== 0) clinic.transfersIn++
      if ((flags & TRANSFERRED_OUT) !== 0) clinic.transfersOut++
      if (segment[8] === null) continue
      const hosts = hostPairs(segment, pairs)
      for (let h = 0; h < hosts.length; h += 2) {
        const ownMs = hosts[h + 1] as number
        if (ownMs <= 0) continue
        const user = hosts[h] as string
        let consultant = state.consultants.get(user)
        if (consultant === undefined) {
          clinic.consulted.add(user)
          activeOf(state).add(user)
          consultant = {
            provider: getOr(state.providers, user, newProvider),
            organisation: state.organisationProviders === undefined ? undefined : getOr(state.organisationProviders, user, newCounter)
          }
          state.consultants.set(user, consultant)
        }
        const p = consultant.provider
        if (!providersOfSession.includes(p)) providersOfSession.push(p)
        p.ownMs += ownMs
        const o = consultant.organisation
        if (o !== undefined && !organisationProvidersOfSession.includes(o)) organisationProvidersOfSession.push(o)
      }
    }
    for (const c of clinicsOfSession) c.sessions++
    for (const p of providersOfSession) p.sessions++
    for (const o of organisationProvidersOfSession) o.sessions++
  })
  const rooms = Run.roomsInScope(ctx)
  const roomClinic = new Map(rooms.map((r) => [r.id, r.clinic_id]))
  const calls = async () => {
    for await (const batch of callFacts(ctx.source, { start, end, roomIds: rooms.map((r) => r.id) })) {
      for (const call of batch) {
        observers.call?.(call)
        const durationMs = call[3]
        if (!Run.meetsMinimum(ctx, durationMs)) continue
        const roomId = call[2]
        const clinicId = roomClinic.get(roomId)
        if (clinicId === undefined) continue
        const room = getOr(activity.rooms, roomId, () => ({ calls: 0, durationMs: 0 }))
        room.calls++
        room.durationMs += durationMs
        const hosts = call[5]
        if (hosts === null) continue
        for (const host of typeof hosts === "string" ? (JSON.parse(hosts) as ReadonlyArray<RoomCallHost>) : hosts) {
          getOr(activity.activeByClinic, clinicId, newSet).add(host.user_id)
          const provider = getOr(getOr(activity.providers, clinicId, () => new Map()), host.user_id, newProvider)
          provider.roomCalls++
          // Own attendance over all their devices, overlaps once (R73).
          provider.roomMs += host.attendance_ms
        }
      }
    }
  }
  await Promise.all([sessions, calls()])
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
