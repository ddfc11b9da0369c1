/**
 * The Meeting and User Room Calls report (SPEC §6, R43, R60): one row per participant per room call,
 * streamed, with bandwidth and tag columns (a room's own tag value first, R50). Its definition, rows and tile.
 */
import * as Column from "../Column.ts"
import * as zhCN from "../locales/zh-CN.ts"
import type { RoomCall, RoomCallBundle } from "../Facts.ts"
import type { Room } from "../Records.ts"
import * as Report from "../Report.ts"
import * as Activity from "./Activity.ts"
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

/** The rows of one call: one per participant. */
function* callRows(ctx: Run.RunContext, roomById: ReadonlyMap<string, Room>, bundle: RoomCallBundle): Generator<RoomCallsRow> {
  const { call } = bundle
  const room = roomById.get(call.room_id)
  if (room === undefined) return
  const clinic = ctx.clinicById.get(room.clinic_id)!
  const org = ctx.organisationById.get(clinic.organisation_id)
  const owner = room.owner_user_id === null ? undefined : ctx.directory.users.get(room.owner_user_id)
  const meets = Run.meetsMinimum(ctx, call.duration_ms)
  const tags = roomTags(ctx, room, clinic)
  for (const p of bundle.participants) {
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

const roomsOf = (ctx: Run.RunContext): ReadonlyMap<string, Room> => new Map(Run.roomsInScope(ctx).map((r) => [r.id, r]))

/** The rows of the run's rooms' calls, by call start then call id, participants in order (R52). */
export const rows = async function* (ctx: Run.RunContext): AsyncGenerator<RoomCallsRow> {
  const roomById = roomsOf(ctx)
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  for await (const bundle of ctx.source.roomCalls({ start, end, roomIds: [...roomById.keys()] })) yield* callRows(ctx, roomById, bundle)
}

/**
 * The Room Calls tile (SPEC §7) folded row by row: calls meeting the minimum, and their total duration. Rows come
 * in report order (a call's rows together), so only the current call is remembered.
 */
export class Fold {
  private calls = 0
  private duration = 0
  private last: string | null | undefined = undefined
  private lastDuration = 0
  private lastMeets = false

  add(r: RoomCallsRow): void {
    if (r.call_id !== this.last) this.close()
    this.last = r.call_id
    // As before: the last row of a call that meets the minimum gives its duration.
    if (r.meets_minimum_duration === true) {
      this.lastMeets = true
      this.lastDuration = r.call_duration ?? 0
    }
  }

  private close(): void {
    if (this.lastMeets) {
      this.calls++
      this.duration += this.lastDuration
    }
    this.lastMeets = false
    this.lastDuration = 0
  }

  /**
   * A whole call, as its rows would add up (the fold reads call-level cells only: the report's whole seconds of
   * its duration), without building them. A call without participants has no rows. Not to be mixed with `add`.
   */
  addCall(call: RoomCall, meets: boolean): void {
    this.addCallFigures(call.participants, call.duration_ms, meets)
  }

  /** A whole call from its participant count and duration, as `addCall`. */
  addCallFigures(participants: number, durationMs: number, meets: boolean): void {
    if (participants === 0 || !meets) return
    this.calls++
    this.duration += Run.seconds(durationMs)
  }

  result() {
    this.close()
    this.last = undefined
    return { room_calls: this.calls, room_call_duration: this.duration }
  }
}

/** The Room Calls tile of rows in report order. */
export const fold = async (rows: AsyncIterable<RoomCallsRow>) => {
  const f = new Fold()
  for await (const r of rows) f.add(r)
  return f.result()
}

/**
 * A tile fed call by call (one pass shared with the run's activity, see Tiles), from the calls without their rows.
 * @internal The tiles' pass within core (its calls are core's own read of a source).
 */
export const tileFolder = (ctx: Run.RunContext) => {
  const roomById = roomsOf(ctx)
  const f = new Fold()
  return {
    add: (call: Activity.CallFact) => {
      if (roomById.has(call[2])) f.addCallFigures(call[4], call[3], Run.meetsMinimum(ctx, call[3]))
    },
    result: () => f.result()
  }
}

/** The tile's figures of a run, read from the calls (no participants). */
export const tile = async (ctx: Run.RunContext) => {
  const roomById = roomsOf(ctx)
  const { rangeStart: start, rangeEnd: end } = ctx.parameters
  const folder = tileFolder(ctx)
  for await (const batch of Activity.callFacts(ctx.source, { start, end, roomIds: [...roomById.keys()] })) for (const call of batch) folder.add(call)
  return folder.result()
}
