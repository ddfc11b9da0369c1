import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Definitions, type InputRecord, MemorySource, Output, Parameters, Report, Rows, Run, Tiles } from "../src/index.ts"
import { decodeLine } from "../src/Records.ts"

const dir = join(import.meta.dirname, "fixtures/three-clinic-transfer")
const now = Date.UTC(2026, 10, 26)

const load = () => {
  const records: Array<InputRecord> = []
  readFileSync(join(dir, "input.ndjson"), "utf8").split("\n").forEach((line, i) => {
    const r = decodeLine(line, i + 1)
    if (r instanceof Error) throw r
    if (r !== undefined) records.push(r)
  })
  return MemorySource.fromRecords(records)
}

const runFor = async (minimum: string) => {
  const source = load()
  const p = await Run.decode({ organisationIds: ["org-1"], from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney", minimumDurationMinutes: minimum }, source, now)
  if (p instanceof Error) throw p
  return Run.open(p, source)
}

const reportJson = async (id: Report.ReportId, minimum: string, locale: Report.Locale = "en") => {
  const ctx = await runFor(minimum)
  const report = Rows.definition(ctx, id, locale)
  let text = ""
  for await (const chunk of Output.json({ report, parameters: Parameters.toJson(ctx.parameters), generatedAt: "x", generatedBy: "test" }, Rows.rows(ctx, id))) text += chunk
  return JSON.parse(text)
}

const cases: Array<[string, Report.ReportId, string]> = [
  ["expected-organisations.json", "organisations", "0"],
  ["expected-clinics.json", "clinics", "0"],
  ["expected-clinics-min5.json", "clinics", "5"],
  ["expected-service-providers.json", "service-providers", "0"],
  ["expected-service-provider-summary.json", "service-provider-summary", "0"],
  ["expected-room-calls.json", "room-calls", "0"],
  ["expected-consultations.json", "consultations", "0"],
  ["expected-consultations-min5.json", "consultations", "5"]
]

describe("three-clinic transfer acceptance scenario (in-memory source)", () => {
  for (const [file, id, minimum] of cases) {
    it(`reproduces ${file}`, async () => {
      const expected = JSON.parse(readFileSync(join(dir, file), "utf8"))
      const actual = await reportJson(id, minimum)
      expect(actual.report).toBe(expected.report)
      expect(actual.title).toBe(expected.title)
      expect(actual.parameters).toEqual(expected.parameters)
      expect(actual.columns.map((c: any) => [c.key, c.type])).toEqual(expected.columns.map((c: any) => [c.key, c.type]))
      expect(actual.rows).toEqual(expected.rows)
    })
  }
  for (const [file, id, minimum] of cases) {
    it(`reproduces ${file} in zh-CN: the same keys, types and rows, the zh-CN title and headers (R80)`, async () => {
      const expected = JSON.parse(readFileSync(join(dir, file), "utf8"))
      const actual = await reportJson(id, minimum, "zh-CN")
      expect(actual.report).toBe(expected.report)
      expect(actual.title).toBe(Definitions.reports[id].text["zh-CN"].title)
      expect(actual.parameters).toEqual(expected.parameters)
      expect(actual.columns.map((c: any) => [c.key, c.type])).toEqual(expected.columns.map((c: any) => [c.key, c.type]))
      expect(actual.columns.every((c: any) => c.key.startsWith("tag:") || /\p{Script=Han}/u.test(c.header))).toBe(true)
      expect(actual.rows).toEqual(expected.rows)
    })
  }
  for (const [file, minimum] of [["expected-summary.json", "0"], ["expected-summary-min5.json", "5"]] as const) {
    it(`reproduces ${file}`, async () => {
      const expected = JSON.parse(readFileSync(join(dir, file), "utf8"))
      const ctx = await runFor(minimum)
      expect(Parameters.toJson(ctx.parameters)).toEqual(expected.parameters)
      expect(JSON.parse(JSON.stringify(await Tiles.tiles(ctx)))).toEqual(expected.tiles)
    })
  }
})
