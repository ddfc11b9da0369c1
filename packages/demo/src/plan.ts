/**
 * The plan of a demo history: its local days and the directory (organisations, clinics, users, roles, rooms),
 * with the changes the reports must show (a clinic closed, one deleted, one created, a user deactivated, a role
 * revoked, a provider in two organisations). Drawn from the seed's first PRNG stream.
 */
import { Temporal } from "@js-temporal/polyfill"
import { demoClinicNames, firstNames, lastNames, orgNames, slug, specialties, states, suburbs } from "./names.ts"
import type { Resolved } from "./options.ts"
import { seedRng } from "./random.ts"
import { HOUR, MS_DAY, pad } from "./time.ts"

/** The id of the demo organisation ("Harbour Health"). */
export const demoOrganisationId = "org-demo"

/** The id of the demo organisation's administrator ("Alex Admin"). */
export const demoAdminUserId = "u-demo-admin"

/** A local day of the history. */
export interface Day {
  readonly index: number
  /** Epoch ms of local 00:00 as reckoned with the day's noon offset (local clock time = base + seconds). */
  readonly base: number
  /** ISO day of week, 1 = Monday. */
  readonly dow: number
}


/** A user, with the days they are active. */
export interface UserPlan {
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


/** A clinic role held by a user, for the days it is held. */
export interface StaffPlan {
  readonly user: UserPlan
  readonly role: string
  readonly fromDay: number
  readonly toDay: number
  /** Takes waiting-area calls (team members, clinic admins). */
  readonly consults: boolean
}

/** A room of a clinic. */
export interface RoomPlan {
  readonly index: number
  readonly id: string
  readonly kind: "meeting" | "group" | "user"
  readonly name: string
  readonly owner: UserPlan | null
  readonly createdAt: number
  readonly deletedAt: number | null
  readonly tags: Record<string, string | null>
}

/** A clinic, with its staff, rooms and the days it has activity. */
export interface ClinicPlan {
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

/** An organisation and its clinics. */
export interface OrgPlan {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly state: string
  readonly specialty: string
  readonly contract: string
  readonly createdAt: number
  readonly clinics: Array<ClinicPlan>
}

/** An organisation or clinic role grant. */
export interface RolePlan {
  readonly type: "organisation_role" | "clinic_role"
  readonly userId: string
  readonly scopeId: string
  readonly role: string
  readonly grantedAt: number
  readonly revokedAt: number | null
}

/** The whole plan; ids index into these arrays (a plan's `index` fields). */
export interface Plan {
  readonly days: ReadonlyArray<Day>
  readonly orgs: ReadonlyArray<OrgPlan>
  readonly users: ReadonlyArray<UserPlan>
  readonly roles: ReadonlyArray<RolePlan>
  readonly clinics: ReadonlyArray<ClinicPlan>
  readonly rooms: ReadonlyArray<RoomPlan>
}

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

/** Draws the plan of a history from the seed (stream 1). */
export const buildPlan = (r: Resolved): Plan => {
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
