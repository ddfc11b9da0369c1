/**
 * The rules of SPEC §5 over call events: presence intervals (re-joins, transfers, invited callers),
 * consultation time, answer and wait, abandonment, transfers, segment end, incomplete presences. Input is
 * every event of one component (sessions linked through their segments, or one room call); output is facts.
 */
import type {
  Projection, RoomCallBundle, RoomCallParticipant, Segment, SegmentHost, SegmentParticipant, SessionBundle
} from "./Facts.ts"
import { type Interval, intersect, total, union } from "./Intervals.ts"
import { compareBlankFirst, compareCodePoints, compareEvents } from "./Order.ts"
import type { Bandwidth, CallEvent } from "./Records.ts"

// The index exports this module as the namespace `Projection`, which hides Facts' type of the same name: name
// the result type here too, so users (and the API reference) can refer to it as `Projection.Result`.
export type { Projection as Result } from "./Facts.ts"

/**
 * The keys that tie an event to others of its component: a session and its segments (through entries and
 * transfers), or a room call. The store groups events by these keys and projects each group as a whole.
 */
export const linkKeys = (e: CallEvent): ReadonlyArray<string> => {
  switch (e.event) {
    case "waiting_area.entered":
      return [`s:${e.session_id}`, `g:${e.segment_id}`]
    case "call.transferred":
      return [`g:${e.segment_id}`, `g:${e.to_segment_id}`]
    default:
      return e.segment_id !== null ? [`g:${e.segment_id}`] : [`r:${e.room_call_id}`]
  }
}

type EndKind = "leave" | "transfer" | "close"

class Presence {
  readonly intervals: Array<[number, number]> = []
  open: number | null = null
  lastEnd: EndKind = "close"
  incomplete = false
  bandwidth: Bandwidth | null = null
  constructor(
    readonly pid: string,
    readonly appearance: number,
    readonly role: "primary" | "caller" | "host" | "guest",
    readonly userId: string | null
  ) {}
  start(at: number) {
    if (this.open === null) this.open = at
  }
  end(at: number, kind: EndKind) {
    if (this.open === null) return
    this.intervals.push([this.open, at])
    this.open = null
    this.lastEnd = kind
  }
  get present() {
    return this.open !== null
  }
}

class Container {
  readonly participants = new Map<string, Presence>()
  lastEventAt: number
  constructor(at: number) {
    this.lastEventAt = at
  }
  touch(at: number) {
    if (at > this.lastEventAt) this.lastEventAt = at
  }
  add(pid: string, role: Presence["role"], userId: string | null): Presence {
    const p = new Presence(pid, this.participants.size, role, userId)
    this.participants.set(pid, p)
    return p
  }
  close() {
    for (const p of this.participants.values()) {
      if (p.open !== null) {
        p.end(this.lastEventAt, "close")
        p.incomplete = true
      }
    }
  }
}

class SegmentState extends Container {
  transfers = 0
  transferAt: number | null = null
  transferToClinic: string | null = null
  transferToSegment: string | null = null
  transferredIn = false
  constructor(
    readonly id: string,
    readonly sessionId: string,
    readonly clinicId: string,
    readonly queuedCallId: string,
    readonly entryAt: number,
    readonly startSeq: number,
    readonly primary: string
  ) {
    super(entryAt)
  }
}

class CallState extends Container {
  lastLeaveAt: number
  constructor(readonly id: string, readonly roomId: string, at: number) {
    super(at)
    this.lastLeaveAt = at
  }
}

/** Transfers at one instant in chain order (R15): a transfer into a segment before a transfer out of it. */
const chainOrder = (transfers: Array<CallEvent>): Array<CallEvent> => {
  const pending = [...transfers]
  const out: Array<CallEvent> = []
  while (pending.length > 0) {
    const targets = new Set(pending.map((t) => t.to_segment_id))
    const index = pending.findIndex((t) => !targets.has(t.segment_id))
    out.push(...pending.splice(index === -1 ? 0 : index, 1))
  }
  return out
}

const containerOf = (e: CallEvent) => (e.segment_id !== null ? `g:${e.segment_id}` : `r:${e.room_call_id}`)

/**
 * Projects every event of one component into sessions and room calls (SPEC §5, R15–R22, R32–R35, R41–R43).
 * Pass exactly one component: `start_seq` counts positions among the events given, so it is stable only then.
 */
