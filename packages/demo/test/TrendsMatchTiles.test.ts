import fc from "fast-check"
import { Temporal } from "@js-temporal/polyfill"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Generation, type InputRecord, MemorySource, Records, Trends } from "@vcr/core"
import * as Demo from "../src/index.ts"

// A small demo organisation over months that cross the October DST change.
const now = "2026-11-26T07:00:00Z"
const records: Array<InputRecord> = []
let line = 0
for (const value of Demo.generateDemo({ seed: 7, now, months: 3, organisations: 2, clinicsPerOrganisation: 3, sessionsPerClinicPerDay: 3 })) {
  const r = Records.decodeValue(value, ++line)
  if (r instanceof Error) throw r
  records.push(r)
}
const source = MemorySource.fromRecords(records)
const additive = ["consultations", "consultation_duration", "abandoned", "transferred", "room_calls", "room_call_duration"] as const

describe("trend buckets add up to the tiles on demo data (R76, R81)", () => {
  it("for random short ranges, zones, minima and granularities", async () => {
    const first = Temporal.PlainDate.from("2026-08-27")
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom("Australia/Sydney", "Australia/Lord_Howe", "Australia/Perth", "UTC", "Pacific/Auckland"),
        fc.constantFrom("0", "1", "2.5", "5", "10"),
        fc.constantFrom(undefined, "day", "week", "month"),
        fc.constantFrom(undefined, "cl-demo-1"),
        async (offset, length, timezone, minimum, granularity, clinicId) => {
          const input = {
            organisationIds: ["org-demo"], clinicId, from: first.add({ days: offset }).toString(), to: first.add({ days: offset + length }).toString(),
            timezone, minimumDurationMinutes: minimum
          }
          const trends = await Effect.runPromise(Trends.trends({ ...input, granularity }, source, Date.parse(now)))
          const summary = await Effect.runPromise(Generation.summary(input, source, Date.parse(now)))
          const tile = {
            ...summary.tiles.find((t) => t.report === "consultations")!.figures,
            ...summary.tiles.find((t) => t.report === "room-calls")!.figures
          }
          for (const key of additive) expect(trends.buckets.reduce((s, b) => s + Number(b.figures[key]), 0)).toBe(tile[key])
          expect(trends.totals).toEqual(tile)
          // A bucket's own figures are those of a run over exactly that bucket's dates.
          const one = trends.buckets[0]!
          expect(one.start).toBe(trends.parameters.range_start)
          expect(trends.buckets.at(-1)!.end).toBe(trends.parameters.range_end)
        }
      ),
      { numRuns: 25, seed: 2026 }
    )
  })

  it("a bucket equals the tiles of a run over its own dates", async () => {
    const trends = await Effect.runPromise(Trends.trends({ organisationIds: ["org-demo"], from: "2026-09-28", to: "2026-10-11", timezone: "Australia/Sydney", granularity: "week" }, source, Date.parse(now)))
    expect(trends.buckets).toHaveLength(2)
    const summary = await Effect.runPromise(Generation.summary({ organisationIds: ["org-demo"], from: "2026-10-05", to: "2026-10-11", timezone: "Australia/Sydney" }, source, Date.parse(now)))
    const tile = { ...summary.tiles.find((t) => t.report === "consultations")!.figures, ...summary.tiles.find((t) => t.report === "room-calls")!.figures }
    expect(trends.buckets[1]!.figures).toEqual(tile)
    expect(tile.consultations).toBeGreaterThan(0)
    expect(tile.room_calls).toBeGreaterThan(0)
  })
})
