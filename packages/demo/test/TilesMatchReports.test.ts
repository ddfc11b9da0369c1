import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { type Cell, Generation, type InputRecord, MemorySource, Records, Report, type RunInput } from "@vcr/core"
import * as Demo from "../src/index.ts"

// A small demo organisation over months that cross the October DST change.
const now = "2026-11-26T07:00:00Z"
const records: Array<InputRecord> = []
let line = 0
for (const value of Demo.generateDemo({ seed: 11, now, months: 3, organisations: 2, clinicsPerOrganisation: 4, sessionsPerClinicPerDay: 4 })) {
  const r = Records.decodeValue(value, ++line)
  if (r instanceof Error) throw r
  records.push(r)
}
const source = MemorySource.fromRecords(records)

const rowsOf = async (report: string, input: RunInput) => {
  const p = await Effect.runPromise(Generation.prepare(report, input, source, { now: Date.parse(now), generatedBy: "test" }))
  const rows: Array<Row> = []
  for await (const r of p.rows) rows.push(Report.cells(p.context.report, r))
  return rows
}
type Row = Readonly<Record<string, Cell>>
const sum = (rows: Array<Row>, key: string) => rows.reduce((s, r) => s + Number(r[key] ?? 0), 0)
const distinct = <T>(xs: Array<T>) => [...new Set(xs)]

/** The SPEC §7 table, computed here independently from the report rows. */
const expectedTiles = async (input: RunInput) => {
  const organisations = await rowsOf("organisations", input)
  const clinics = await rowsOf("clinics", input)
  const providers = await rowsOf("service-providers", input)
  const summary = await rowsOf("service-provider-summary", input)
  const calls = await rowsOf("room-calls", input)
  const consultations = await rowsOf("consultations", input)
  const counted = distinct(consultations.filter((r) => r.meets_minimum_duration === true && r.answered_time !== null).map((r) => r.session_id))
  const segments = new Map(consultations.map((r) => [r.segment_id, r]))
  const countedSegments = [...segments.values()].filter((r) => counted.includes(r.session_id))
  const waits = countedSegments.filter((r) => r.answered_time !== null).map((r) => Number(r.wait_duration)).sort((a, b) => a - b)
  const meeting = new Map(calls.filter((r) => r.meets_minimum_duration === true).map((r) => [r.call_id, Number(r.call_duration)]))
  const total = summary.filter((r) => r.role === "All Service Providers")
  return {
    organisations: { organisations: organisations.length, user_accounts: sum(organisations, "user_accounts"), waiting_areas: sum(organisations, "waiting_areas"), consultations: sum(organisations, "consultations"), consultation_duration: sum(organisations, "consultation_duration") },
    clinics: { clinics: clinics.length, clinics_with_consultations: clinics.filter((r) => Number(r.consultations) > 0).length, abandoned_calls: sum(clinics, "abandoned_calls"), transfers_out: sum(clinics, "transfers_out") },
    "service-providers": { service_providers: distinct(providers.map((r) => r.user_id)).length, service_providers_consulted: distinct(providers.filter((r) => Number(r.consultations) > 0).map((r) => r.user_id)).length },
    "service-provider-summary": { total: sum(total, "total"), new: sum(total, "new"), deactivated: sum(total, "deactivated"), logged_in: sum(total, "logged_in"), active: sum(total, "active") },
    "room-calls": { room_calls: meeting.size, room_call_duration: [...meeting.values()].reduce((a, b) => a + b, 0) },
    consultations: {
      consultations: counted.length,
      consultation_duration: sum(countedSegments, "consultation_duration"),
      abandoned: [...segments.values()].filter((r) => r.abandoned === true).length,
      transferred: countedSegments.filter((r) => r.transfer_time !== null).length,
      average_wait_duration: waits.length === 0 ? null : Math.round(waits.reduce((a, b) => a + b, 0) / waits.length + 1e-9),
      p90_wait_duration: waits.length === 0 ? null : waits[Math.ceil(0.9 * waits.length) - 1]!
    }
  }
}

const cases: Array<[string, RunInput]> = [
  ["the October DST change, minimum 0", { organisationIds: ["org-demo"], from: "2026-09-28", to: "2026-10-11", timezone: "Australia/Sydney", minimumDurationMinutes: "0" }],
  ["the October DST change, minimum 5", { organisationIds: ["org-demo"], from: "2026-09-28", to: "2026-10-11", timezone: "Australia/Sydney", minimumDurationMinutes: "5" }],
  ["Lord Howe, one month, minimum 2.5", { organisationIds: ["org-demo"], from: "2026-10-01", to: "2026-10-31", timezone: "Australia/Lord_Howe", minimumDurationMinutes: "2.5" }],
  ["one clinic, minimum 5", { organisationIds: ["org-demo"], clinicId: "cl-demo-1", from: "2026-09-01", to: "2026-10-20", timezone: "Australia/Sydney", minimumDurationMinutes: "5" }],
  ["two organisations", { organisationIds: ["org-demo", "org-2"], from: "2026-10-01", to: "2026-10-31", timezone: "Australia/Sydney" }]
]

describe("tiles equal the totals of the detailed reports on demo data (SPEC §7)", () => {
  for (const [name, input] of cases) {
    it(name, async () => {
      const summary = await Effect.runPromise(Generation.summary(input, source, Date.parse(now)))
      const want = await expectedTiles(input)
      for (const tile of summary.tiles) expect({ [tile.report]: tile.figures }).toEqual({ [tile.report]: want[tile.report] })
      expect(Object.values(want.consultations).some((v) => v !== 0 && v !== null)).toBe(true)
    })
  }
})