export const project = (events: ReadonlyArray<CallEvent>): Projection => {
  const sorted = [...events].sort(compareEvents)
  const segments = new Map<string, SegmentState>()
  const calls = new Map<string, CallState>()
  let seq = 0

  const findContainer = (e: CallEvent): Container | undefined =>
    e.segment_id !== null ? segments.get(e.segment_id) : calls.get(e.room_call_id!)

  const applyJoin = (e: CallEvent) => {
    if (e.segment_id !== null) {
      const g = segments.get(e.segment_id)
      if (g === undefined) return
      g.touch(e.at)
      const p = g.participants.get(e.participant_id!) ?? g.add(e.participant_id!, e.role === "host" ? "host" : "caller", e.user_id)
      p.start(e.at)
    } else {
      let c = calls.get(e.room_call_id!)
      if (c === undefined) {
        c = new CallState(e.room_call_id!, e.room_id!, e.at)
        calls.set(c.id, c)
      }
      c.touch(e.at)
      const p = c.participants.get(e.participant_id!) ?? c.add(e.participant_id!, e.role === "host" ? "host" : "guest", e.user_id)
      p.start(e.at)
    }
  }

  const applyLeave = (e: CallEvent) => {
    const c = findContainer(e)
    if (c === undefined) return
    const p = c.participants.get(e.participant_id!)
    if (p === undefined) return
    c.touch(e.at)
    if (c instanceof CallState && e.at > c.lastLeaveAt) c.lastLeaveAt = e.at
    p.end(e.at, "leave")
    if (e.bandwidth !== null) p.bandwidth = e.bandwidth
  }

  const applyEntry = (e: CallEvent) => {
    if (segments.has(e.segment_id!)) return
    const g = new SegmentState(e.segment_id!, e.session_id!, e.clinic_id!, e.queued_call_id!, e.at, seq, e.participant_id!)
    g.add(e.participant_id!, "primary", null).start(e.at)
    segments.set(g.id, g)
  }

  const applyTransfer = (e: CallEvent) => {
    const source = segments.get(e.segment_id!)
    if (source === undefined) return
    source.touch(e.at)
    source.participants.get(source.primary)?.end(e.at, "transfer")
    source.transfers++
    source.transferAt = e.at
    source.transferToClinic = e.to_clinic_id
    source.transferToSegment = e.to_segment_id
    let target = segments.get(e.to_segment_id!)
    if (target === undefined) {
      target = new SegmentState(e.to_segment_id!, source.sessionId, e.to_clinic_id!, e.to_queued_call_id!, e.at, seq, source.primary)
      target.add(source.primary, "primary", null).start(e.at)
      segments.set(target.id, target)
    }
    target.transferredIn = true
  }

  let i = 0
  while (i < sorted.length) {
    const at = sorted[i]!.at
    let j = i
    while (j < sorted.length && sorted[j]!.at === at) j++
    const group = sorted.slice(i, j)
    i = j
    for (const e of group) if (e.event === "waiting_area.entered") { applyEntry(e); seq++ }
    for (const e of chainOrder(group.filter((e) => e.event === "call.transferred"))) { applyTransfer(e); seq++ }
    const moves = group.filter((e) => e.event === "participant.joined" || e.event === "participant.left")
    const joiners = new Set(moves.filter((e) => e.event === "participant.joined").map((e) => `${containerOf(e)}|${e.participant_id}`))
    const late = new Set<string>()
    for (const e of moves) {
      const key = `${containerOf(e)}|${e.participant_id}`
      if (e.event !== "participant.left" || !joiners.has(key)) continue
      const present = findContainer(e)?.participants.get(e.participant_id!)?.present ?? false
      if (!present) late.add(key)
    }
    const isLate = (e: CallEvent) => late.has(`${containerOf(e)}|${e.participant_id}`)
    for (const e of moves) if (e.event === "participant.left" && !isLate(e)) { applyLeave(e); seq++ }
    for (const e of moves) if (e.event === "participant.joined") { applyJoin(e); seq++ }
    for (const e of moves) if (e.event === "participant.left" && isLate(e)) { applyLeave(e); seq++ }
  }

  for (const g of segments.values()) g.close()
  for (const c of calls.values()) c.close()

  return { sessions: sessionsOf([...segments.values()]), roomCalls: [...calls.values()].map(roomCallOf) }
}

/**
 * Each account's own presence as host: the union of the presences of all its host participants (devices), so
 * overlapping stretches count once. The one rule behind a provider's segment time (R42) and room-call time (R73).
 */
const hostPresences = (all: ReadonlyArray<Presence>): Map<string, Array<Interval>> => {
  const byUser = new Map<string, Array<Interval>>()
  for (const p of all) {
    if (p.role !== "host" || p.userId === null) continue
    const list = byUser.get(p.userId) ?? []
    list.push(...p.intervals)
    byUser.set(p.userId, list)
  }
  return new Map([...byUser].map(([user, intervals]) => [user, union(intervals)]))
}

const lastEnd = (p: Presence): number => p.intervals[p.intervals.length - 1]![1]
const firstStart = (p: Presence): number => p.intervals[0]![0]

