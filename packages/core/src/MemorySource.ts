/**
 * An in-memory ReportSource built from decoded records: the reference implementation of the port. Core's
 * tests run reports on it; the store's contract tests compare against the same rules. Not for large data.
 */
import { components } from "./Components.ts"
import type { RoomCallBundle, SessionBundle, SessionFigures } from "./Facts.ts"
import { compareCodePoints } from "./Order.ts"
import { compareSessions, linkKeys, project } from "./Projection.ts"
import type {
  CallEvent, Clinic, ClinicRole, InputRecord, Login, Organisation, OrganisationRole, ReportingConfiguration, Room, User
} from "./Records.ts"
import type { DirectoryLookup } from "./reports/Run.ts"
import type { Directory, LoginSummary, ReportSource } from "./Source.ts"

/** Builds a ReportSource (and the look-ups a run needs) from records, applying upserts as the store does (R14). */
export const fromRecords = (records: ReadonlyArray<InputRecord>): ReportSource & DirectoryLookup => {
  const organisations = new Map<string, Organisation>()
  const clinics = new Map<string, Clinic>()
  const users = new Map<string, User>()
  const rooms = new Map<string, Room>()
  const organisationRoles = new Map<string, OrganisationRole>()
  const clinicRoles = new Map<string, ClinicRole>()
  const configurations = new Map<string, ReportingConfiguration>()
  const logins: Array<Login> = []
  const events = new Map<string, CallEvent>()
  for (const r of records) {
    switch (r.type) {
      case "organisation": organisations.set(r.id, r); break
      case "clinic": clinics.set(r.id, r); break
      case "user": users.set(r.id, r); break
      case "room": rooms.set(r.id, r); break
      case "organisation_role": organisationRoles.set(`${r.user_id}|${r.organisation_id}|${r.role}|${r.granted_at}`, r); break
      case "clinic_role": clinicRoles.set(`${r.user_id}|${r.clinic_id}|${r.role}|${r.granted_at}`, r); break
      case "reporting_configuration": configurations.set(r.organisation_id, r); break
      case "login": logins.push(r); break
      case "event": if (!events.has(r.id)) events.set(r.id, r); break
    }
  }
  const sessions: Array<SessionBundle> = []
  const calls: Array<RoomCallBundle> = []
  for (const group of components(events.values(), linkKeys)) {
    const p = project(group)
    sessions.push(...p.sessions)
    calls.push(...p.roomCalls)
  }
  sessions.sort(compareSessions)
  calls.sort((a, b) => a.call.start_at - b.call.start_at || compareCodePoints(a.call.room_call_id, b.call.room_call_id))
  const thresholdSessions = (end: number, threshold: number) =>
    sessions.filter((s) => s.session.entry_at < end && s.session.consultation_ms >= threshold)

  return {
    organisation: async (id) => organisations.get(id),
    clinic: async (id) => clinics.get(id),
    configuration: async (id) => configurations.get(id),
    directory: async (ids): Promise<Directory> => {
      const orgIds = new Set(ids)
      const cs = [...clinics.values()].filter((c) => orgIds.has(c.organisation_id))
      const clinicIds = new Set(cs.map((c) => c.id))
      return {
        organisations: [...organisations.values()].filter((o) => orgIds.has(o.id)),
        clinics: cs,
        rooms: [...rooms.values()].filter((r) => clinicIds.has(r.clinic_id)),
        organisationRoles: [...organisationRoles.values()].filter((r) => orgIds.has(r.organisation_id)),
        clinicRoles: [...clinicRoles.values()].filter((r) => clinicIds.has(r.clinic_id)),
        users,
        configurations: new Map([...configurations].filter(([id]) => orgIds.has(id)))
      }
    },
    sessions: async function* (q) {
      const wanted = new Set(q.clinicIds)
      for (const s of sessions) {
        if (s.session.entry_at < q.start || s.session.entry_at >= q.end) continue
        if (!s.segments.some((g) => wanted.has(g.segment.clinic_id))) continue
        yield q.participants ? s : { session: s.session, segments: s.segments.map((g) => ({ segment: g.segment, participants: [] })) }
      }
    },
    sessionFigures: async function* (q) {
      const wanted = new Set(q.clinicIds)
      const batch: Array<SessionFigures> = []
      for (const { session: s, segments } of sessions) {
        if (s.entry_at < q.start || s.entry_at >= q.end || !segments.some((g) => wanted.has(g.segment.clinic_id))) continue
        batch.push({ session_id: s.session_id, first_clinic_id: s.first_clinic_id, consultation_ms: s.consultation_ms, segments: segments.map((g) => g.segment) })
      }
      if (batch.length > 0) yield batch
    },
    roomCalls: async function* (q) {
      const wanted = new Set(q.roomIds)
      for (const c of calls) {
        if (c.call.start_at >= q.start && c.call.start_at < q.end && wanted.has(c.call.room_id)) yield q.participants === false ? { call: c.call, participants: [] } : c
      }
    },
    lastClinicConsultations: async (clinicIds, end, threshold) => {
      const out = new Map<string, number>()
      for (const clinicId of clinicIds) {
        const candidates = thresholdSessions(end, threshold).filter((s) =>
          s.segments.some((g) => g.segment.clinic_id === clinicId && g.segment.answered_at !== null)
        )
        const latest = candidates[candidates.length - 1]
        if (latest === undefined) continue
        const answers = latest.segments.filter((g) => g.segment.clinic_id === clinicId && g.segment.answered_at !== null).map((g) => g.segment.answered_at!)
        out.set(clinicId, Math.max(...answers))
      }
      return out
    },
    lastProviderConsultations: async (clinicIds, end, threshold) => {
      const wanted = new Set(clinicIds)
      const best = new Map<string, { clinic_id: string; user_id: string; at: number }>()
      for (const s of thresholdSessions(end, threshold)) {
        for (const { segment } of s.segments) {
          if (!wanted.has(segment.clinic_id)) continue
          for (const h of segment.hosts) {
            if (h.first_consult_at === null) continue
            const key = `${segment.clinic_id}|${h.user_id}`
            const prev = best.get(key)
            if (prev === undefined || h.first_consult_at > prev.at) best.set(key, { clinic_id: segment.clinic_id, user_id: h.user_id, at: h.first_consult_at })
          }
        }
      }
      return [...best.values()]
    },
    logins: async (userIds, start, end) => {
      const out = new Map<string, LoginSummary>()
      for (const id of userIds) {
        const mine = logins.filter((l) => l.user_id === id && l.at < end)
        out.set(id, {
          lastBeforeEnd: mine.length === 0 ? null : Math.max(...mine.map((l) => l.at)),
          inRange: mine.some((l) => l.at >= start)
        })
      }
      return out
    }
  }
}
