/**
 * The activity of a plan: logins, waiting-area sessions (transfers, holds, re-entries, interpreters, colleagues,
 * second devices, abandonment) and room calls, one local day at a time, yielded in time order. Drawn from the
 * seed's second PRNG stream; lines wait in typed columns until no later day can precede them.
 */
import {
  L_ENTERED,
  L_JOINED_ROOM_GUEST,
  L_JOINED_ROOM_HOST,
  L_JOINED_SEGMENT_CALLER,
  L_JOINED_SEGMENT_HOST,
  L_LEFT_ROOM,
  L_LEFT_SEGMENT,
  L_LOGIN,
  L_TRANSFERRED,
  Lines,
  rankOf,
  SEQ
} from "./lines.ts"
import type { Resolved } from "./options.ts"
import type { ClinicPlan, Day, Plan, RoomPlan, StaffPlan, UserPlan } from "./plan.ts"
import { seedRng } from "./random.ts"
import { makeRecord } from "./records.ts"
import { hoursOn, roomCallsOn, sessionsOn } from "./schedule.ts"
import { HOUR, MS_DAY } from "./time.ts"

/** Yields the logins and call events of the plan's days, in time order. */
export function* activity(plan: Plan, r: Resolved, iso: (ms: number) => string): Generator<Record<string, unknown>> {
  const rng = seedRng(r.seed, 2)
  const nowMs = r.nowMs
  const days = plan.days
  const orgs = plan.orgs
  const record = makeRecord(plan, iso)
  let sessionSeq = 0
  let segmentSeq = 0
  let queuedSeq = 0
  let participantSeq = 0
  let roomCallSeq = 0
  const busyUntil = new Float64Array(plan.users.length)

  let lines = new Lines(4096)
  let spare = new Lines(4096)
  let mark = 0
  let sessionMax = 0
  let base = 0
  let day: Day = days[0]!

  const push = (sec: number, kind: number, a: number, b: number, c: number, d: number, e: number): number => {
    const t = base + Math.round(sec) * 1000
    if (t > sessionMax) sessionMax = t
    return lines.push(t, kind, a, b, c, d, e)
  }
  /** Keeps the lines of the session or room call just made, or drops them all when any is after now. */
  const flush = () => {
    if (sessionMax > nowMs) lines.n = mark
    mark = lines.n
    sessionMax = 0
  }
  const bandwidth = (i: number) => {
    const avgS = 250 + Math.floor(rng() * 2200)
    const avgR = 250 + Math.floor(rng() * 2400)
    const o = i * 6
    const bw = lines.bw
    bw[o] = Math.floor(avgS * (0.15 + 0.7 * rng()))
    bw[o + 1] = Math.ceil(avgS * (1.05 + rng()))
    bw[o + 2] = avgS
    bw[o + 3] = Math.floor(avgR * (0.15 + 0.7 * rng()))
    bw[o + 4] = Math.ceil(avgR * (1.05 + rng()))
    bw[o + 5] = avgR
    lines.hasBw[i] = 1
  }
  const joinSeg = (sec: number, segment: number, pid: number, user: UserPlan | null) =>
    user === null
      ? push(sec, L_JOINED_SEGMENT_CALLER, segment, 0, 0, 0, pid)
      : push(sec, L_JOINED_SEGMENT_HOST, segment, user.index, 0, 0, pid)
  const leaveSeg = (sec: number, segment: number, pid: number, bwRate: number) => {
    const i = push(sec, L_LEFT_SEGMENT, segment, 0, 0, 0, pid)
    if (rng() < bwRate) bandwidth(i)
  }
  const joinRoom = (sec: number, room: RoomPlan, call: number, pid: number, user: UserPlan | null) =>
    user === null
      ? push(sec, L_JOINED_ROOM_GUEST, call, room.index, 0, 0, pid)
      : push(sec, L_JOINED_ROOM_HOST, call, room.index, user.index, 0, pid)
  const leaveRoom = (sec: number, call: number, pid: number) => {
    const i = push(sec, L_LEFT_ROOM, call, 0, 0, 0, pid)
    if (rng() < 0.7) bandwidth(i)
  }

  const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1))
  /** A wait in seconds: mostly a few minutes, never above 20 minutes. */
  const waitSec = () => (rng() < 0.12 ? Math.floor(rng() * 20) : Math.min(1200, Math.floor(-Math.log(1 - rng()) * 300)))
  /** A consultation in seconds: 2 to 40 minutes, typically 8-15. */
  const consultSec = () => Math.min(2400, 120 + Math.floor(-Math.log(1 - rng()) * 540))

  const sessionOpen = (c: ClinicPlan, d: number) => c.sessionFrom <= d && d < c.sessionTo
  const eligibleHosts = (c: ClinicPlan, d: number) =>
    c.staff.filter((s) => s.consults && s.fromDay <= d && d < s.toDay && s.user.fromDay <= d && d < s.user.toDay)
  let hostsDay = -1
  const hostsCache = new Map<ClinicPlan, Array<StaffPlan>>()
  const hostsOf = (c: ClinicPlan): Array<StaffPlan> => {
    if (hostsDay !== day.index) {
      hostsDay = day.index
      hostsCache.clear()
    }
    let hosts = hostsCache.get(c)
    if (hosts === undefined) {
      hosts = eligibleHosts(c, day.index)
      hostsCache.set(c, hosts)
    }
    return hosts
  }
  const pickHost = (c: ClinicPlan, atSec: number, not: UserPlan | null): UserPlan | null => {
    const hosts = hostsOf(c)
    if (hosts.length === 0) return null
    const atMs = base + atSec * 1000
    let chosen: UserPlan | null = null
    for (let tries = 0; tries < 4; tries++) {
      const u = hosts[Math.floor(rng() * hosts.length)]!.user
      if (u === not) continue
      chosen = u
      if (busyUntil[u.index]! <= atMs) break
    }
    return chosen
  }
  const transferTarget = (org: number, visited: Array<ClinicPlan>): ClinicPlan | null => {
    const otherOrg = orgs.length > 1 && rng() < 0.05 ? orgs[(org + 1) % orgs.length]! : orgs[org]!
    const candidates = otherOrg.clinics.filter((c) => sessionOpen(c, day.index) && !visited.includes(c) && hostsOf(c).length > 0)
    return candidates.length === 0 ? null : candidates[Math.floor(rng() * candidates.length)]!
  }

  const genSession = (clinic: ClinicPlan, entry: number) => {
    const sessionId = ++sessionSeq
    const caller = ++participantSeq
    const planned = rng() < 0.1 ? (rng() < 0.35 ? 3 : 2) : 1
    const incomplete = rng() < 0.006
    const visited = [clinic]
    let current = clinic
    let segment = ++segmentSeq
    let start = entry
    push(start, L_ENTERED, sessionId, segment, ++queuedSeq, clinic.index, caller)
    for (let i = 0; ; i++) {
      const target = i < planned - 1 ? transferTarget(current.org, visited) : null
      const transfer = (sec: number) => {
        const toSegment = ++segmentSeq
        push(sec, L_TRANSFERRED, segment, target!.index, toSegment, ++queuedSeq, 0)
        visited.push(target!)
        current = target!
        segment = toSegment
        start = sec
      }
      const wait = waitSec()
      const host = rng() < (i === 0 ? 0.07 : 0.03) && target === null ? null : pickHost(current, start + wait, null)
      if (host === null) {
        // abandoned: the caller leaves while waiting
        leaveSeg(start + Math.max(wait, 15), segment, caller, 0.5)
        return
      }
      if (target !== null && rng() < 0.3) {
        // a clerk moves the call on before anyone answers
        transfer(start + Math.max(wait, 30))
        continue
      }
      const answer = start + wait
      const c = consultSec()
      let end = answer + c
      const hostPid = ++participantSeq
      const last = target === null
      joinSeg(answer, segment, hostPid, host)
      // on hold: the host steps out and comes back, or (last segment) never comes back and the caller leaves later
      const hold = rng() < 0.06 ? (last && rng() < 0.35 ? "gone" : "back") : null
      let hostLeaveEarly = -1
      if (hold === "back") {
        const out = answer + Math.floor(c * (0.3 + 0.3 * rng()))
        const back = out + between(60, 300)
        leaveSeg(out, segment, hostPid, 0.3)
        joinSeg(back, segment, hostPid, host)
        end += back - out
      }
      // re-entry: the caller drops out and comes back
      if (hold === null && rng() < 0.025) {
        const out = answer + Math.floor(c * (0.3 + 0.4 * rng()))
        const back = out + between(10, 90)
        leaveSeg(out, segment, caller, 0.4)
        joinSeg(back, segment, caller, null)
        end += back - out
      }
      if (hold === "gone") hostLeaveEarly = end
      const span = end - answer
      // a second device of the same provider (not while on hold: a hold is a stretch with no host)
      if (rng() < 0.03 && hold === null) {
        const pid = ++participantSeq
        joinSeg(answer + between(5, Math.min(60, Math.floor(span / 3))), segment, pid, host)
        leaveSeg(end - between(0, Math.min(30, Math.floor(span / 3))), segment, pid, 0.7)
      }
      // an invited interpreter (an invited caller)
      if (rng() < 0.06) {
        const pid = ++participantSeq
        joinSeg(answer + 5 + Math.floor(rng() * Math.min(120, span * 0.2)), segment, pid, null)
        leaveSeg(end - 1 - Math.floor(rng() * Math.min(60, span * 0.2)), segment, pid, 0.7)
      }
      // a colleague joins for part of the consultation
      if (rng() < 0.08 && hold === null) {
        const other = pickHost(current, answer, host)
        if (other !== null) {
          const pid = ++participantSeq
          const join = answer + Math.floor(span * (0.2 + 0.3 * rng()))
          joinSeg(join, segment, pid, other)
          leaveSeg(Math.min(end, join + 60 + Math.floor(rng() * span * 0.5)), segment, pid, 0.7)
        }
      }
      if (!last) {
        const source = segment
        transfer(end)
        // the host stays in the source segment until they leave
        const hostLeave = end + between(3, 30)
        leaveSeg(hostLeave, source, hostPid, 0.75)
        busyUntil[host.index] = base + hostLeave * 1000
        continue
      }
      const callerFirst = rng() < 0.5
      const hostLeave = hold === "gone" ? hostLeaveEarly : callerFirst ? end + between(1, 10) : end
      const callerLeave = hold === "gone" ? end + between(30, 300) : callerFirst ? end : end + between(1, 10)
      const drop = incomplete ? (rng() < 0.5 ? "host" : "caller") : null
      if (drop !== "host") leaveSeg(hostLeave, segment, hostPid, 0.75)
      if (drop !== "caller") leaveSeg(callerLeave, segment, caller, 0.6)
      busyUntil[host.index] = base + hostLeave * 1000
      return
    }
  }
  const genRoomCall = (clinic: ClinicPlan, startSec: number) => {
    const d = day.index
    const staff = clinic.staff.filter((s) => s.fromDay <= d && d < s.toDay && s.user.fromDay <= d && d < s.user.toDay)
    const rooms = clinic.rooms.filter((room) => room.kind !== "user" || (room.owner !== null && room.owner.fromDay <= d && d < room.owner.toDay))
    if (rooms.length === 0 || staff.length === 0) return
    const roll = rng()
    const want = roll < 0.35 ? "meeting" : roll < 0.55 ? "group" : "user"
    const room = rooms.find((x) => x.kind === want && rng() < 0.6) ?? rooms[Math.floor(rng() * rooms.length)]!
    const call = ++roomCallSeq
    const people: Array<UserPlan | null> = []
    let duration: number
    if (room.kind === "meeting") {
      duration = between(900, 3600)
      const hosts = between(2, 4)
      for (let h = 0; h < hosts; h++) {
        const u = staff[Math.floor(rng() * staff.length)]!.user
        if (!people.includes(u)) people.push(u)
      }
      if (rng() < 0.3) people.push(null)
    } else if (room.kind === "group") {
      duration = between(1800, 5400)
      const hosts = rng() < 0.4 ? 2 : 1
      for (let h = 0; h < hosts; h++) {
        const u = staff[Math.floor(rng() * staff.length)]!.user
        if (!people.includes(u)) people.push(u)
      }
      const guests = between(3, 8)
      for (let g = 0; g < guests; g++) people.push(null)
    } else {
      duration = between(300, 1800)
      people.push(room.owner)
      people.push(null)
      if (rng() < 0.2) people.push(null)
    }
    const end = startSec + duration
    const spread = Math.min(300, Math.floor(duration * 0.2))
    const incomplete = rng() < 0.006 ? people.length - 1 : -1
    people.forEach((user, i) => {
      const pid = ++participantSeq
      const join = i === 0 ? startSec : startSec + Math.floor(rng() * spread)
      const leave = i === 0 ? end : end - Math.floor(rng() * spread)
      joinRoom(join, room, call, pid, user)
      if (rng() < 0.08 && leave - join > 400) {
        const out = join + Math.floor((leave - join) * (0.3 + 0.3 * rng()))
        const back = out + between(30, 180)
        leaveRoom(out, call, pid)
        if (back < leave) joinRoom(back, room, call, pid, user)
        else return
      }
      if (i !== incomplete) leaveRoom(leave, call, pid)
    })
  }

  const starts: Array<number> = []
  for (let di = 0; di < days.length; di++) {
    day = days[di]!
    base = day.base
    const d = day.index
    // logins
    for (const u of plan.users) {
      if (d < u.fromDay || d >= u.toDay) continue
      const rate = day.dow <= 5 ? u.loginRate : day.dow === 6 ? u.loginRate / 6 : u.loginRate / 12
      if (rng() >= rate) continue
      const t = base + (7 * HOUR + Math.floor(rng() * 3 * HOUR)) * 1000
      if (t <= nowMs) lines.push(t, L_LOGIN, u.index, 0, 0, 0, 0)
    }
    mark = lines.n
    for (const org of orgs) {
      for (const clinic of org.clinics) {
        if (sessionOpen(clinic, d)) {
          const count = sessionsOn(r.sessions, day.dow)
          const [open, close] = hoursOn(day.dow)
          starts.length = 0
          for (let i = 0; i < count; i++) starts.push(open + Math.floor(rng() * (close - open)))
          starts.sort((a, b) => a - b)
          for (const s of starts) {
            genSession(clinic, s)
            flush()
          }
        }
        if (clinic.roomFrom <= d && d < clinic.roomTo) {
          const expected = roomCallsOn(r.sessions, day.dow)
          const calls = Math.floor(expected) + (rng() < expected - Math.floor(expected) ? 1 : 0)
          for (let i = 0; i < calls; i++) {
            genRoomCall(clinic, 7.5 * HOUR + Math.floor(rng() * 10 * HOUR))
            flush()
          }
        }
      }
    }
    // emit, in order, everything before the earliest instant the next day can produce (its local 07:00, less a
    // margin); the rest waits for the next day's lines
    const n = lines.n
    const origin = base - 2 * MS_DAY
    const keys = new Float64Array(n)
    for (let i = 0; i < n; i++) keys[i] = (Math.round((lines.t[i]! - origin) / 1000) * 5 + rankOf[lines.kind[i]!]!) * SEQ + i
    keys.sort()
    const next = days[di + 1]
    const watermark = next === undefined ? Number.POSITIVE_INFINITY : next.base + 5 * HOUR * 1000
    let k = 0
    for (; k < n; k++) {
      const i = keys[k]! % SEQ
      if (lines.t[i]! >= watermark) break
      yield record(lines, i)
    }
    spare.n = 0
    for (; k < n; k++) spare.copyFrom(lines, keys[k]! % SEQ)
    const swap = lines
    lines = spare
    spare = swap
    mark = lines.n
  }
}
