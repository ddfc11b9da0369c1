import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Generation, type InputRecord, MemorySource, Records, type RoomCallFact, type RunInput, type SegmentFact
} from "@vcr/core"
import * as Demo from "../src/index.ts"

// The aggregate reports and the tiles read a store's segment and room-call facts when it has them: the same
// figures as from the sessions and calls, however the facts are cut into batches (a session's segments may be split
// between two batches, as a cursor's fixed-size reads split them) and in whatever order the sessions come.
const now = "2026-11-26T07:00:00Z"
const records: Array<InputRecord> = []
let line = 0
for (const value of Demo.generateDemo({ seed: 5, now, months: 2, organisations: 2, clinicsPerOrganisation: 3, sessionsPerClinicPerDay: 3 })) {
  const r = Records.decodeValue(value, ++line)
  if (r instanceof Error) throw r
  records.push(r)
}
const source = MemorySource.fromRecords(records)

const batches = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

let read = 0

/** The memory source with fact streams in batches of `size`, sessions and calls last first. */
const withFacts = (size: number): typeof source => ({
  ...source,
  segmentFacts: async function* (query) {
    read++
    const facts: Array<SegmentFact> = []
    for await (const { session: s, segments } of source.sessions({ ...query, participants: false })) {
      facts.unshift(...segments.map(({ segment: g }): SegmentFact => [
        s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms, g.clinic_id,
        (g.answered_at === null ? 0 : 1) + (g.transfer_at === null ? 0 : 2) + (g.transferred_in ? 4 : 0) + (g.abandoned_at === null ? 0 : 8),
        g.wait_ms, g.consultation_ms, g.hosts.length === 0 ? null : JSON.stringify(g.hosts)
      ]))
    }
    yield* batches(facts, size)
  },
  roomCallFacts: async function* (query) {
    read++
    const facts: Array<RoomCallFact> = []
    for await (const { call: c } of source.roomCalls({ ...query, participants: false })) {
      facts.unshift([c.room_call_id, c.start_at, c.room_id, c.duration_ms, c.participants, c.hosts.length === 0 ? null : JSON.stringify(c.hosts)])
    }
    yield* batches(facts, size)
  }
})

const cases: Array<[string, RunInput]> = [
  ["minimum 0", { organisationIds: ["org-demo"], from: "2026-10-01", to: "2026-10-31", timezone: "Australia/Sydney", minimumDurationMinutes: "0" }],
  ["minimum 5", { organisationIds: ["org-demo", "org-2"], from: "2026-10-01", to: "2026-11-20", timezone: "Australia/Sydney", minimumDurationMinutes: "5" }],
  ["one clinic", { organisationIds: ["org-demo"], clinicId: "cl-demo-1", from: "2026-09-27", to: "2026-11-26", timezone: "Australia/Sydney", minimumDurationMinutes: "2.5" }]
]

const rowsOf = async (from: typeof source, report: string, input: RunInput) => {
  const p = await Effect.runPromise(Generation.prepare(report, input, from, { now: Date.parse(now), generatedBy: "test" }))
  const rows: Array<unknown> = []
  for await (const r of p.rows) rows.push(r)
  return rows
}

describe("segment and room-call facts give the figures of the sessions and calls", () => {
  for (const [name, input] of cases) {
    it(name, async () => {
      const summary = await Effect.runPromise(Generation.summary(input, source, Date.parse(now)))
      expect(summary.tiles.find((t) => t.report === "consultations")!.figures.consultations).toBeGreaterThan(0)
      for (const size of [1, 2, 7, 1000]) {
        read = 0
        expect(await Effect.runPromise(Generation.summary(input, withFacts(size), Date.parse(now)))).toEqual(summary)
        expect(read).toBe(2)
      }
      for (const report of ["organisations", "clinics", "service-providers", "service-provider-summary"]) {
        expect(await rowsOf(withFacts(3), report, input)).toEqual(await rowsOf(source, report, input))
      }
    })
  }
})
