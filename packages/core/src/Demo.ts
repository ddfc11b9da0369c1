/**
 * A seeded generator of realistic telehealth platform data: the NDJSON record objects of SPEC §4 (directory
 * records, then logins and call events in time order) for `vcr demo`, tests and benchmarks. Same seed and
 * options give the same output; it streams, so a benchmark can draw millions of participant rows from it.
 */
import { civilFromDays } from "./Instant.ts"
import { Temporal } from "@js-temporal/polyfill"

/** Options of the demo generator; only `seed` and `now` are required. */
export interface DemoOptions {
  /** Same seed + same options => identical output. */
  readonly seed: number
  /** ISO instant with offset, e.g. "2026-11-26T07:00:00Z"; nothing is generated after it. */
  readonly now: string
  /** History length before now, in months (default 4). */
  readonly months?: number
  /** Number of organisations (default 2); the first is the demo organisation "org-demo", "Harbour Health". */
  readonly organisations?: number
  /** Clinics per organisation (default 4). */
  readonly clinicsPerOrganisation?: number
  /** Waiting-area sessions per clinic per weekday (default 6; fewer on weekends). */
  readonly sessionsPerClinicPerDay?: number
  /** IANA zone of the clinics' local hours (default "Australia/Sydney"). */
  readonly timezone?: string
}

/** The id of the demo organisation ("Harbour Health"). */
export const demoOrganisationId = "org-demo"

/** The id of the demo organisation's administrator ("Alex Admin"). */
export const demoAdminUserId = "u-demo-admin"

// ---------------------------------------------------------------------------------------------------------------
// Small pure helpers: PRNG, instant formatting, options

const HOUR = 3600
const MS_DAY = 86_400_000

const mix = (a: number, b: number): number => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

type Rng = () => number

/** mulberry32: a tiny fast PRNG, uniform in [0, 1). */
const mulberry32 = (seed: number): Rng => {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seedRng = (seed: number, stream: number): Rng => {
  const whole = Math.trunc(seed)
  const lo = whole >>> 0
  const hi = Math.floor(whole / 4294967296) >>> 0
  return mulberry32(mix(mix(lo, hi), stream))
}

const pad = (n: number, width: number) => String(n).padStart(width, "0")

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SSZ` (seconds precision), caching the date part. */
const makeIso = () => {
  let cachedDay = Number.NaN
  let prefix = ""
  return (ms: number): string => {
    const day = Math.floor(ms / MS_DAY)
    if (day !== cachedDay) {
      cachedDay = day
      const [y, m, d] = civilFromDays(day)
      prefix = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T`
    }
    const s = Math.floor((ms - day * MS_DAY) / 1000)
    const hh = Math.floor(s / 3600)
    const mm = Math.floor((s % 3600) / 60)
    const ss = s % 60
    return `${prefix}${hh < 10 ? "0" : ""}${hh}:${mm < 10 ? "0" : ""}${mm}:${ss < 10 ? "0" : ""}${ss}Z`
  }
}

interface Resolved {
  readonly seed: number
  readonly nowMs: number
  readonly months: number
  readonly organisations: number
  readonly clinics: number
  readonly sessions: number
  readonly timezone: string
}

const positiveInt = (name: string, value: number | undefined, fallback: number, min: number): number => {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v < min) throw new RangeError(`demo option ${name} must be an integer >= ${min}, got ${v}`)
  return v
}

