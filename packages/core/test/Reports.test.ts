import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { type Cell, Generation, type InputRecord, Instant, MemorySource, NotFound, Report, reportIds, type RunInput } from "../src/index.ts"
import { decodeLine } from "../src/Records.ts"

const acceptance = readFileSync(join(import.meta.dirname, "fixtures/three-clinic-transfer/input.ndjson"), "utf8")
// A second organisation with its own clinic, tag, users and a session transferred in from org-1's Triage.
const other = `
{"type":"organisation","id":"org-2","name":"Coastal Care","created_at":"2024-01-10T00:00:00Z"}
{"type":"reporting_configuration","organisation_id":"org-2","tags":[{"key":"region","label":"Region"}],"bandwidth_columns":false}
{"type":"clinic","id":"cl-x","organisation_id":"org-2","name":"Secret Clinic","status":"closed","created_at":"2024-01-11T00:00:00Z","tags":{"region":"North"}}
{"type":"user","id":"u-x","name":"Xena Other","email":"xena@example.org","created_at":"2024-01-12T00:00:00Z"}
{"type":"clinic_role","user_id":"u-x","clinic_id":"cl-x","role":"team_member","granted_at":"2024-01-12T00:00:00Z"}
{"type":"room","id":"room-x","clinic_id":"cl-x","kind":"meeting","name":"Other room","created_at":"2024-01-12T00:00:00Z"}
{"type":"event","id":"x-1","event":"waiting_area.entered","at":"2026-03-02T14:00:00+11:00","session_id":"s-x","segment_id":"g-x1","queued_call_id":"q-x1","clinic_id":"cl-a","participant_id":"p-x"}
{"type":"event","id":"x-2","event":"participant.joined","at":"2026-03-02T14:01:00+11:00","segment_id":"g-x1","participant_id":"p-n","role":"host","user_id":"u-nurse"}
{"type":"event","id":"x-3","event":"call.transferred","at":"2026-03-02T14:03:00+11:00","segment_id":"g-x1","to_clinic_id":"cl-x","to_segment_id":"g-x2","to_queued_call_id":"q-x2"}
{"type":"event","id":"x-4","event":"participant.left","at":"2026-03-02T14:03:00+11:00","segment_id":"g-x1","participant_id":"p-n"}
{"type":"event","id":"x-5","event":"participant.joined","at":"2026-03-02T14:04:00+11:00","segment_id":"g-x2","participant_id":"p-xx","role":"host","user_id":"u-x"}
{"type":"event","id":"x-6","event":"participant.left","at":"2026-03-02T14:20:00+11:00","segment_id":"g-x2","participant_id":"p-x"}
{"type":"event","id":"x-7","event":"participant.joined","at":"2026-03-02T15:00:00+11:00","room_id":"room-x","room_call_id":"rc-x","participant_id":"p-r","role":"host","user_id":"u-x"}
{"type":"event","id":"x-8","event":"participant.left","at":"2026-03-02T15:30:00+11:00","room_call_id":"rc-x","participant_id":"p-r"}`

