/**
 * The Meeting and User Room Calls report (SPEC §6, R43, R60): one row per participant per room call,
 * streamed, with bandwidth and tag columns (a room's own tag value first, R50). Its definition, rows and tile.
 */
import * as Column from "../Column.ts"
import * as zhCN from "../locales/zh-CN.ts"
import * as Report from "../Report.ts"
import { bandwidthOf, roomTags } from "./Extensions.ts"
import * as Run from "./Run.ts"

/** The Room Calls report's definition. */
export const RoomCalls = Report.make({
  id: "room-calls",
  title: "Meeting and User Room Calls",
  category: "activities",
  grain: "One row per participant per room call",
  bandwidth: true,
  tags: true,
  columns: {
    organisation_name: Column.string({ header: "Organisation", description: "Name of the room's organisation" }),
    clinic_id: Column.string({ header: "Clinic ID", description: "Clinic of the room" }),
    clinic_name: Column.string({ header: "Clinic", description: "Name of the clinic of the room" }),
    room_id: Column.string({ header: "Room ID", description: "Stable identifier of the room" }),
    room_name: Column.string({ header: "Room", description: "Name of the room" }),
    room_type: Column.string({ header: "Room type", description: "Meeting, Group or User" }),
    room_owner_name: Column.string({ header: "Room owner", description: "Owner of a user room; blank for other rooms" }),
    call_id: Column.string({ header: "Call ID", description: "Identifier of the room call" }),
    call_start_time: Column.instant({ header: "Call start", description: "First join of the call" }),
    call_end_time: Column.instant({ header: "Call end", description: "Last leave of the call" }),
    call_duration: Column.seconds({ header: "Call duration", description: "From call start to call end" }),
    participants_in_call: Column.integer({ header: "Participants in call", description: "Distinct participants of the call" }),
    participant_id: Column.string({ header: "Participant ID", description: "Identifier of the participant" }),
    user_name: Column.string({ header: "User", description: "Name of the account of a host; blank for guests" }),
    participant_type: Column.string({ header: "Participant type", description: "Host (an account holder) or Guest" }),
    joined_time: Column.instant({ header: "Joined", description: "First join of this participant" }),
    left_time: Column.instant({ header: "Left", description: "Last leave of this participant" }),
    attendance_duration: Column.seconds({ header: "Attendance", description: "Total time this participant was present" }),
    meets_minimum_duration: Column.boolean({ header: "Meets minimum duration", description: "Whether the call duration is at least the minimum consultation duration" }),
    incomplete: Column.boolean({ header: "Incomplete", description: "Whether a presence of this participant had no leave and was closed at the call's last event" })
  },
  translations: { "zh-CN": zhCN.reports["room-calls"] }
})

/** One row of the Room Calls report. */
export type RoomCallsRow = Report.RowOf<typeof RoomCalls>

const roomTypes = { meeting: "Meeting", group: "Group", user: "User" } as const

/** The rows of the run's rooms' calls, by call start then call id, participants in order (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<RoomCallsRow> {
  const rooms = Run.roomsInScope(ctx)
  const roomById = new Map(rooms.map((r) => [r.id, r]))
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  for await (const { call, participants } of ctx.source.roomCalls({ start, end, roomIds: rooms.map((r) => r.id) })) {
    const room = roomById.get(call.room_id)
    if (room === undefined) continue
    const clinic = ctx.clinicById.get(room.clinic_id)!
    const org = ctx.organisationById.get(clinic.organisation_id)
    const owner = room.owner_user_id === null ? undefined : ctx.directory.users.get(room.owner_user_id)
    const meets = Run.meetsMinimum(ctx, call.duration_ms)
    const tags = roomTags(ctx, room, clinic)
    for (const p of participants) {
      yield {
        organisation_name: org?.name ?? null,
        clinic_id: clinic.id,
        clinic_name: clinic.name,
        room_id: room.id,
        room_name: room.name,
        room_type: roomTypes[room.kind],
        room_owner_name: owner?.name ?? null,
        call_id: call.room_call_id,
        call_start_time: call.start_at,
        call_end_time: call.end_at,
        call_duration: Run.seconds(call.duration_ms),
        participants_in_call: call.participants,
        participant_id: p.participant_id,
        user_name: p.role === "host" && p.user_id !== null ? (ctx.directory.users.get(p.user_id)?.name ?? null) : null,
        participant_type: p.role === "host" ? "Host" : "Guest",
        joined_time: p.joined_at,
        left_time: p.left_at,
        attendance_duration: Run.seconds(p.attendance_ms),
        meets_minimum_duration: meets,
        incomplete: p.incomplete,
        bandwidth: bandwidthOf(ctx, org?.id, p.bandwidth),
        tags
      }
    }
  }
}

/** The Room Calls tile (SPEC §7): calls meeting the minimum, and their total duration. */
export const fold = async (rows: AsyncIterable<RoomCallsRow>) => {
  const calls = new Map<string | null, number>()
  for await (const r of rows) if (r.meets_minimum_duration === true) calls.set(r.call_id, r.call_duration ?? 0)
  let duration = 0
  calls.forEach((d) => (duration += d))
  return { room_calls: calls.size, room_call_duration: duration }
}