const resolve = (o: DemoOptions): Resolved => {
  if (!Number.isFinite(o.seed)) throw new RangeError(`demo option seed must be a finite number, got ${o.seed}`)
  const timezone = o.timezone ?? "Australia/Sydney"
  Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timezone) // throws RangeError on an unknown zone
  return {
    seed: o.seed,
    nowMs: Temporal.Instant.from(o.now).epochMilliseconds,
    months: positiveInt("months", o.months, 4, 1),
    organisations: positiveInt("organisations", o.organisations, 2, 1),
    clinics: positiveInt("clinicsPerOrganisation", o.clinicsPerOrganisation, 4, 1),
    sessions: positiveInt("sessionsPerClinicPerDay", o.sessionsPerClinicPerDay, 6, 0),
    timezone
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The plan: the local days of the history and the directory (organisations, clinics, users, roles, rooms)

interface Day {
  readonly index: number
  /** Epoch ms of local 00:00 as reckoned with the day's noon offset (local clock time = base + seconds). */
  readonly base: number
  /** ISO day of week, 1 = Monday. */
  readonly dow: number
}

interface UserPlan {
  readonly index: number
  readonly id: string
  readonly name: string
  readonly email: string
  readonly createdAt: number
  readonly deactivatedAt: number | null
  /** Active (may log in and host) on days fromDay <= d < toDay. */
  readonly fromDay: number
  readonly toDay: number
  readonly loginRate: number
}

interface StaffPlan {
  readonly user: UserPlan
  readonly role: string
  readonly fromDay: number
  readonly toDay: number
  /** Takes waiting-area calls (team members, clinic admins). */
  readonly consults: boolean
}

interface RoomPlan {
  readonly index: number
  readonly id: string
  readonly kind: "meeting" | "group" | "user"
  readonly name: string
  readonly owner: UserPlan | null
  readonly createdAt: number
  readonly deletedAt: number | null
  readonly tags: Record<string, string | null>
}

interface ClinicPlan {
  readonly index: number
  readonly id: string
  readonly org: number
  readonly name: string
  readonly subdomain: string
  readonly status: "open" | "closed"
  readonly state: string
  readonly specialty: string
  readonly consultationName: string
  readonly createdAt: number
  readonly deletedAt: number | null
  readonly tags: Record<string, string | null>
  /** Waiting-area sessions on days sessionFrom <= d < sessionTo. */
  readonly sessionFrom: number
  readonly sessionTo: number
  /** Room calls on days roomFrom <= d < roomTo. */
  readonly roomFrom: number
  readonly roomTo: number
  readonly staff: Array<StaffPlan>
  readonly rooms: Array<RoomPlan>
}

interface OrgPlan {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly state: string
  readonly specialty: string
  readonly contract: string
  readonly createdAt: number
  readonly clinics: Array<ClinicPlan>
}

interface RolePlan {
  readonly type: "organisation_role" | "clinic_role"
  readonly userId: string
  readonly scopeId: string
  readonly role: string
  readonly grantedAt: number
  readonly revokedAt: number | null
}

interface Plan {
  readonly days: ReadonlyArray<Day>
  readonly orgs: ReadonlyArray<OrgPlan>
  readonly users: ReadonlyArray<UserPlan>
  readonly roles: ReadonlyArray<RolePlan>
  readonly clinics: ReadonlyArray<ClinicPlan>
  readonly rooms: ReadonlyArray<RoomPlan>
}

const orgNames = [
  ["Metro Health", "metro"],
  ["Coastal Care Network", "coastal"],
  ["Inland Medical Group", "inland"],
  ["Southern Cross Telehealth", "southerncross"],
  ["Bayside Clinics", "bayside"],
  ["Northern Rivers Health", "northernrivers"]
] as const
const states = ["NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"]
const specialties = [
  "Cardiology",
  "Dermatology",
  "Endocrinology",
  "General Practice",
  "Mental Health",
  "Paediatrics",
  "Physiotherapy",
  "Oncology",
  "Renal Medicine",
  "Respiratory",
  "Sleep Medicine",
  "Wound Care"
]
const suburbs = ["Parramatta", "Newcastle", "Wollongong", "Geelong", "Ballarat", "Townsville", "Cairns", "Dubbo", "Orange"]
/** Demo organisation clinics: every awkward spelling a spreadsheet or CSV writer must survive. */
const demoClinicNames: ReadonlyArray<readonly [string, string]> = [
  [`Cardiology, "North"`, "Cardiology"],
  ["Clínica Señor Ávila", "General Practice"],
  ["=Pathology", "Pathology"],
  ["+Plus Clinic", "General Practice"],
  ["-Minus Dermatology", "Dermatology"],
  ["@home visits", "Community Care"],
  ["Paediatrics (Ward 7; \"Koala\")", "Paediatrics"],
  ["Mental Health – Après-midi", "Mental Health"]
]
const firstNames = [
  "Ann", "Ben", "Chloé", "Dev", "Emily", "Farah", "George", "Hana", "Isaac", "Jess", "Kai", "Liam", "Mei", "Noah",
  "Olivia", "Priya", "Quinn", "Ruby", "Sam", "Tariq", "Uma", "Vikram", "Wen", "Xavier", "Yusuf", "Zoë", "Siobhán",
  "José", "Ngaio", "Aroha", "Mia", "Leo", "Grace", "Oscar", "Ava", "Hamish"
]
const lastNames = [
  "Lee", "Nguyễn", "Smith", "O'Brien", "Patel", "Chen", "Williams", "Kowalski", "Müller", "Jones", "Singh", "Brown",
  "García", "Wilson", "Taylor", "Anderson", "Murphy", "Kelly", "Martin", "Tran", "Rossi", "Khan", "Walker", "Young",
  "D'Souza", "Hughes", "Ng", "Papadopoulos"
]

const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

const localDays = (r: Resolved): Array<Day> => {
  const tz = r.timezone
  const nowZ = Temporal.Instant.fromEpochMilliseconds(r.nowMs).toZonedDateTimeISO(tz)
  const last = nowZ.toPlainDate()
  let date = last.subtract({ months: r.months })
  const days: Array<Day> = []
  while (Temporal.PlainDate.compare(date, last) <= 0) {
    const noon = date.toZonedDateTime({ timeZone: tz, plainTime: Temporal.PlainTime.from("12:00") })
    days.push({ index: days.length, base: noon.epochMilliseconds - 12 * HOUR * 1000, dow: date.dayOfWeek })
    date = date.add({ days: 1 })
  }
  return days
}

const buildPlan = (r: Resolved): Plan => {
  const rng = seedRng(r.seed, 1)
  const days = localDays(r)
  const n = days.length
  const first = days[0]!
  const dayAt = (i: number) => days[Math.min(Math.max(i, 0), n - 1)]!
  const X = (frac: number) => Math.min(Math.max(Math.round(frac * n), 1), n - 1)
  /** An instant at local 06:30 of day i (before any activity of that day): starts take effect that day. */
  const startOf = (i: number) => dayAt(i).base + 6.5 * HOUR * 1000
  /** An instant at local 23:30 of the day before day i (after its activity): ends take effect on day i. */
  const endBefore = (i: number) => dayAt(i).base - 0.5 * HOUR * 1000
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rng() * xs.length)]!
  const users: Array<UserPlan> = []
  const roles: Array<RolePlan> = []
  const clinics: Array<ClinicPlan> = []
  const rooms: Array<RoomPlan> = []
  const emails = new Set<string>()
  let userSeq = 0

  const newUser = (
    domain: string,
    createdAt: number,
    opts: { fromDay?: number; deactivateDay?: number; loginRate: number; id?: string; name?: string; email?: string }
  ): UserPlan => {
    const name = opts.name ?? `${pick(firstNames)} ${pick(lastNames)}`
    let email = opts.email
    if (email === undefined) {
      const local = slug(name).replace(/-/g, ".")
      email = `${local}@${domain}`
      for (let k = 2; emails.has(email); k++) email = `${local}${k}@${domain}`
    }
    emails.add(email)
    const id = opts.id ?? `u-${pad(++userSeq, 4)}`
    const deactivatedAt = opts.deactivateDay === undefined ? null : endBefore(opts.deactivateDay)
    const user: UserPlan = {
      index: users.length,
      id,
      name,
      email,
      createdAt,
      deactivatedAt,
      fromDay: opts.fromDay ?? 0,
      toDay: opts.deactivateDay ?? n,
      loginRate: opts.loginRate
    }
    users.push(user)
    return user
  }
  const grant = (
    type: RolePlan["type"],
    user: UserPlan,
    scopeId: string,
    role: string,
    grantedAt: number,
    revokedAt: number | null = null
  ) => roles.push({ type, userId: user.id, scopeId, role, grantedAt, revokedAt })

  const teamSize = 3 + Math.floor(r.sessions / 4)
  const x30 = X(0.3)
  const x40 = X(0.4)
  const x45 = X(0.45)
  const x50 = X(0.5)
  const x55 = X(0.55)
  const x65 = X(0.65)
  const orgs: Array<OrgPlan> = []
  for (let o = 0; o < r.organisations; o++) {
    const demo = o === 0
    const [baseName, baseDomain] = orgNames[(o - 1) % orgNames.length] ?? ["", ""]
    const round = Math.floor((o - 1) / orgNames.length)
    const name = demo ? "Harbour Health" : round === 0 ? baseName : `${baseName} ${round + 1}`
    const domain = demo ? "harbour.example" : `${baseDomain}${round === 0 ? "" : round + 1}.example`
    const orgKey = demo ? "demo" : String(o + 1)
    const createdAt = first.base - (420 + 37 * o) * MS_DAY + 9 * HOUR * 1000
    const org: OrgPlan = {
      id: demo ? demoOrganisationId : `org-${o + 1}`,
      name,
      domain,
      state: demo ? "NSW" : states[o % states.length]!,
      specialty: demo ? "Multi-specialty" : pick(specialties),
      contract: o % 3 === 1 ? "Enterprise" : "Standard",
      createdAt,
      clinics: []
    }
    orgs.push(org)
    const staffCreated = createdAt + 2 * MS_DAY
    // organisation roles
    const admin = newUser(domain, createdAt, demo
      ? { id: demoAdminUserId, name: "Alex Admin", email: "alex.admin@harbour.example", loginRate: 0.7 }
      : { loginRate: 0.5 })
    grant("organisation_role", admin, org.id, "organisation_admin", createdAt)
    const coordinator = newUser(domain, staffCreated, { loginRate: 0.4 })
    grant("organisation_role", coordinator, org.id, "organisation_coordinator", staffCreated)
    const reporter = newUser(domain, staffCreated, { loginRate: 0.25 })
    grant("organisation_role", reporter, org.id, "organisation_reporter", staffCreated)
    // the coordinator is also granted the reporter role during the history
    if (demo) grant("organisation_role", coordinator, org.id, "organisation_reporter", startOf(x40))

    let previousAdmin: UserPlan | null = null
    let carryMember: UserPlan | null = null
    for (let k = 0; k < r.clinics; k++) {
      const kind = k === 1 ? "closed" : k === 2 ? "deleted" : k === 3 ? "created" : "normal"
      const [clinicName, specialty] = demo && k < demoClinicNames.length
        ? demoClinicNames[k]!
        : (() => {
            const sp = specialties[(o * 5 + k) % specialties.length]!
            const suburb = suburbs[(o + k) % suburbs.length]!
            const nm = k < specialties.length ? `${sp} ${suburb}` : `${sp} ${suburb} ${Math.floor(k / specialties.length) + 1}`
            return [nm, sp] as const
          })()
      const clinicCreated = kind === "created" ? startOf(x30) : createdAt + (3 + k) * MS_DAY
      const clinicDeleted = kind === "deleted" ? endBefore(x65) : null
      const sessionFrom = kind === "created" ? x30 : 0
      const sessionTo = kind === "closed" ? x50 : kind === "deleted" ? x65 : n
      const roomTo = kind === "deleted" ? x65 : n
      const id = `cl-${orgKey}-${k + 1}`
      const clinic: ClinicPlan = {
        index: clinics.length,
        id,
        org: o,
        name: clinicName,
        subdomain: `${slug(domain.split(".")[0]!)}-${slug(clinicName) || "clinic"}-${k + 1}`,
        status: kind === "closed" ? "closed" : "open",
        state: org.state,
        specialty,
        consultationName: `${specialty} consultation`,
        createdAt: clinicCreated,
        deletedAt: clinicDeleted,
        tags: {
          cost_centre: `CC-${o + 1}${pad(k + 1, 2)}`,
          region: k === 2 ? null : pick(["Sydney North", "Sydney South", "Hunter", "Illawarra", "Western NSW", "Regional"])
        },
        sessionFrom,
        sessionTo,
        roomFrom: sessionFrom,
        roomTo,
        staff: [],
        rooms: []
      }
      org.clinics.push(clinic)
      clinics.push(clinic)
      const joinAt = (user: UserPlan) => Math.max(clinicCreated, user.createdAt) + HOUR * 1000
      const staffFromDay = kind === "created" ? x30 : 0
      const members = (user: UserPlan, role: string, consults: boolean, revokeDay?: number) => {
        const grantedAt = joinAt(user)
        grant("clinic_role", user, id, role, grantedAt, revokeDay === undefined ? null : endBefore(revokeDay))
        clinic.staff.push({ user, role, fromDay: Math.max(staffFromDay, user.fromDay), toDay: Math.min(revokeDay ?? n, roomTo), consults })
      }
      const created = kind === "created" ? clinicCreated - HOUR * 1000 : staffCreated + k * MS_DAY
      const createdDay = kind === "created" ? x30 : 0
      // clinic admin (the first clinic's admin also administers the second clinic)
      if (k === 1 && previousAdmin) members(previousAdmin, "clinic_admin", true)
      const clinicAdmin = newUser(domain, created, { fromDay: createdDay, loginRate: 0.5 })
      members(clinicAdmin, "clinic_admin", true)
      if (k === 0) previousAdmin = clinicAdmin
      members(newUser(domain, created, { fromDay: createdDay, loginRate: 0.55 }), "clinic_clerk", false)
      members(newUser(domain, created, { fromDay: createdDay, loginRate: 0.1 }), "service_referrer", false)
      // team members: one also works in the next clinic, one is deactivated, one loses the role
      for (let m = 0; m < teamSize; m++) {
        const deactivate = k === Math.min(1, r.clinics - 1) && m === 1
        const revoke = k === 0 && m === teamSize - 1
        const user = newUser(domain, created, {
          fromDay: createdDay,
          loginRate: 0.6,
          ...(deactivate ? { deactivateDay: x55 } : {})
        })
        members(user, "team_member", true, revoke ? x45 : undefined)
        if (m === 0 && k % 2 === 1 && carryMember) members(carryMember, "team_member", true)
        if (m === 0) carryMember = user
      }
      if (k === 0) {
        // a provider who joins during the history, and the coordinator who also consults
        members(newUser(domain, startOf(x40) - HOUR * 1000, { fromDay: x40, loginRate: 0.6 }), "team_member", true)
        members(coordinator, "team_member", true)
      }
      // rooms: a meeting room, a group room, user rooms of the first two team members
      const owners = clinic.staff.filter((s) => s.role === "team_member" && s.user !== coordinator)
      const roomCreated = clinicCreated + 4 * HOUR * 1000
      const room = (j: number, kind: RoomPlan["kind"], name: string, owner: UserPlan | null, tags: Record<string, string | null> = {}) => {
        const plan: RoomPlan = {
          index: rooms.length,
          id: `room-${orgKey}-${k + 1}-${j}`,
          kind,
          name,
          owner,
          createdAt: roomCreated,
          deletedAt: clinicDeleted,
          tags
        }
        clinic.rooms.push(plan)
        rooms.push(plan)
      }
      room(1, "meeting", demo && k === 0 ? "-Morning huddle" : "Case conference", null, demo && k === 0 ? { cost_centre: "CC-ROOM-1" } : {})
      room(2, "group", demo && k === 0 ? "@home visits group" : `${specialty} education group`, null)
      owners.slice(0, 2).forEach((s, j) => room(3 + j, "user", `${s.user.name}'s room`, s.user))
    }
    // a provider working in two organisations
    if (o === 1) {
      const locum = newUser("locum.example", orgs[0]!.createdAt + 30 * MS_DAY, {
        name: "Jordan Nguyễn-Locum",
        email: "jordan.locum@locum.example",
        loginRate: 0.5
      })
      for (const clinic of [orgs[0]!.clinics[0]!, org.clinics[0]!]) {
        grant("clinic_role", locum, clinic.id, "team_member", Math.max(clinic.createdAt, locum.createdAt) + HOUR * 1000)
        clinic.staff.push({ user: locum, role: "team_member", fromDay: 0, toDay: n, consults: true })
      }
    }
  }
  return { days, orgs, users, roles, clinics, rooms }
}