const source = () => {
  const records: Array<InputRecord> = []
  ;(acceptance + other).split("\n").forEach((line, i) => {
    const r = decodeLine(line, i + 1)
    if (r instanceof Error) throw r
    if (r !== undefined) records.push(r)
  })
  return MemorySource.fromRecords(records)
}
const now = Date.parse("2026-11-26T00:00:00Z")
const day = { from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney" }

const rowsOf = async (id: string, input: Parameters<typeof Generation.prepare>[1]) => {
  const prepared = await Effect.runPromise(Generation.prepare(id, input, source(), { now, generatedBy: "test" }))
  // Rows as the JSON shows them, keyed by column (bandwidth and tag columns included; instants as epoch ms).
  const rows: Array<Readonly<Record<string, Cell>>> = []
  for await (const r of prepared.rows) rows.push(Report.cells(prepared.context.report, r))
  return { rows, columns: prepared.context.report.columns.map((c) => c.key), parameters: prepared.context.parameters }
}

describe("scope (SPEC §2, R29, R31, R39, R40)", () => {
  it("never shows a row, figure or tag of an organisation outside the run", async () => {
    for (const id of reportIds) {
      const { rows, columns } = await rowsOf(id, { organisationIds: ["org-1"], ...day })
      const text = JSON.stringify(rows) + JSON.stringify(columns)
      expect(text).not.toMatch(/Coastal|Secret|Xena|u-x|room-x|rc-x|region|North/)
    }
  })
  it("counts a session once for its organisation, with its time in the other organisation's clinic too (R39)", async () => {
    const orgs = (await rowsOf("organisations", { organisationIds: ["org-1", "org-2"], ...day })).rows
    expect(orgs.map((r) => [r.organisation_id, r.consultations, r.consultation_duration])).toEqual([
      ["org-2", 0, 0],
      ["org-1", 4, 2340 + 120 + 960]
    ])
  })
  it("shows a transfer target's name only when it belongs to a run's organisation (R40)", async () => {
    const one = (await rowsOf("consultations", { organisationIds: ["org-1"], ...day })).rows.filter((r) => r.segment_id === "g-x1")
    expect(one.map((r) => [r.transferred_to_clinic_id, r.transferred_to_clinic_name])).toEqual([["cl-x", null], ["cl-x", null]])
    const both = (await rowsOf("consultations", { organisationIds: ["org-1", "org-2"], ...day })).rows.filter((r) => r.segment_id === "g-x1")
    expect(both[0]!.transferred_to_clinic_name).toBe("Secret Clinic")
  })
  it("unions tags over organisations and blanks bandwidth for one that turned it off (R51)", async () => {
    const { rows, columns } = await rowsOf("consultations", { organisationIds: ["org-2", "org-1"], ...day })
    expect(columns.filter((k) => k.startsWith("tag:"))).toEqual(["tag:region", "tag:cost_centre"])
    expect(rows.find((r) => r.segment_id === "g-x2")!.max_sent_kbps).toBeNull()
    expect(rows.find((r) => r.participant_id === "p-nurse")!.max_sent_kbps).toBe(1800)
  })
  it("narrows every report to the clinic in a clinic-level run (R31)", async () => {
    const input = { organisationIds: ["org-1", "org-2"], clinicId: "cl-b", ...day }
    const org = await rowsOf("organisations", input)
    expect(org.parameters.organisation_ids).toEqual(["org-1"])
    expect(org.rows).toEqual([expect.objectContaining({ organisation_id: "org-1", user_accounts: 1, waiting_areas: 1, consultations: 2, consultation_duration: 900, service_providers_consulted: 1 })])
    expect((await rowsOf("clinics", input)).rows.map((r) => r.clinic_id)).toEqual(["cl-b"])
    expect((await rowsOf("service-providers", input)).rows.map((r) => [r.user_id, r.clinic_id])).toEqual([["u-doc", "cl-b"]])
    expect((await rowsOf("service-provider-summary", input)).rows.map((r) => r.role)).toEqual(["Clinic Admin", "Clinic Clerk", "Team Member", "Service Referrer", "All Service Providers"])
    expect(new Set((await rowsOf("consultations", input)).rows.map((r) => r.clinic_id))).toEqual(new Set(["cl-b"]))
  })
  it("answers not found for an unknown organisation or a clinic of another organisation (R29)", async () => {
    const failure = (input: RunInput) => Effect.runPromise(Effect.flip(Generation.prepare("clinics", input, source(), { now, generatedBy: "t" })))
    expect(await failure({ organisationIds: ["org-9"], ...day })).toBeInstanceOf(NotFound)
    expect(await failure({ organisationIds: ["org-1"], clinicId: "cl-x", ...day })).toMatchObject({ _tag: "NotFound", id: "cl-x" })
  })
  it("answers invalid parameter for an unknown report id (R48)", async () => {
    const failure = await Effect.runPromise(Effect.flip(Generation.prepare("clinic", { organisationIds: ["org-1"], ...day }, source(), { now, generatedBy: "t" })))
    expect(failure).toMatchObject({ _tag: "InvalidParameter", field: "report", code: "unknown_report" })
  })
  it("lists room calls of the run's rooms with the room's organisation", async () => {
    const { rows } = await rowsOf("room-calls", { organisationIds: ["org-2"], ...day })
    expect(rows).toEqual([expect.objectContaining({ call_id: "rc-x", organisation_name: "Coastal Care", room_type: "Meeting", call_duration: 1800, user_name: "Xena Other", participant_type: "Host", meets_minimum_duration: true, "tag:region": "North" })])
  })
})

describe("empty ranges", () => {
  it("gives every report its header and no rows (aggregates keep their entity rows)", async () => {
    const input = { organisationIds: ["org-1"], from: "2026-05-01", to: "2026-05-01", timezone: "Australia/Sydney" }
    expect((await rowsOf("consultations", input)).rows).toEqual([])
    expect((await rowsOf("room-calls", input)).rows).toEqual([])
    expect((await rowsOf("organisations", input)).rows[0]).toMatchObject({ consultations: 0, consultation_duration: 0 })
    const clinics = (await rowsOf("clinics", input)).rows
    expect(clinics.map((r) => [r.consultations, r.average_wait_duration, r.last_consultation_time])).toEqual([
      [0, null, Instant.parse("2026-03-02T11:01:00+11:00")], [0, null, Instant.parse("2026-03-02T13:02:00+11:00")], [0, null, Instant.parse("2026-03-02T14:01:00+11:00")]
    ])
  })
})
