/**
 * Input for the store contract: the acceptance scenario, a small hand-written organisation with rooms,
 * logins and sessions for the aggregate queries, and a generator of many transferred sessions with tied entry
 * instants and awkward ids (for pagination, code-point order and components merged across batches).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { acceptanceDir } from "../../../test-support/fixtures.ts"

/** The input of the three-clinic-transfer acceptance scenario (kept in core's test fixtures). */
export const acceptancePath = join(acceptanceDir, "input.ndjson")

/** Its non-blank lines. */
export const acceptanceLines = (): Array<string> => readFileSync(acceptancePath, "utf8").split("\n").filter((l) => l.trim() !== "")

export const line = (value: Record<string, unknown>): string => JSON.stringify(value)

const event = (id: string, event: string, at: string, fields: Record<string, unknown>) => line({ type: "event", id, event, at, ...fields })

/** org-2 with two clinics, three rooms, room calls, logins and sessions whose "last consultation" is known. */
export const smallLines = (): Array<string> => [
  line({ type: "organisation", id: "org-2", name: "Harbour Care", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "clinic", id: "cl-x", organisation_id: "org-2", name: "X", status: "open", created_at: "2024-01-01T00:00:00Z", tags: { cc: "X-1" } }),
  line({ type: "clinic", id: "cl-y", organisation_id: "org-2", name: "Y", status: "closed", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-h1", name: "Hana One", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-h2", name: "Hugo Two", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "user", id: "u-lonely", name: "No Roles", created_at: "2024-01-01T00:00:00Z" }),
  line({ type: "clinic_role", user_id: "u-h2", clinic_id: "cl-y", role: "team_member", granted_at: "2024-01-02T00:00:00Z" }),
  line({ type: "room", id: "room-1", clinic_id: "cl-x", kind: "meeting", name: "Case conference", created_at: "2024-02-01T00:00:00Z", tags: { cc: "R-1" } }),
  line({ type: "room", id: "room-2", clinic_id: "cl-x", kind: "user", owner_user_id: "u-h1", created_at: "2024-02-01T00:00:00Z" }),
  line({ type: "room", id: "room-3", clinic_id: "cl-y", kind: "group", created_at: "2024-02-01T00:00:00Z" }),
  line({ type: "login", user_id: "u-h1", at: "2026-03-01T08:00:00Z" }),
  line({ type: "login", user_id: "u-h1", at: "2026-03-02T08:00:00Z" }),
  line({ type: "login", user_id: "u-h1", at: "2026-03-02T19:00:00+11:00" }), // the same instant again: kept once
  line({ type: "login", user_id: "u-h2", at: "2026-03-04T08:00:00Z" }),
  // Room calls: rc-0 the day before; rc-a and rc-Z start together (rc-Z first by code point); rc-3 in room-3 the day after.
  event("r-01", "participant.joined", "2026-03-01T09:00:00Z", { room_id: "room-1", room_call_id: "rc-0", participant_id: "p-0", role: "host", user_id: "u-h1" }),
  event("r-02", "participant.left", "2026-03-01T09:30:00Z", { room_call_id: "rc-0", participant_id: "p-0" }),
  event("r-03", "participant.joined", "2026-03-02T10:00:00Z", { room_id: "room-1", room_call_id: "rc-a", participant_id: "p-1", role: "host", user_id: "u-h1" }),
  event("r-04", "participant.joined", "2026-03-02T10:02:00Z", { room_id: "room-1", room_call_id: "rc-a", participant_id: "p-2", role: "guest" }),
  event("r-05", "participant.left", "2026-03-02T10:10:00Z", {
    room_call_id: "rc-a", participant_id: "p-2",
    bandwidth: { min_sent_kbps: 1, max_sent_kbps: 2, avg_sent_kbps: 1.5, min_received_kbps: 3, max_received_kbps: 4, avg_received_kbps: 3.5 }
  }),
  event("r-06", "participant.left", "2026-03-02T10:12:00Z", { room_call_id: "rc-a", participant_id: "p-1" }),
  event("r-07", "participant.joined", "2026-03-02T10:00:00Z", { room_id: "room-2", room_call_id: "rc-Z", participant_id: "p-3", role: "guest" }),
  event("r-08", "participant.joined", "2026-03-02T10:05:00Z", { room_id: "room-2", room_call_id: "rc-Z", participant_id: "p-4", role: "host", user_id: "u-h2" }),
  event("r-09", "participant.left", "2026-03-02T10:20:00Z", { room_call_id: "rc-Z", participant_id: "p-4" }),
  event("r-10", "participant.joined", "2026-03-03T10:00:00Z", { room_id: "room-3", room_call_id: "rc-3", participant_id: "p-5", role: "guest" }),
  event("r-11", "participant.left", "2026-03-03T10:01:00Z", { room_call_id: "rc-3", participant_id: "p-5" }),
  // Sessions in cl-x: sx-1 answered 03-01 09:01 for 10 min; sx-2 answered 03-02 09:02 for 2 min; sx-3 abandoned.
  event("x-01", "waiting_area.entered", "2026-03-01T09:00:00Z", { session_id: "sx-1", segment_id: "gx-1", queued_call_id: "qx-1", clinic_id: "cl-x", participant_id: "px-1" }),
  event("x-02", "participant.joined", "2026-03-01T09:01:00Z", { segment_id: "gx-1", participant_id: "hx-1", role: "host", user_id: "u-h1" }),
  event("x-03", "participant.left", "2026-03-01T09:11:00Z", { segment_id: "gx-1", participant_id: "px-1" }),
  event("x-04", "participant.left", "2026-03-01T09:12:00Z", { segment_id: "gx-1", participant_id: "hx-1" }),
  event("x-05", "waiting_area.entered", "2026-03-02T09:00:00Z", { session_id: "sx-2", segment_id: "gx-2", queued_call_id: "qx-2", clinic_id: "cl-x", participant_id: "px-2" }),
  event("x-06", "participant.joined", "2026-03-02T09:02:00Z", { segment_id: "gx-2", participant_id: "hx-2", role: "host", user_id: "u-h2" }),
  event("x-07", "participant.left", "2026-03-02T09:04:00Z", { segment_id: "gx-2", participant_id: "hx-2" }),
  event("x-08", "participant.left", "2026-03-02T09:05:00Z", { segment_id: "gx-2", participant_id: "px-2" }),
  event("x-09", "waiting_area.entered", "2026-03-02T11:00:00Z", { session_id: "sx-3", segment_id: "gx-3", queued_call_id: "qx-3", clinic_id: "cl-x", participant_id: "px-3" }),
  event("x-10", "participant.left", "2026-03-02T11:02:00Z", { segment_id: "gx-3", participant_id: "px-3" }),
  // cl-y: sy-Z and sy-a enter together; the latest by code point is sy-a (answered 12:03), not sy-Z (12:01).
  event("y-01", "waiting_area.entered", "2026-03-02T12:00:00Z", { session_id: "sy-Z", segment_id: "gy-Z", queued_call_id: "qy-1", clinic_id: "cl-y", participant_id: "py-1" }),
  event("y-02", "participant.joined", "2026-03-02T12:01:00Z", { segment_id: "gy-Z", participant_id: "hy-1", role: "host", user_id: "u-h2" }),
  event("y-03", "participant.left", "2026-03-02T12:30:00Z", { segment_id: "gy-Z", participant_id: "py-1" }),
  event("y-04", "waiting_area.entered", "2026-03-02T12:00:00Z", { session_id: "sy-a", segment_id: "gy-a", queued_call_id: "qy-2", clinic_id: "cl-y", participant_id: "py-2" }),
  event("y-05", "participant.joined", "2026-03-02T12:03:00Z", { segment_id: "gy-a", participant_id: "hy-2", role: "host", user_id: "u-h1" }),
  event("y-06", "participant.left", "2026-03-02T12:04:00Z", { segment_id: "gy-a", participant_id: "py-2" })
]

