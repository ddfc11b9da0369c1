/**
 * The typed extensions of report rows that become the run's dynamic columns (R49–R51): the `bandwidth` part
 * (six figures, blank when never reported or turned off by the row's organisation) and the `tags` part.
 */
import type { Bandwidth, Clinic, Room } from "../Records.ts"
import type { TagValues } from "../Report.ts"
import type * as Run from "./Run.ts"

/** The bandwidth part of a row: null when never reported or when the row's organisation turned the columns off (R51). */
export const bandwidthOf = (ctx: Run.RunContext, organisationId: string | undefined, bandwidth: Bandwidth | null): Bandwidth | null =>
  bandwidth === null || organisationId === undefined || ctx.bandwidthOff.has(organisationId) ? null : bandwidth

/** The tags part of a row without a clinic (a blank-clinic row): every tag blank. */
export const noTags: TagValues = {}

/** A room call row's tags: the room's own value when not null, else its clinic's (R50); the run's tag keys only. */
export const roomTags = (ctx: Run.RunContext, room: Room, clinic: Clinic): TagValues => {
  const tags: Record<string, string | null> = {}
  for (const { key } of ctx.tags) {
    const own = room.tags[key]
    const inherited = clinic.tags[key]
    tags[key] = typeof own === "string" ? own : typeof inherited === "string" ? inherited : null
  }
  return tags
}
