import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Column, FormulaLike, Output, Report, type RenderContext } from "../src/index.ts"

const starters = ["=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]
// Leading whitespace of R74: spaces, no-break spaces and every other Unicode space separator (Zs).
const spaces = [" ", "\u00A0", "\u1680", "\u2000", "\u2007", "\u200A", "\u202F", "\u205F", "\u3000"]
const lead = fc.array(fc.constantFrom(...spaces, "\t")).map((xs) => xs.join(""))

describe("the formula-like rule (R74)", () => {
  it("flags text whose first character after leading whitespace starts a formula", () => {
    fc.assert(fc.property(lead, fc.constantFrom(...starters), fc.string(), (ws, first, rest) => {
      expect(FormulaLike.isFormulaLike(ws + first + rest)).toBe(true)
      expect(FormulaLike.neutralise(ws + first + rest)).toBe("'" + ws + first + rest)
    }))
  })

  it("leaves text alone whose first non-space character starts no formula", () => {
    const safe = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[\s\p{Zs}=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(c))
    fc.assert(fc.property(fc.array(fc.constantFrom(...spaces)).map((xs) => xs.join("")), safe, fc.string(), (ws, first, rest) => {
      expect(FormulaLike.isFormulaLike(ws + first + rest)).toBe(false)
      expect(FormulaLike.neutralise(ws + first + rest)).toBe(ws + first + rest)
    }))
  })

  it("knows the cases that drifted apart between the CSV and XLSX checks", () => {
    expect(FormulaLike.isFormulaLike("\uFF1DHYPERLINK(\"x\")")).toBe(true)
    expect(FormulaLike.isFormulaLike("\u3000=1")).toBe(true)
    expect(FormulaLike.isFormulaLike("\u2003@SUM(A1)")).toBe(true)
    expect(FormulaLike.isFormulaLike("")).toBe(false)
    expect(FormulaLike.isFormulaLike("   ")).toBe(false)
    expect(FormulaLike.isFormulaLike("1+1=2")).toBe(false)
    expect(FormulaLike.isFormulaLike("Dr. =Smith")).toBe(false)
  })
})

describe("CSV output and the formula-like rule", () => {
  const Little = Report.make({
    id: "clinics", title: "Clinics", category: "entities", grain: "g", tags: true,
    columns: { clinic_id: Column.string({ header: "Clinic ID", description: "d" }), n: Column.integer({ header: "N", description: "d" }) },
    translations: { "zh-CN": { title: "诊所", grain: "g", columns: { clinic_id: { header: "诊所 ID", description: "d" }, n: { header: "N", description: "d" } } } }
  })
  const context = (label: string): RenderContext<Report.RowOf<typeof Little>> => ({
    report: Report.resolve(Little, { bandwidth: false, tags: [{ key: "x", label }] }),
    parameters: {
      organisation_ids: ["o"], clinic_id: null, from: "2026-03-02", to: "2026-03-02", timezone: "UTC", minimum_duration_minutes: 0,
      range_start: "2026-03-02T00:00:00+00:00", range_end: "2026-03-03T00:00:00+00:00", range_kind: "short"
    },
    generatedAt: "2026-03-03T00:00:00+00:00",
    generatedBy: "test"
  })
  const csv = async (header: string, rows: ReadonlyArray<Report.RowOf<typeof Little>>) => {
    let text = ""
    for await (const chunk of Output.csv(context(header), rows)) text += chunk
    return text
  }

  it("escapes a tag label that looks like a formula in the header row", async () => {
    const text = await csv('=HYPERLINK("http://evil.example","Region")', [])
    expect(text).toBe(`Clinic ID,N,"'=HYPERLINK(""http://evil.example"",""Region"")"\r\n`)
  })

  it("escapes formula-like data cells, full-width forms included, and leaves numbers alone", async () => {
    const text = await csv("Region", [{ clinic_id: "\uFF0Bcmd", n: -3, tags: { x: " -2" } }, { clinic_id: "ok", n: 1, tags: {} }])
    expect(text).toBe("Clinic ID,N,Region\r\n'\uFF0Bcmd,-3,' -2\r\nok,1,\r\n")
  })
})
