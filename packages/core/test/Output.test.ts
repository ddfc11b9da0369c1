/**
 * The CSV and JSON writers put bytes straight into chunks; each cell must read exactly as the text rules say:
 * instants as `ZoneClock.format`, numbers as `String`, text neutralised and quoted (CSV) or as `JSON.stringify`
 * (JSON), whatever the characters, and whatever chunk boundary falls inside a row.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Column, FormulaLike, Instant, Output, Report, type RenderContext } from "../src/index.ts"

const Cells = Report.make({
  id: "clinics", title: "Cells", category: "entities", grain: "g",
  columns: {
    text: Column.string({ header: "Text", description: "d" }),
    at: Column.instant({ header: "At", description: "d" }),
    n: Column.integer({ header: "N", description: "d" }),
    flag: Column.boolean({ header: "Flag", description: "d" })
  },
  translations: {
    "zh-CN": {
      title: "Cells", grain: "g",
      columns: { text: { header: "Text", description: "d" }, at: { header: "At", description: "d" }, n: { header: "N", description: "d" }, flag: { header: "Flag", description: "d" } }
    }
  }
})
type Row = Report.RowOf<typeof Cells>

const context = (timezone: string): RenderContext<Row> => ({
  report: Report.resolve(Cells, { bandwidth: false, tags: [] }),
  parameters: {
    organisation_ids: ["o"], clinic_id: null, from: "2026-03-02", to: "2026-03-02", timezone, minimum_duration_minutes: 0,
    range_start: "2026-03-02T00:00:00+00:00", range_end: "2026-03-03T00:00:00+00:00", range_kind: "short"
  },
  generatedAt: "2026-03-03T00:00:00+00:00",
  generatedBy: "test"
})

const text = async (chunks: AsyncIterable<string>) => {
  let out = ""
  for await (const chunk of chunks) out += chunk
  return out
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

const zones = ["UTC", "Australia/Sydney", "Australia/Lord_Howe", "America/Sao_Paulo", "America/St_Johns", "Asia/Kolkata", "Europe/Dublin"]
const row = fc.record({
  text: fc.option(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom("=1", "a,b", 'say "hi"', "x\r\ny", "ünï", "\u{1F600}")), { nil: null }),
  at: fc.option(fc.oneof(fc.integer({ min: -62_000_000_000_000, max: 260_000_000_000_000 }), fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 })), { nil: null }),
  // Finite numbers, -0 as 0 (both writers show it as `String` does: "0").
  n: fc.option(fc.oneof(fc.integer(), fc.nat(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)), { nil: null }),
  flag: fc.option(fc.boolean(), { nil: null })
})

describe("the byte writers", () => {
  it("write every CSV cell as the text rules say", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...zones), fc.array(row, { maxLength: 40 }), async (zone, rows) => {
      const clock = new Instant.ZoneClock(zone)
      const expected = "Text,At,N,Flag\r\n" + rows.map((r) => [
        r.text === null ? "" : csvField(FormulaLike.neutralise(r.text)),
        r.at === null ? "" : clock.format(r.at),
        r.n === null ? "" : csvField(String(r.n)),
        r.flag === null ? "" : String(r.flag)
      ].join(",") + "\r\n").join("")
      expect(await text(Output.csv(context(zone), rows))).toBe(expected)
    }), { numRuns: 100 })
  })

  it("write every JSON cell as JSON.stringify would", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...zones), fc.array(row, { maxLength: 40 }), async (zone, rows) => {
      const clock = new Instant.ZoneClock(zone)
      const document = JSON.parse(await text(Output.json(context(zone), rows))) as { rows: Array<Record<string, unknown>> }
      expect(document.rows).toEqual(rows.map((r) => ({ text: r.text, at: r.at === null ? null : clock.format(r.at), n: r.n, flag: r.flag })))
      const lines = (await text(Output.json(context(zone), rows))).split("\n").slice(1, 1 + rows.length)
      lines.forEach((line, i) => {
        const r = rows[i]!
        const cells = [r.text === null ? "null" : JSON.stringify(r.text), r.at === null ? "null" : `"${clock.format(r.at)}"`, r.n === null ? "null" : String(r.n), String(r.flag)]
        expect(line).toBe(`{"text":${cells[0]},"at":${cells[1]},"n":${cells[2]},"flag":${cells[3]}}${i < rows.length - 1 ? "," : ""}`)
      })
    }), { numRuns: 100 })
  })

  it("split a long report into chunks without splitting what they encode", async () => {
    const rows: Array<Row> = Array.from({ length: 20_000 }, (_, i) => ({ text: `ü${"x".repeat(i % 50)}€`, at: 1_772_000_000_000 + i * 61_000, n: i, flag: i % 2 === 0 }))
    const chunks: Array<Uint8Array> = []
    for await (const chunk of Output.csvBytes(context("Australia/Sydney"), rows)) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    const bytes = Buffer.concat(chunks)
    expect(bytes.toString("utf8")).toBe(await text(Output.csv(context("Australia/Sydney"), rows)))
    expect(bytes.toString("utf8").split("\r\n").length).toBe(20_002)
  })
})
