/**
 * Type-level tests of typed report rows (checked by `pnpm typecheck`, which covers this folder): a misspelt
 * or missing key, a wrong kind, ISO text for an instant, or a missing dynamic part fails to compile.
 */
import { describe, expect, it } from "vitest"
import { Clinics, Column, Consultations, Organisations, Report } from "../src/index.ts"

const organisation: Organisations.OrganisationsRow = {
  organisation_id: "org-1", organisation_name: "Acme", state: null, specialty: null, contract: null,
  created_time: 0, deleted_time: null, user_accounts: 1, waiting_areas: 1, new_waiting_areas: 0, deleted_waiting_areas: 0,
  service_providers_consulted: 0, consultations: 0, consultation_duration: 0, meeting_rooms: 0, new_meeting_rooms: 0,
  deleted_meeting_rooms: 0, room_calls: 0, room_call_duration: 0
}

const Small = Report.make({
  id: "clinics", title: "Small", category: "entities", grain: "g", tags: true,
  columns: { clinic_id: Column.string({ header: "Clinic ID", description: "d" }), created_time: Column.instant({ header: "Created", description: "d" }) },
  translations: { "zh-CN": { title: "小", grain: "g", columns: { clinic_id: { header: "诊所 ID", description: "d" }, created_time: { header: "创建时间", description: "d" } } } }
})

// A report whose zh-CN table lacks a column fails the typecheck (the build).
Report.make({
  id: "clinics", title: "Small", category: "entities", grain: "g",
  columns: { clinic_id: Column.string({ header: "Clinic ID", description: "d" }), created_time: Column.instant({ header: "Created", description: "d" }) },
  // @ts-expect-error created_time has no zh-CN text
  translations: { "zh-CN": { title: "小", grain: "g", columns: { clinic_id: { header: "诊所 ID", description: "d" } } } }
})
// @ts-expect-error a report without a zh-CN table fails the typecheck
Report.make({ id: "clinics", title: "Small", category: "entities", grain: "g", columns: {}, translations: {} })
type SmallRow = Report.RowOf<typeof Small>

export const typeChecks = (): ReadonlyArray<unknown> => [
  // @ts-expect-error a misspelt key is not a column of the report
  { clinic_id: "c", created_tiem: 0, tags: {} } satisfies SmallRow,
  // @ts-expect-error a missing key fails
  { clinic_id: "c", tags: {} } satisfies SmallRow,
  // @ts-expect-error an instant is epoch milliseconds, never ISO text
  { clinic_id: "c", created_time: "2026-03-02T09:00:00+11:00", tags: {} } satisfies SmallRow,
  // @ts-expect-error a report with tag columns needs the row's tags part
  { clinic_id: "c", created_time: 0 } satisfies SmallRow,
  // @ts-expect-error rows of a report without bandwidth columns have no bandwidth part
  { ...organisation, bandwidth: null } satisfies Organisations.OrganisationsRow,
  // @ts-expect-error the consultations row needs its bandwidth part
  { ...({} as Omit<Consultations.ConsultationsRow, "bandwidth">) } satisfies Consultations.ConsultationsRow,
  // @ts-expect-error a count is a number
  { ...({} as Clinics.ClinicsRow), consultations: "3" } satisfies Clinics.ClinicsRow,
  { clinic_id: null, created_time: null, tags: {} } satisfies SmallRow
]

describe("typed report definitions", () => {
  it("keeps column order and looks headers and descriptions up by key", () => {
    expect(Small.keys).toEqual(["clinic_id", "created_time"])
    expect(Small.text.en.columns.created_time).toEqual({ header: "Created", description: "d" })
    const resolved = Report.resolve(Small, { bandwidth: true, tags: [{ key: "region", label: "Region" }] })
    expect(resolved.columns.map((c) => [c.key, c.header, c.type])).toEqual([
      ["clinic_id", "Clinic ID", "string"], ["created_time", "Created", "instant"], ["tag:region", "Region", "string"]
    ])
    const row: SmallRow = { clinic_id: "c", created_time: 5, tags: { region: "North", constructor: null } }
    expect(Report.cells(resolved, row)).toEqual({ clinic_id: "c", created_time: 5, "tag:region": "North" })
    expect(typeChecks().length).toBe(8)
  })

  it("reads bandwidth columns from the bandwidth part, blank when it is null", () => {
    const resolved = Report.resolve(Consultations.Consultations, { bandwidth: true, tags: [] })
    const keys = resolved.columns.map((c) => c.key)
    expect(keys.slice(-6)).toEqual(["min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"])
    const max = resolved.columns.find((c) => c.key === "max_sent_kbps")!
    expect(max.read({ bandwidth: [1, 2, 3, 4, 5, 6] } as unknown as Consultations.ConsultationsRow)).toBe(2)
    expect(max.read({ bandwidth: null } as unknown as Consultations.ConsultationsRow)).toBeNull()
  })
})
