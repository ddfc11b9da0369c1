import { describe, expect, it } from "vitest"
import { project } from "../src/Projection.ts"
import type { CallEvent } from "../src/Records.ts"
import { callerJoins, enter, hostJoins, leaves, ms, roomJoins, roomLeaves, transfer } from "./fixtures.ts"

const segmentsOf = (events: Array<CallEvent>) => {
  const p = project(events)
  return new Map(p.sessions.flatMap((s) => s.segments).map((g) => [g.segment.segment_id, g]))
}
const shuffle = <T>(xs: Array<T>): Array<T> => [...xs].reverse()

describe("presence and consultation time (SPEC §5)", () => {
  it("counts consultation time only while a caller and a host are present together", () => {
    const g = segmentsOf([enter("09:00", "g-1"), hostJoins("09:05", "g-1", "p-doc", "u-doc"), leaves("09:15", "g-1", "p-pat"), leaves("09:20", "g-1", "p-doc")]).get("g-1")!
    expect(g.segment.consultation_ms).toBe(10 * 60_000)
    expect(g.segment.answered_at).toBe(ms("09:05"))
    expect(g.segment.wait_ms).toBe(5 * 60_000)
    expect(g.segment.end_at).toBe(ms("09:20"))
    const [caller, host] = g.participants
    expect(caller).toMatchObject({ kind: "primary", joined_at: ms("09:05"), left_at: ms("09:15"), attendance_ms: 600_000 })
    expect(host).toMatchObject({ kind: "host", joined_at: ms("09:05"), left_at: ms("09:20"), attendance_ms: 900_000 })
  })

  it("does not count a caller who leaves while on hold as abandoned", () => {
    const g = segmentsOf([
      enter("13:00", "g-6"), hostJoins("13:02", "g-6", "p-spec", "u-spec"), leaves("13:05", "g-6", "p-spec"), leaves("13:08", "g-6", "p-pat")
    ]).get("g-6")!
    expect(g.segment.abandoned_at).toBeNull()
    expect(g.segment.consultation_ms).toBe(180_000)
    expect(g.segment.end_at).toBe(ms("13:08"))
  })

  it("marks a caller who leaves while waiting as abandoned at that instant, with the wait up to the leave", () => {
    const g = segmentsOf([enter("10:00", "g-4"), leaves("10:03", "g-4", "p-pat")]).get("g-4")!
    expect(g.segment.abandoned_at).toBe(ms("10:03"))
    expect(g.segment.answered_at).toBeNull()
    expect(g.segment.wait_ms).toBe(180_000)
    expect(g.participants[0]).toMatchObject({ joined_at: null, attendance_ms: 0 })
  })

  it("is not abandoned when the presence was closed at the last event rather than left (R35)", () => {
    const g = segmentsOf([enter("10:00", "g-4"), callerJoins("10:04", "g-4", "p-int"), leaves("10:06", "g-4", "p-int")]).get("g-4")!
    expect(g.segment.abandoned_at).toBeNull()
    expect(g.participants.find((p) => p.kind === "primary")).toMatchObject({ incomplete: true, left_at: ms("10:06") })
    expect(g.segment.wait_ms).toBe(6 * 60_000)
  })

  it("counts an invited caller with a host as consultation time and shows its whole presence (R33)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), callerJoins("09:01", "g-1", "p-int"), hostJoins("09:02", "g-1", "p-doc", "u-doc"),
      leaves("09:03", "g-1", "p-pat"), leaves("09:04", "g-1", "p-int"), leaves("09:05", "g-1", "p-doc")
    ]).get("g-1")!
    expect(g.segment.consultation_ms).toBe(120_000)
    expect(g.participants.find((p) => p.participant_id === "p-int")).toMatchObject({ kind: "caller", attendance_ms: 180_000, joined_at: ms("09:01") })
    expect(g.participants.find((p) => p.kind === "primary")).toMatchObject({ attendance_ms: 60_000, joined_at: ms("09:02") })
    expect(g.segment.hosts).toEqual([{ user_id: "u-doc", own_ms: 120_000, first_consult_at: ms("09:02") }])
  })

  it("joins touching presences into one stretch when a host leaves and joins again at the same instant (R16)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-doc", "u-doc", "e-b"), leaves("09:05", "g-1", "p-doc", { id: "t-9" }),
      hostJoins("09:05", "g-1", "p-doc", "u-doc", "t-1"), leaves("09:09", "g-1", "p-doc"), leaves("09:10", "g-1", "p-pat")
    ]).get("g-1")!
    expect(g.segment.consultation_ms).toBe(8 * 60_000)
    expect(g.participants.find((p) => p.participant_id === "p-doc")).toMatchObject({ attendance_ms: 8 * 60_000, joined_at: ms("09:01"), left_at: ms("09:09"), incomplete: false })
  })

  it("gives an absent participant who joins and leaves at one instant a zero-length presence, not an open one (R15, R16)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-doc", "u-doc"),
      leaves("09:05", "g-1", "p-guest", { id: "a-1" }), callerJoins("09:05", "g-1", "p-guest", "z-9"),
      leaves("09:10", "g-1", "p-pat"), leaves("09:10", "g-1", "p-doc")
    ]).get("g-1")!
    expect(g.segment.participants).toBe(3)
    expect(g.participants.find((p) => p.participant_id === "p-guest")).toMatchObject({ joined_at: ms("09:05"), left_at: ms("09:05"), attendance_ms: 0, incomplete: false })
  })

  it("closes a presence with no leave at the segment's last event and marks only that row incomplete (R20)", () => {
    const g = segmentsOf([enter("09:00", "g-1"), hostJoins("09:02", "g-1", "p-doc", "u-doc"), leaves("09:12", "g-1", "p-pat")]).get("g-1")!
    expect(g.participants.find((p) => p.participant_id === "p-doc")).toMatchObject({ incomplete: true, left_at: ms("09:12") })
    expect(g.participants.find((p) => p.kind === "primary")).toMatchObject({ incomplete: false })
    expect(g.segment.consultation_ms).toBe(10 * 60_000)
  })

  it("counts a provider on two devices once: the union of their presences with a caller (R42)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-laptop", "u-doc"), hostJoins("09:03", "g-1", "p-phone", "u-doc"),
      leaves("09:06", "g-1", "p-laptop"), leaves("09:08", "g-1", "p-phone"), leaves("09:09", "g-1", "p-pat")
    ]).get("g-1")!
    expect(g.segment.hosts).toEqual([{ user_id: "u-doc", own_ms: 7 * 60_000, first_consult_at: ms("09:01") }])
  })

  it("has not consulted when the host joins after the caller left (R41)", () => {
    const g = segmentsOf([enter("09:00", "g-1"), leaves("09:03", "g-1", "p-pat"), hostJoins("09:04", "g-1", "p-doc", "u-doc"), leaves("09:05", "g-1", "p-doc")]).get("g-1")!
    expect(g.segment.hosts).toEqual([{ user_id: "u-doc", own_ms: 0, first_consult_at: null }])
    expect(g.segment.abandoned_at).toBe(ms("09:03"))
  })

  it("keeps the last reported bandwidth; a later leave without figures keeps them (R21)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-doc", "u-doc"), leaves("09:02", "g-1", "p-doc", { bandwidth: [1, 2, 3, 4, 5, 6] }),
      hostJoins("09:03", "g-1", "p-doc", "u-doc"), leaves("09:04", "g-1", "p-doc", { bandwidth: [10, 20, 30, 40, 50, 60.5] }),
      hostJoins("09:05", "g-1", "p-doc", "u-doc"), leaves("09:06", "g-1", "p-doc"), leaves("09:07", "g-1", "p-pat")
    ]).get("g-1")!
    expect(g.participants.find((p) => p.participant_id === "p-doc")!.bandwidth).toEqual([10, 20, 30, 40, 50, 61])
  })

  it("ignores joins and leaves of a segment that never started, and a leave of someone who never joined (R17, R22)", () => {
    const p = project([hostJoins("09:00", "g-x", "p-doc", "u-doc"), enter("09:00", "g-1"), leaves("09:01", "g-1", "p-nobody"), leaves("09:02", "g-1", "p-pat")])
    expect(p.sessions).toHaveLength(1)
    const g = p.sessions[0]!.segments[0]!
    expect(g.segment.participants).toBe(1)
    expect(g.segment.end_at).toBe(ms("09:02"))
  })
})

