import { Temporal } from "@js-temporal/polyfill"
import { describe, expect, it } from "vitest"
import { demoAdminUserId, demoOrganisationId, estimateParticipantRows, generateDemo } from "../src/index.ts"
import type { DemoOptions } from "../src/index.ts"

type Rec = Record<string, unknown>

const now = "2026-11-26T07:00:00Z"
const options: DemoOptions = { seed: 42, now }
const all = (o: DemoOptions): Array<Rec> => [...generateDemo(o)]
const records = all(options)
const byType = (type: string) => records.filter((r) => r.type === type)
const events = byType("event")
const str = (v: unknown): string => {
  if (typeof v !== "string") throw new Error(`not a string: ${JSON.stringify(v)}`)
  return v
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const directoryTypes = ["organisation", "clinic", "user", "organisation_role", "clinic_role", "room", "reporting_configuration"]
const required: Record<string, ReadonlyArray<string>> = {
  organisation: ["id", "created_at"],
  clinic: ["id", "organisation_id", "status", "created_at"],
  user: ["id", "created_at"],
  organisation_role: ["user_id", "organisation_id", "role", "granted_at"],
  clinic_role: ["user_id", "clinic_id", "role", "granted_at"],
  room: ["id", "clinic_id", "kind", "created_at"],
  reporting_configuration: ["organisation_id"],
  login: ["user_id", "at"],
  event: ["id", "event", "at"]
}
const eventFields: Record<string, ReadonlyArray<string>> = {
  "waiting_area.entered": ["session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id"],
  "participant.joined": ["participant_id", "role"],
  "participant.left": ["participant_id"],
  "call.transferred": ["segment_id", "to_clinic_id", "to_segment_id", "to_queued_call_id"]
}
const instantKeys = ["created_at", "deleted_at", "deactivated_at", "granted_at", "revoked_at", "at"]
const sydneyOffset = (at: string) => Temporal.Instant.from(at).toZonedDateTimeISO("Australia/Sydney").offset
const localTime = (at: string) => Temporal.Instant.from(at).toZonedDateTimeISO("Australia/Sydney")

/** Replays presences: a join opens, a leave closes, an entry or transfer moves the primary caller. */
const replay = (evs: ReadonlyArray<Rec>) => {
  const open = new Map<string, string>() // container|participant -> opened at
  const errors: Array<string> = []
  const primary = new Map<string, string>() // segment -> caller participant
  const sessionOf = new Map<string, string>() // segment -> session
  const clinicOf = new Map<string, string>() // segment -> clinic
  const ownerOf = new Map<string, string>() // participant -> session or room call
  const own = (pid: string, owner: string) => {
    const seen = ownerOf.get(pid)
    if (seen !== undefined && seen !== owner) errors.push(`participant ${pid} in ${seen} and ${owner}`)
    ownerOf.set(pid, owner)
  }
  for (const e of evs) {
    const at = str(e.at)
    const pid = e.participant_id as string
    switch (e.event) {
      case "waiting_area.entered": {
        const seg = str(e.segment_id)
        primary.set(seg, pid)
        sessionOf.set(seg, str(e.session_id))
        clinicOf.set(seg, str(e.clinic_id))
        own(pid, str(e.session_id))
        open.set(`${seg}|${pid}`, at)
        break
      }
      case "call.transferred": {
        const seg = str(e.segment_id)
        const to = str(e.to_segment_id)
        const caller = primary.get(seg)!
        if (!open.delete(`${seg}|${caller}`)) errors.push(`transfer of an absent caller in ${seg}`)
        primary.set(to, caller)
        sessionOf.set(to, sessionOf.get(seg)!)
        clinicOf.set(to, str(e.to_clinic_id))
        open.set(`${to}|${caller}`, at)
        break
      }
      case "participant.joined": {
        const container = (e.segment_id ?? e.room_call_id) as string
        if (e.segment_id !== undefined && !sessionOf.has(container)) errors.push(`join in unknown segment ${container}`)
        own(pid, (e.segment_id !== undefined ? sessionOf.get(container) : container) ?? "")
        const key = `${container}|${pid}`
        if (open.has(key)) errors.push(`join of present ${key}`)
        open.set(key, at)
        break
      }
      case "participant.left": {
        const key = `${(e.segment_id ?? e.room_call_id) as string}|${pid}`
        const since = open.get(key)
        if (since === undefined) errors.push(`leave of absent ${key}`)
        else if (Temporal.Instant.compare(Temporal.Instant.from(since), Temporal.Instant.from(at)) >= 0)
          errors.push(`zero or negative presence ${key}`)
        open.delete(key)
        break
      }
    }
  }
  return { open, errors, primary, sessionOf, clinicOf }
}
const replayed = replay(events)

describe("generateDemo", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const lines = (o: DemoOptions) => all(o).map((r) => JSON.stringify(r))
    const small: DemoOptions = { seed: 7, now, months: 2, organisations: 1, clinicsPerOrganisation: 3, sessionsPerClinicPerDay: 3 }
    const a = lines(small)
    expect(lines(small)).toEqual(a)
    expect(records.map((r) => JSON.stringify(r))).toEqual(lines(options))
    const b = lines({ ...small, seed: 8 })
    expect(b).not.toEqual(a)
  })

  it("emits records of the known types with their required fields, directory records first", () => {
    const types = new Set([...directoryTypes, "login", "event"])
    const problems: Array<string> = []
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what)
    }
    let lastDirectory = -1
    let firstActivity = Number.POSITIVE_INFINITY
    records.forEach((r, i) => {
      const type = r.type as string
      check(types.has(type), `type ${type}`)
      for (const key of required[type] ?? []) check(typeof r[key] === "string" && r[key] !== "", `${type}.${key} on line ${i}`)
      for (const key of instantKeys) if (r[key] !== undefined && r[key] !== null) check(INSTANT.test(str(r[key])), `${type}.${key}`)
      if (directoryTypes.includes(type)) lastDirectory = i
      else firstActivity = Math.min(firstActivity, i)
    })
    for (const c of byType("clinic")) check(["open", "closed"].includes(str(c.status)) && typeof c.tags === "object", `clinic ${c.id}`)
    for (const r of byType("room")) {
      check(["meeting", "group", "user"].includes(str(r.kind)), `room kind ${r.id}`)
      check(r.kind === "user" ? typeof r.owner_user_id === "string" && r.owner_user_id !== "" : r.owner_user_id === null, `room owner ${r.id}`)
    }
    for (const r of byType("organisation_role"))
      check(["organisation_admin", "organisation_coordinator", "organisation_reporter"].includes(str(r.role)), `role ${r.role}`)
    for (const r of byType("clinic_role"))
      check(["clinic_admin", "clinic_clerk", "team_member", "service_referrer"].includes(str(r.role)), `role ${r.role}`)
    expect(problems).toEqual([])
    expect(lastDirectory).toBeLessThan(firstActivity)
  })

  it("emits events with the fields of R7 and well-formed bandwidth figures", () => {
    const problems: Array<string> = []
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what)
    }
    const isId = (v: unknown) => typeof v === "string" && v !== ""
    const figures = ["avg_received_kbps", "avg_sent_kbps", "max_received_kbps", "max_sent_kbps", "min_received_kbps", "min_sent_kbps"]
    let withBandwidth = 0
    let leaves = 0
    for (const e of events) {
      const name = e.event as string
      const fields = eventFields[name]
      check(fields !== undefined, `event name ${name}`)
      for (const key of fields ?? []) check(isId(e[key]), `${e.id} ${name}.${key}`)
      if (name === "participant.joined") {
        const inSegment = e.segment_id !== undefined
        check(inSegment ? e.room_id === undefined && e.room_call_id === undefined : isId(e.room_id) && isId(e.room_call_id), `${e.id} container`)
        check((inSegment ? ["host", "caller"] : ["host", "guest"]).includes(str(e.role)), `${e.id} role`)
        check(e.role === "host" ? isId(e.user_id) : e.user_id === undefined, `${e.id} user_id`)
      }
      if (name === "participant.left") {
        leaves++
        check((e.segment_id === undefined) !== (e.room_call_id === undefined), `${e.id} container`)
        const bw = e.bandwidth as Record<string, number> | undefined
        if (bw !== undefined) {
          withBandwidth++
          check(JSON.stringify(Object.keys(bw).sort()) === JSON.stringify(figures), `${e.id} figures`)
          check(Object.values(bw).every((v) => Number.isInteger(v) && v >= 0), `${e.id} integers`)
          check(bw.min_sent_kbps! <= bw.avg_sent_kbps! && bw.avg_sent_kbps! <= bw.max_sent_kbps!, `${e.id} sent`)
          check(bw.min_received_kbps! <= bw.avg_received_kbps! && bw.avg_received_kbps! <= bw.max_received_kbps!, `${e.id} received`)
        }
      }
      if (name === "call.transferred") check(e.to_segment_id !== e.segment_id, `${e.id} to itself`)
    }
    expect(problems).toEqual([])
    expect(withBandwidth / leaves).toBeGreaterThan(0.4)
  })

  it("keeps ids unique and references known", () => {
    const unique = (xs: ReadonlyArray<unknown>) => expect(new Set(xs).size).toBe(xs.length)
    unique(events.map((e) => e.id))
    for (const t of ["organisation", "clinic", "user", "room"]) unique(byType(t).map((r) => r.id))
    const entries = events.filter((e) => e.event === "waiting_area.entered")
    unique(entries.map((e) => e.session_id))
    const segments = [...entries.map((e) => e.segment_id), ...events.filter((e) => e.event === "call.transferred").map((e) => e.to_segment_id)]
    unique(segments)
    unique([...entries.map((e) => e.queued_call_id), ...events.filter((e) => e.event === "call.transferred").map((e) => e.to_queued_call_id)])
    const clinics = new Set(byType("clinic").map((c) => c.id))
    const users = new Set(byType("user").map((u) => u.id))
    const rooms = new Set(byType("room").map((r) => r.id))
    for (const e of events) {
      if (e.clinic_id !== undefined) expect(clinics.has(e.clinic_id)).toBe(true)
      if (e.to_clinic_id !== undefined) expect(clinics.has(e.to_clinic_id)).toBe(true)
      if (e.user_id !== undefined) expect(users.has(e.user_id)).toBe(true)
      if (e.room_id !== undefined) expect(rooms.has(e.room_id)).toBe(true)
    }
    for (const l of byType("login")) expect(users.has(l.user_id)).toBe(true)
    // room calls stay in one room; participant ids belong to one session or one room call
    const roomOfCall = new Map<unknown, unknown>()
    for (const e of events) {
      if (e.room_id === undefined) continue
      expect(roomOfCall.get(e.room_call_id) ?? e.room_id).toBe(e.room_id)
      roomOfCall.set(e.room_call_id, e.room_id)
    }
    expect(replayed.errors.filter((x) => x.startsWith("participant"))).toEqual([])
  })

  it("emits activity in time order and nothing after now", () => {
    const nowMs = Temporal.Instant.from(now).epochMilliseconds
    const activity = records.filter((r) => r.type === "event" || r.type === "login")
    // instants are all in one "Z" form to the second, so string order is time order
    const times = activity.map((r) => str(r.at))
    const unsorted = times.filter((t, i) => i > 0 && t < times[i - 1]!)
    expect(unsorted).toEqual([])
    const late = records.flatMap((r) => instantKeys.filter((key) => typeof r[key] === "string" && (r[key] as string) > now))
    expect(late).toEqual([])
    expect(Temporal.Instant.from(times[times.length - 1]!).epochMilliseconds).toBeLessThanOrEqual(nowMs)
  })

  it("closes every presence after it opens, except a few deliberately incomplete ones", () => {
    expect(replayed.errors).toEqual([])
    const rows = new Set(events.filter((e) => e.event === "participant.joined").map((e) => `${str(e.segment_id ?? e.room_call_id)}|${str(e.participant_id)}`))
    expect(replayed.open.size).toBeGreaterThan(0)
    expect(replayed.open.size).toBeLessThan(rows.size * 0.01)
    const incompleteRoomCall = [...replayed.open.keys()].some((k) => k.startsWith("rc-"))
    const incompleteSegment = [...replayed.open.keys()].some((k) => k.startsWith("g-"))
    expect(incompleteRoomCall && incompleteSegment).toBe(true)
  })

  it("contains transfers through three clinics, interpreters, holds, re-entries, two devices and abandonment", () => {
    const clinicsOfSession = new Map<string, Set<string>>()
    for (const [seg, session] of replayed.sessionOf) {
      const set = clinicsOfSession.get(session) ?? new Set()
      set.add(replayed.clinicOf.get(seg)!)
      clinicsOfSession.set(session, set)
    }
    expect([...clinicsOfSession.values()].some((s) => s.size === 3)).toBe(true)
    const orgOfClinic = new Map(byType("clinic").map((c) => [c.id, c.organisation_id]))
    expect([...clinicsOfSession.values()].some((s) => new Set([...s].map((c) => orgOfClinic.get(c))).size > 1)).toBe(true)

    const segJoins = events.filter((e) => e.event === "participant.joined" && e.segment_id !== undefined)
    const interpreters = segJoins.filter((e) => e.role === "caller" && replayed.primary.get(str(e.segment_id)) !== e.participant_id)
    const reentries = segJoins.filter((e) => e.role === "caller" && replayed.primary.get(str(e.segment_id)) === e.participant_id)
    expect(interpreters.length).toBeGreaterThan(10)
    expect(reentries.length).toBeGreaterThan(3)

    const hostJoins = new Map<string, Array<Rec>>()
    for (const e of segJoins.filter((x) => x.role === "host")) hostJoins.set(str(e.segment_id), [...(hostJoins.get(str(e.segment_id)) ?? []), e])
    const rejoins = [...hostJoins.values()].filter((js) => new Set(js.map((j) => j.participant_id)).size < js.length)
    expect(rejoins.length).toBeGreaterThan(3) // host on hold, back again
    const twoDevices = [...hostJoins.values()].filter((js) => {
      const pidsByUser = new Map<unknown, Set<unknown>>()
      for (const j of js) pidsByUser.set(j.user_id, (pidsByUser.get(j.user_id) ?? new Set()).add(j.participant_id))
      return [...pidsByUser.values()].some((s) => s.size > 1)
    })
    expect(twoDevices.length).toBeGreaterThan(3)

    const transferredOut = new Set(events.filter((e) => e.event === "call.transferred").map((e) => e.segment_id))
    const abandoned = [...replayed.primary.keys()].filter((seg) => !hostJoins.has(seg) && !transferredOut.has(seg))
    expect(abandoned.length).toBeGreaterThan(20)
    // answered segments: waits of at most 20 minutes, entries in opening hours
    const entryAt = new Map<string, string>()
    for (const e of events) {
      if (e.event === "waiting_area.entered") entryAt.set(str(e.segment_id), str(e.at))
      if (e.event === "call.transferred") entryAt.set(str(e.to_segment_id), str(e.at))
    }
    for (const [seg, js] of hostJoins) {
      const wait = Temporal.Instant.from(entryAt.get(seg)!).until(Temporal.Instant.from(str(js[0]!.at))).total("seconds")
      expect(wait).toBeGreaterThanOrEqual(0)
      expect(wait).toBeLessThanOrEqual(1200)
    }
    for (const e of events.filter((x) => x.event === "waiting_area.entered")) {
      const local = localTime(str(e.at))
      expect(local.hour >= 8 && (local.hour < 17 || (local.hour === 17 && local.minute < 45))).toBe(true)
    }
  })

  it("contains every role, every room kind with room calls, and the directory's history", () => {
    const roles = new Set([...byType("organisation_role"), ...byType("clinic_role")].map((r) => r.role))
    expect([...roles].sort()).toEqual(
      ["clinic_admin", "clinic_clerk", "organisation_admin", "organisation_coordinator", "organisation_reporter", "service_referrer", "team_member"]
    )
    const admin = byType("user").find((u) => u.id === demoAdminUserId)!
    expect(admin).toMatchObject({ name: "Alex Admin", email: "alex.admin@harbour.example" })
    expect(byType("organisation_role")).toContainEqual(expect.objectContaining({ user_id: demoAdminUserId, organisation_id: demoOrganisationId, role: "organisation_admin" }))
    expect(byType("organisation").find((o) => o.id === demoOrganisationId)!.name).toBe("Harbour Health")
    expect(byType("reporting_configuration").map((c) => c.organisation_id).sort()).toEqual(byType("organisation").map((o) => o.id).sort())
    expect(byType("reporting_configuration").find((c) => c.organisation_id === demoOrganisationId)).toMatchObject({
      bandwidth_columns: true,
      default_timezone: "Australia/Sydney",
      default_minimum_duration_minutes: 0
    })

    const first = events[0]!.at as string
    const during = (v: unknown) => typeof v === "string" && v > first && v <= now
    const clinics = byType("clinic")
    expect(clinics.some((c) => c.status === "closed")).toBe(true)
    expect(clinics.some((c) => during(c.deleted_at))).toBe(true)
    expect(clinics.some((c) => during(c.created_at))).toBe(true)
    const roleRecords = [...byType("organisation_role"), ...byType("clinic_role")]
    expect(roleRecords.some((r) => during(r.revoked_at))).toBe(true)
    expect(roleRecords.some((r) => during(r.granted_at))).toBe(true)
    expect(byType("user").some((u) => during(u.deactivated_at))).toBe(true)
    const orgOfClinic = new Map(clinics.map((c) => [c.id, c.organisation_id]))
    const orgsOfUser = new Map<unknown, Set<unknown>>()
    const clinicsOfUser = new Map<unknown, Set<unknown>>()
    for (const r of roleRecords) {
      const org = r.organisation_id ?? orgOfClinic.get(r.clinic_id)
      orgsOfUser.set(r.user_id, (orgsOfUser.get(r.user_id) ?? new Set()).add(org))
      if (r.clinic_id !== undefined) clinicsOfUser.set(r.user_id, (clinicsOfUser.get(r.user_id) ?? new Set()).add(r.clinic_id))
    }
    expect([...orgsOfUser.values()].some((s) => s.size >= 2)).toBe(true)
    expect([...clinicsOfUser.values()].filter((s) => s.size >= 2).length).toBeGreaterThanOrEqual(2)
    // logins spread over the history
    const loginMonths = new Set(byType("login").map((l) => str(l.at).slice(0, 7)))
    expect(loginMonths.size).toBeGreaterThanOrEqual(4)

    const rooms = byType("room")
    expect(new Set(rooms.map((r) => r.kind))).toEqual(new Set(["meeting", "group", "user"]))
    const kindOf = new Map(rooms.map((r) => [r.id, r.kind]))
    const callKinds = new Map<unknown, unknown>()
    const callPeople = new Map<unknown, Array<Rec>>()
    for (const e of events.filter((x) => x.event === "participant.joined" && x.room_call_id !== undefined)) {
      callKinds.set(e.room_call_id, kindOf.get(e.room_id))
      callPeople.set(e.room_call_id, [...(callPeople.get(e.room_call_id) ?? []), e])
    }
    expect(new Set(callKinds.values())).toEqual(new Set(["meeting", "group", "user"]))
    const groupSizes = [...callPeople].filter(([call]) => callKinds.get(call) === "group").map(([, js]) => new Set(js.map((j) => j.participant_id)).size)
    expect(Math.max(...groupSizes)).toBeGreaterThanOrEqual(5)
    const mixed = [...callPeople.values()].some((js) => js.some((j) => j.role === "host") && js.some((j) => j.role === "guest"))
    expect(mixed).toBe(true)
  })

  it("keeps activity inside the directory's lifetimes", () => {
    const deletedAt = new Map(byType("clinic").map((c) => [c.id, c.deleted_at as string | null]))
    const createdAt = new Map(byType("clinic").map((c) => [c.id, c.created_at as string]))
    const deactivated = new Map(byType("user").map((u) => [u.id, u.deactivated_at as string | null]))
    const epoch = (s: string) => Temporal.Instant.from(s).epochMilliseconds
    for (const e of events) {
      const clinic = (e.clinic_id ?? e.to_clinic_id) as string | undefined
      if (clinic !== undefined) {
        const deleted = deletedAt.get(clinic)
        if (deleted) expect(epoch(str(e.at))).toBeLessThan(epoch(deleted))
        expect(epoch(str(e.at))).toBeGreaterThan(epoch(createdAt.get(clinic)!))
      }
      if (e.role === "host") {
        const off = deactivated.get(str(e.user_id))
        if (off) expect(epoch(str(e.at))).toBeLessThan(epoch(off))
      }
    }
  })

  it("names demo clinics and rooms awkwardly", () => {
    const demoClinics = byType("clinic").filter((c) => c.organisation_id === demoOrganisationId)
    const ids = new Set(demoClinics.map((c) => c.id))
    const names = [...demoClinics, ...byType("room").filter((r) => ids.has(r.clinic_id))].map((r) => str(r.name))
    for (const prefix of ["=", "+", "-", "@"]) expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true)
    const clinicNames = demoClinics.map((c) => str(c.name))
    expect(clinicNames).toContain(`Cardiology, "North"`)
    expect(clinicNames.some((n) => /[À-ÿ]/.test(n))).toBe(true)
  })

  it("spans an Australian daylight-saving change", () => {
    const offsets = new Set(events.map((e) => sydneyOffset(str(e.at))))
    expect(offsets).toEqual(new Set(["+10:00", "+11:00"]))
    // weekday clinic hours are local: entries at 08:00-17:45 Sydney time on both sides of the change
    const hoursByOffset = new Map<string, number>()
    for (const e of events.filter((x) => x.event === "waiting_area.entered")) {
      const local = localTime(str(e.at))
      hoursByOffset.set(local.offset, Math.min(hoursByOffset.get(local.offset) ?? 24, local.hour))
    }
    expect([...hoursByOffset.values()]).toEqual([8, 8])
  })

  it("estimates participant rows within 20%", () => {
    const count = (o: DemoOptions) => {
      const rows = new Set<string>()
      for (const e of generateDemo(o)) {
        if (e.type !== "event") continue
        if (e.event === "waiting_area.entered" || e.event === "participant.joined")
          rows.add(`${str(e.segment_id ?? e.room_call_id)}|${str(e.participant_id)}`)
        if (e.event === "call.transferred") rows.add(`${str(e.to_segment_id)}|caller`)
      }
      return rows.size
    }
    for (const o of [options, { seed: 3, now, months: 1, organisations: 1, clinicsPerOrganisation: 3, sessionsPerClinicPerDay: 4 }]) {
      const real = count(o)
      expect(Math.abs(estimateParticipantRows(o) - real) / real).toBeLessThan(0.2)
    }
  })

  it("rejects bad options", () => {
    expect(() => [...generateDemo({ seed: 1, now, months: 0 })]).toThrow(/months/)
    expect(() => [...generateDemo({ seed: 1, now, timezone: "Mars/Olympus" })]).toThrow()
    expect(() => estimateParticipantRows({ seed: 1, now: "2026-11-26T07:00:00" })).toThrow()
  })
})