const segmentOf = (g: SegmentState): { segment: Segment; participants: Array<SegmentParticipant> } => {
  const all = [...g.participants.values()]
  const callers = union(all.filter((p) => p.role !== "host").flatMap((p) => p.intervals))
  const hosts = union(all.filter((p) => p.role === "host").flatMap((p) => p.intervals))
  const consult = intersect(callers, hosts)
  const consultationMs = total(consult)
  const answeredAt = consultationMs > 0 ? consult[0]![0] : null
  const primary = g.participants.get(g.primary)!
  const primaryLeft = lastEnd(primary)
  const abandoned = answeredAt === null && g.transfers === 0 && primary.lastEnd === "leave"

  const hostFacts: Array<SegmentHost> = [...hostPresences(all)].map(([user_id, present]) => {
    const own = intersect(present, callers)
    return { user_id, own_ms: total(own), first_consult_at: own[0]?.[0] ?? null }
  })

  const participants = all.map((p): SegmentParticipant => ({
    participant_id: p.pid,
    appearance: p.appearance,
    kind: p.role === "host" ? "host" : p.role === "primary" ? "primary" : "caller",
    user_id: p.userId,
    joined_at: p.role === "primary" ? answeredAt : firstStart(p),
    left_at: lastEnd(p),
    attendance_ms: p.role === "primary" ? total(intersect(union(p.intervals), hosts)) : total(union(p.intervals)),
    incomplete: p.incomplete,
    bandwidth: p.bandwidth
  }))
  participants.sort(
    (a, b) =>
      (a.joined_at === null ? (b.joined_at === null ? 0 : -1) : b.joined_at === null ? 1 : a.joined_at - b.joined_at) ||
      (a.kind === "primary" ? -1 : 0) - (b.kind === "primary" ? -1 : 0) ||
      a.appearance - b.appearance ||
      compareCodePoints(a.participant_id, b.participant_id)
  )

  return {
    segment: {
      segment_id: g.id,
      session_id: g.sessionId,
      clinic_id: g.clinicId,
      queued_call_id: g.queuedCallId,
      entry_at: g.entryAt,
      start_seq: g.startSeq,
      answered_at: answeredAt,
      wait_ms: (answeredAt ?? primaryLeft) - g.entryAt,
      end_at: Math.max(...all.map(lastEnd)),
      consultation_ms: consultationMs,
      transfer_at: g.transferAt,
      transferred_to_clinic_id: g.transferToClinic,
      transferred_to_segment_id: g.transferToSegment,
      transferred_in: g.transferredIn,
      abandoned_at: abandoned ? primaryLeft : null,
      participants: all.length,
      hosts: hostFacts
    },
    participants
  }
}

const sessionsOf = (states: Array<SegmentState>): Array<SessionBundle> => {
  const bySession = new Map<string, Array<ReturnType<typeof segmentOf>>>()
  for (const g of states) {
    const list = bySession.get(g.sessionId) ?? []
    list.push(segmentOf(g))
    bySession.set(g.sessionId, list)
  }
  return [...bySession.entries()].map(([session_id, segs]) => {
    segs.sort(
      (a, b) =>
        a.segment.entry_at - b.segment.entry_at ||
        a.segment.start_seq - b.segment.start_seq ||
        compareCodePoints(a.segment.segment_id, b.segment.segment_id)
    )
    const first = segs[0]!.segment
    return {
      session: {
        session_id,
        entry_at: first.entry_at,
        first_clinic_id: first.clinic_id,
        consultation_ms: segs.reduce((sum, s) => sum + s.segment.consultation_ms, 0)
      },
      segments: segs
    }
  })
}

const roomCallOf = (c: CallState): RoomCallBundle => {
  const all = [...c.participants.values()]
  const participants = all.map((p): RoomCallParticipant => ({
    participant_id: p.pid,
    appearance: p.appearance,
    role: p.role === "host" ? "host" : "guest",
    user_id: p.userId,
    joined_at: firstStart(p),
    left_at: lastEnd(p),
    attendance_ms: total(union(p.intervals)),
    incomplete: p.incomplete,
    bandwidth: p.bandwidth
  }))
  participants.sort(
    (a, b) => a.joined_at - b.joined_at || a.appearance - b.appearance || compareCodePoints(a.participant_id, b.participant_id)
  )
  const start = Math.min(...participants.map((p) => p.joined_at))
  const end = Math.max(c.lastLeaveAt, ...participants.map((p) => p.left_at))
  return {
    call: {
      room_call_id: c.id, room_id: c.roomId, start_at: start, end_at: end, duration_ms: end - start, participants: all.length,
      hosts: [...hostPresences(all)].map(([user_id, present]) => ({ user_id, attendance_ms: total(present) }))
    },
    participants
  }
}

/** Orders sessions as the Consultations report does (session entry, session id). */
export const compareSessions = (a: SessionBundle, b: SessionBundle): number =>
  a.session.entry_at - b.session.entry_at || compareCodePoints(a.session.session_id, b.session.session_id)

export { compareBlankFirst }