describe("transfers (SPEC §5, R15, R18, R19, R57)", () => {
  const chain = [
    enter("09:00", "g-1"), hostJoins("09:04", "g-1", "p-nurse", "u-nurse"), transfer("09:10", "g-1", "g-2", "cl-b"),
    leaves("09:10:30", "g-1", "p-nurse"), hostJoins("09:22", "g-2", "p-doc", "u-doc"), callerJoins("09:24", "g-2", "p-int"),
    transfer("09:35", "g-2", "g-3", "cl-c"), leaves("09:35", "g-2", "p-int"), leaves("09:36", "g-2", "p-doc"),
    hostJoins("09:40", "g-3", "p-spec", "u-spec"), leaves("09:55", "g-3", "p-pat"), leaves("09:55:20", "g-3", "p-spec")
  ]

  it("traces a session through three clinics with the caller's presence moving at each transfer", () => {
    const p = project(chain)
    expect(p.sessions).toHaveLength(1)
    const s = p.sessions[0]!
    expect(s.session.consultation_ms).toBe(2040_000)
    expect(s.segments.map((g) => [g.segment.segment_id, g.segment.clinic_id, g.segment.consultation_ms / 1000])).toEqual([
      ["g-1", "cl-a", 360], ["g-2", "cl-b", 780], ["g-3", "cl-c", 900]
    ])
    expect(s.segments[0]!.segment).toMatchObject({ transfer_at: ms("09:10"), transferred_to_segment_id: "g-2", transferred_to_clinic_id: "cl-b", end_at: ms("09:10:30"), transferred_in: false })
    expect(s.segments[1]!.segment).toMatchObject({ transferred_in: true, entry_at: ms("09:10"), wait_ms: 12 * 60_000 })
    expect(s.segments[2]!.segment.abandoned_at).toBeNull()
  })

  it("gives the same facts whatever the order the events arrive in", () => {
    expect(project(shuffle(chain))).toEqual(project(chain))
  })

  it("moves a caller transferred A to B and B to C at one instant to C, with a zero-length presence in B (R15)", () => {
    const p = project([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-doc", "u-doc"),
      transfer("09:05", "g-2", "g-3", "cl-c", "a-1"), transfer("09:05", "g-1", "g-2", "cl-b", "z-9"),
      hostJoins("09:06", "g-3", "p-spec", "u-spec"), leaves("09:08", "g-3", "p-pat"), leaves("09:08", "g-3", "p-spec"), leaves("09:08", "g-1", "p-doc")
    ])
    const segs = new Map(p.sessions[0]!.segments.map((g) => [g.segment.segment_id, g]))
    expect([...segs.keys()]).toEqual(["g-1", "g-2", "g-3"])
    expect(segs.get("g-2")!.participants[0]).toMatchObject({ left_at: ms("09:05"), attendance_ms: 0 })
    expect(segs.get("g-2")!.segment.wait_ms).toBe(0)
    expect(segs.get("g-3")!.segment.consultation_ms).toBe(120_000)
  })

  it("keeps the source segment's consultation going while an invited caller and a host remain (R19)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), hostJoins("09:01", "g-1", "p-doc", "u-doc"), callerJoins("09:01", "g-1", "p-int"),
      transfer("09:05", "g-1", "g-2", "cl-b"), leaves("09:05", "g-1", "p-pat"), leaves("09:07", "g-1", "p-int"), leaves("09:07", "g-1", "p-doc"),
      leaves("09:09", "g-2", "p-pat")
    ])
    expect(g.get("g-1")!.segment.consultation_ms).toBe(6 * 60_000)
    expect(g.get("g-1")!.participants.find((p) => p.kind === "primary")).toMatchObject({ left_at: ms("09:05") })
    expect(g.get("g-2")!.segment.abandoned_at).toBe(ms("09:09"))
  })

  it("shows the last transfer of a segment transferred out twice after a re-entry (R57)", () => {
    const g = segmentsOf([
      enter("09:00", "g-1"), transfer("09:02", "g-1", "g-2", "cl-b"), callerJoins("09:03", "g-1", "p-pat"),
      transfer("09:04", "g-1", "g-3", "cl-c"), leaves("09:05", "g-2", "p-pat"), leaves("09:06", "g-3", "p-pat")
    ])
    expect(g.get("g-1")!.segment).toMatchObject({ transfer_at: ms("09:04"), transferred_to_segment_id: "g-3" })
  })
})

describe("room calls (R43)", () => {
  it("runs from the first join to the last leave, empty stretches included, in the room of the first join", () => {
    const p = project([
      roomJoins("10:00", "rc-1", "p-1", { user: "u-1" }), roomLeaves("10:05", "rc-1", "p-1"),
      roomJoins("10:10", "rc-1", "p-2", { room: "room-2" }), roomLeaves("10:20", "rc-1", "p-2")
    ])
    expect(p.roomCalls).toHaveLength(1)
    expect(p.roomCalls[0]!.call).toMatchObject({ room_id: "room-1", start_at: ms("10:00"), end_at: ms("10:20"), duration_ms: 20 * 60_000, participants: 2 })
    expect(p.roomCalls[0]!.participants.map((x) => [x.participant_id, x.role, x.attendance_ms])).toEqual([["p-1", "host", 300_000], ["p-2", "guest", 600_000]])
  })
})