const suffixes = ["a", "Z", "ｚ", "😀", "é", "10", "9"]

/** Session ids with mixed case, full-width and astral characters, so code-point order differs from locale order. */
export const generatedSessionId = (i: number): string => `${i % 3 === 0 ? "S" : "s"}-${suffixes[i % suffixes.length]}-${i}`

/**
 * `count` sessions, each entering clinic cl-g1 (at one of five instants, so entries tie), answered, transferred
 * to cl-g2 and answered there: seven events per session.
 */
export const generatedLines = (count: number): Array<string> => {
  const lines = [
    line({ type: "organisation", id: "org-g", name: "Generated", created_at: "2024-01-01T00:00:00Z" }),
    line({ type: "clinic", id: "cl-g1", organisation_id: "org-g", status: "open", created_at: "2024-01-01T00:00:00Z" }),
    line({ type: "clinic", id: "cl-g2", organisation_id: "org-g", status: "open", created_at: "2024-01-01T00:00:00Z" })
  ]
  const base = Date.parse("2026-04-01T00:00:00Z")
  const iso = (ms: number) => new Date(ms).toISOString()
  for (let i = 0; i < count; i++) {
    const s = generatedSessionId(i)
    const t = base + (i % 5) * 60_000
    lines.push(
      event(`${s}/1`, "waiting_area.entered", iso(t), { session_id: s, segment_id: `${s}/g1`, queued_call_id: `${s}/q1`, clinic_id: "cl-g1", participant_id: `${s}/caller` }),
      event(`${s}/2`, "participant.joined", iso(t + 60_000), { segment_id: `${s}/g1`, participant_id: `${s}/h1`, role: "host", user_id: "u-g1" }),
      event(`${s}/3`, "call.transferred", iso(t + 300_000), { segment_id: `${s}/g1`, to_clinic_id: "cl-g2", to_segment_id: `${s}/g2`, to_queued_call_id: `${s}/q2` }),
      event(`${s}/4`, "participant.joined", iso(t + 360_000), { segment_id: `${s}/g2`, participant_id: `${s}/h2`, role: "host", user_id: "u-g2" }),
      event(`${s}/5`, "participant.left", iso(t + 600_000), { segment_id: `${s}/g2`, participant_id: `${s}/caller` }),
      event(`${s}/6`, "participant.left", iso(t + 660_000), { segment_id: `${s}/g1`, participant_id: `${s}/h1` }),
      event(`${s}/7`, "participant.left", iso(t + 720_000), { segment_id: `${s}/g2`, participant_id: `${s}/h2` })
    )
  }
  return lines
}

/** A seeded shuffle (mulberry32), so a failing order can be replayed. */
export const shuffled = <A>(items: ReadonlyArray<A>, seed: number): Array<A> => {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
