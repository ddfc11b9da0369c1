/**
 * A provider's room-call time over several devices (R73): the union of their host presences in the call, as
 * R42 counts segments, on the fixture shared with the CLI tests (fixtures/provider-devices.ndjson).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { type Cell, Generation, type InputRecord, MemorySource, Projection, Report } from "../src/index.ts"
import { decodeLine } from "../src/Records.ts"
import { roomJoins, roomLeaves } from "./fixtures.ts"

const fixture = readFileSync(join(import.meta.dirname, "fixtures/provider-devices.ndjson"), "utf8")

const source = () => {
  const records: Array<InputRecord> = []
  fixture.split("\n").forEach((line, i) => {
    const r = decodeLine(line, i + 1)
    if (r instanceof Error) throw r
    if (r !== undefined) records.push(r)
  })
  return MemorySource.fromRecords(records)
}

const serviceProviders = async (clinicId?: string) => {
  const input = { organisationIds: ["org-1"], from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney", ...(clinicId ? { clinicId } : {}) }
  const prepared = await Effect.runPromise(
    Generation.prepare("service-providers", input, source(), { now: Date.parse("2026-11-26T00:00:00Z"), generatedBy: "test" })
  )
  const rows: Array<Readonly<Record<string, Cell>>> = []
  for await (const r of prepared.rows) rows.push(Report.cells(prepared.context.report, r))
  return rows.map((r) => [r.user_id, r.clinic_id, r.room_calls, r.room_call_duration])
}

describe("a provider's room-call time over several devices (R73)", () => {
  it("counts two overlapping devices once: 13:00–13:10 and 13:01–13:10 give 600 s", () => {
    const p = Projection.project([
      roomJoins("13:00", "rc-1", "p-1", { user: "u-1" }), roomJoins("13:01", "rc-1", "p-2", { user: "u-1" }),
      roomLeaves("13:10", "rc-1", "p-1"), roomLeaves("13:10", "rc-1", "p-2")
    ])
    expect(p.roomCalls[0]!.call.hosts).toEqual([{ user_id: "u-1", attendance_ms: 600_000 }])
    expect(p.roomCalls[0]!.participants.map((x) => x.attendance_ms)).toEqual([600_000, 540_000])
  })

  it("keeps one entry per account that joined as host, with zero time for a zero-length presence", () => {
    const p = Projection.project([
      roomJoins("13:00", "rc-1", "p-1", { user: "u-1" }), roomJoins("13:05", "rc-1", "p-2", { user: "u-2" }),
      roomLeaves("13:05", "rc-1", "p-2"), roomLeaves("13:10", "rc-1", "p-1")
    ])
    expect(p.roomCalls[0]!.call.hosts).toEqual([{ user_id: "u-1", attendance_ms: 600_000 }, { user_id: "u-2", attendance_ms: 0 }])
  })

  it("gives each provider the union of their devices in an organisation run: overlap once, a rejoin inside the other device's stay adds nothing, a gap between devices is not counted", async () => {
    expect(await serviceProviders()).toEqual([
      ["u-gap", "cl-a", 1, 1200],
      ["u-overlap", "cl-a", 1, 600],
      ["u-overlap", "cl-b", 1, 1800],
      ["u-rejoin", "cl-a", 1, 1200]
    ])
  })

  it("gives the same figures in a clinic-level run", async () => {
    expect(await serviceProviders("cl-a")).toEqual([
      ["u-gap", "cl-a", 1, 1200],
      ["u-overlap", "cl-a", 1, 600],
      ["u-rejoin", "cl-a", 1, 1200]
    ])
    expect(await serviceProviders("cl-b")).toEqual([["u-overlap", "cl-b", 1, 1800]])
  })
})