// ---------------------------------------------------------------------------------------------------------------
// Directory records

function* directory(plan: Plan, r: Resolved, iso: (ms: number) => string): Generator<Record<string, unknown>> {
  const at = (ms: number | null) => (ms === null ? null : iso(ms))
  for (const org of plan.orgs) {
    yield {
      type: "organisation",
      id: org.id,
      name: org.name,
      state: org.state,
      specialty: org.specialty,
      contract: org.contract,
      created_at: iso(org.createdAt),
      deleted_at: null
    }
  }
  for (const [o, org] of plan.orgs.entries()) {
    yield {
      type: "reporting_configuration",
      organisation_id: org.id,
      tags: [
        { key: "cost_centre", label: "Cost centre" },
        { key: "region", label: "Region" }
      ],
      bandwidth_columns: o !== 1,
      default_timezone: r.timezone,
      default_minimum_duration_minutes: 0
    }
  }
  for (const org of plan.orgs) {
    for (const c of org.clinics) {
      yield {
        type: "clinic",
        id: c.id,
        organisation_id: org.id,
        name: c.name,
        subdomain: c.subdomain,
        status: c.status,
        state: c.state,
        specialty: c.specialty,
        contract: org.contract,
        consultation_name: c.consultationName,
        created_at: iso(c.createdAt),
        deleted_at: at(c.deletedAt),
        tags: c.tags
      }
    }
  }
  for (const u of plan.users) {
    yield { type: "user", id: u.id, name: u.name, email: u.email, created_at: iso(u.createdAt), deactivated_at: at(u.deactivatedAt) }
  }
  for (const role of plan.roles) {
    yield role.type === "organisation_role"
      ? {
          type: "organisation_role",
          user_id: role.userId,
          organisation_id: role.scopeId,
          role: role.role,
          granted_at: iso(role.grantedAt),
          revoked_at: at(role.revokedAt)
        }
      : {
          type: "clinic_role",
          user_id: role.userId,
          clinic_id: role.scopeId,
          role: role.role,
          granted_at: iso(role.grantedAt),
          revoked_at: at(role.revokedAt)
        }
  }
  for (const org of plan.orgs) {
    for (const c of org.clinics) {
      for (const room of c.rooms) {
        yield {
          type: "room",
          id: room.id,
          clinic_id: c.id,
          kind: room.kind,
          name: room.name,
          owner_user_id: room.owner?.id ?? null,
          created_at: iso(room.createdAt),
          deleted_at: at(room.deletedAt),
          tags: room.tags
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Activity: sessions, room calls and logins, one local day at a time

/** Sessions of a clinic on a day of the week (ISO: 6 Saturday, 7 Sunday). */
const sessionsOn = (perDay: number, dow: number) => (dow === 6 ? Math.floor(perDay / 3) : dow === 7 ? Math.floor(perDay / 6) : perDay)
/** Expected room calls of a clinic on a day of the week. */
const roomCallsOn = (perDay: number, dow: number) => (dow === 6 ? perDay / 12 : dow === 7 ? 0 : perDay / 4)
/** Opening hours, local seconds: [open, last entry). */
const hoursOn = (dow: number): readonly [number, number] =>
  dow === 6 ? [9 * HOUR, 13 * HOUR] : dow === 7 ? [10 * HOUR, 14 * HOUR] : [8 * HOUR, 17.75 * HOUR]

/**
 * Kinds of pending line. At one instant the engine orders entries, transfers, leaves, joins (SPEC §4); logins,
 * which are not events, sort after them.
 */
const L_ENTERED = 0
const L_TRANSFERRED = 1
const L_LEFT_SEGMENT = 2
const L_LEFT_ROOM = 3
const L_JOINED_SEGMENT_HOST = 4
const L_JOINED_SEGMENT_CALLER = 5
const L_JOINED_ROOM_HOST = 6
const L_JOINED_ROOM_GUEST = 7
const L_LOGIN = 8
const rankOf = [0, 1, 2, 2, 3, 3, 3, 3, 4]
/** Sort keys pack (seconds, rank, insertion index); the index takes the low 26 bits. */
const SEQ = 2 ** 26

/**
 * The pending lines of about a day, in typed columns: what waits to be sorted costs the garbage collector
 * nothing, and the record objects are made only as they are yielded. Columns a-e hold numbers whose meaning
 * depends on the kind (sequence numbers of ids, indexes of clinics, rooms and users).
 */
class Lines {
  n = 0
  cap = 0
  t = new Float64Array(0)
  kind = new Uint8Array(0)
  a = new Int32Array(0)
  b = new Int32Array(0)
  c = new Int32Array(0)
  d = new Int32Array(0)
  e = new Int32Array(0)
  hasBw = new Uint8Array(0)
  bw = new Int32Array(0)

  constructor(cap: number) {
    this.resize(cap)
  }

  private resize(cap: number) {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T, size: number): T => {
      const next = make(size)
      next.set(old.subarray(0, Math.min(old.length, size)))
      return next
    }
    this.t = grow(this.t, (k) => new Float64Array(k), cap)
    this.kind = grow(this.kind, (k) => new Uint8Array(k), cap)
    this.a = grow(this.a, (k) => new Int32Array(k), cap)
    this.b = grow(this.b, (k) => new Int32Array(k), cap)
    this.c = grow(this.c, (k) => new Int32Array(k), cap)
    this.d = grow(this.d, (k) => new Int32Array(k), cap)
    this.e = grow(this.e, (k) => new Int32Array(k), cap)
    this.hasBw = grow(this.hasBw, (k) => new Uint8Array(k), cap)
    this.bw = grow(this.bw, (k) => new Int32Array(k), cap * 6)
    this.cap = cap
  }

  push(t: number, kind: number, a: number, b: number, c: number, d: number, e: number): number {
    if (this.n === this.cap) {
      if (this.cap * 2 > SEQ) throw new RangeError("demo: too many events in one day")
      this.resize(this.cap * 2)
    }
    const i = this.n++
    this.t[i] = t
    this.kind[i] = kind
    this.a[i] = a
    this.b[i] = b
    this.c[i] = c
    this.d[i] = d
    this.e[i] = e
    this.hasBw[i] = 0
    return i
  }

  copyFrom(from: Lines, i: number) {
    const j = this.push(from.t[i]!, from.kind[i]!, from.a[i]!, from.b[i]!, from.c[i]!, from.d[i]!, from.e[i]!)
    if (from.hasBw[i] === 1) {
      this.hasBw[j] = 1
      this.bw.set(from.bw.subarray(i * 6, i * 6 + 6), j * 6)
    }
  }
}

/** Yields one plain object per NDJSON line, directory records first, then events in time order. */
export function* generateDemo(options: DemoOptions): Generator<Record<string, unknown>> {
  const r = resolve(options)
  const plan = buildPlan(r)
  const iso = makeIso()
  yield* directory(plan, r, iso)

  const rng = seedRng(r.seed, 2)
  const nowMs = r.nowMs
  const days = plan.days
  const orgs = plan.orgs
  let eventSeq = 0
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

  function record(l: Lines, i: number): Record<string, unknown> {
    const kind = l.kind[i]!
    const at = iso(l.t[i]!)
    if (kind === L_LOGIN) return { type: "login", user_id: plan.users[l.a[i]!]!.id, at }
    const id = `e-${pad(++eventSeq, 8)}`
    const a = l.a[i]!
    const pid = `p-${pad(l.e[i]!, 8)}`
    switch (kind) {
      case L_ENTERED:
        return {
          type: "event",
          id,
          event: "waiting_area.entered",
          at,
          session_id: `s-${pad(a, 7)}`,
          segment_id: `g-${pad(l.b[i]!, 7)}`,
          queued_call_id: `q-${pad(l.c[i]!, 7)}`,
          clinic_id: plan.clinics[l.d[i]!]!.id,
          participant_id: pid
        }
      case L_TRANSFERRED:
        return {
          type: "event",
          id,
          event: "call.transferred",
          at,
          segment_id: `g-${pad(a, 7)}`,
          to_clinic_id: plan.clinics[l.b[i]!]!.id,
          to_segment_id: `g-${pad(l.c[i]!, 7)}`,
          to_queued_call_id: `q-${pad(l.d[i]!, 7)}`
        }
      case L_JOINED_SEGMENT_HOST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          segment_id: `g-${pad(a, 7)}`,
          participant_id: pid,
          role: "host",
          user_id: plan.users[l.b[i]!]!.id
        }
      case L_JOINED_SEGMENT_CALLER:
        return { type: "event", id, event: "participant.joined", at, segment_id: `g-${pad(a, 7)}`, participant_id: pid, role: "caller" }
      case L_JOINED_ROOM_HOST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          room_id: plan.rooms[l.b[i]!]!.id,
          room_call_id: `rc-${pad(a, 7)}`,
          participant_id: pid,
          role: "host",
          user_id: plan.users[l.c[i]!]!.id
        }
      case L_JOINED_ROOM_GUEST:
        return {
          type: "event",
          id,
          event: "participant.joined",
          at,
          room_id: plan.rooms[l.b[i]!]!.id,
          room_call_id: `rc-${pad(a, 7)}`,
          participant_id: pid,
          role: "guest"
        }
      default: {
        const rec: Record<string, unknown> =
          kind === L_LEFT_SEGMENT
            ? { type: "event", id, event: "participant.left", at, segment_id: `g-${pad(a, 7)}`, participant_id: pid }
            : { type: "event", id, event: "participant.left", at, room_call_id: `rc-${pad(a, 7)}`, participant_id: pid }
        if (l.hasBw[i] === 1) {
          const bw = l.bw
          const o = i * 6
          rec["bandwidth"] = {
            min_sent_kbps: bw[o],
            max_sent_kbps: bw[o + 1],
            avg_sent_kbps: bw[o + 2],
            min_received_kbps: bw[o + 3],
            max_received_kbps: bw[o + 4],
            avg_received_kbps: bw[o + 5]
          }
        }
        return rec
      }
    }
  }
}

/** Rough number of participant rows (consultation + room-call participant rows) for the given options, for sizing benchmarks. */
export const estimateParticipantRows = (options: DemoOptions): number => {
  const r = resolve(options)
  const plan = buildPlan(r)
  let sessions = 0
  let roomCalls = 0
  for (const day of plan.days) {
    for (const org of plan.orgs) {
      for (const c of org.clinics) {
        if (c.sessionFrom <= day.index && day.index < c.sessionTo) sessions += sessionsOn(r.sessions, day.dow)
        if (c.roomFrom <= day.index && day.index < c.roomTo) roomCalls += roomCallsOn(r.sessions, day.dow)
      }
    }
  }
  return Math.round(sessions * ROWS_PER_SESSION + roomCalls * ROWS_PER_ROOM_CALL)
}

/** Participant rows per session and per room call, as measured on large runs of this generator. */
const ROWS_PER_SESSION = 2.34
const ROWS_PER_ROOM_CALL = 3.35
