/**
 * LibreOffice Calc reads our workbooks and CSV files: every cell of the acceptance workbooks as Calc shows it
 * equals our CSV, Calc opens each data sheet with its filter buttons and frozen header, the filter survives a
 * round trip through Calc, and no hostile text becomes a formula, in a workbook or in a CSV opened with Calc's
 * default import. Four soffice runs in all.
 */
import type { Column, RenderContext } from "@vcr/core"
import { FormulaLike, MemorySource, Output, Parameters, Records, reportIds, Rows, Run } from "@vcr/core"
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir } from "../../../test-support/fixtures.ts"
import type { CalcSheetView } from "../../../test-support/libreoffice.ts"
import { calcViews, csvExport, parseCsv, sofficeAvailable, sofficeConvert } from "../../../test-support/libreoffice.ts"
import { context, report, row, scratch, writeWorkbook, zipEntries, type Row } from "./fixtures.ts"

const hostile = [
  "=1+1",
  "+1",
  "-1",
  "@SUM(A1)",
  "\t=1",
  " =1",
  "\u00A0=1",
  '=HYPERLINK("http://x","y")',
  "=cmd|'/c calc'!A0",
  "\uFF1D1+1",
  "=Pathology",
  "'already quoted",
  "a=1"
]

/** The acceptance runs: every report at minimum 0, clinics and consultations at 5 minutes too. */
const runs: ReadonlyArray<readonly [name: string, id: (typeof reportIds)[number], minimum: string]> = [
  ...reportIds.map((id) => [id, id, "0"] as const),
  ["clinics-min5", "clinics", "5"],
  ["consultations-min5", "consultations", "5"]
]

const loadAcceptance = async () => {
  const records: Array<Records.InputRecord> = []
  const lines = (await readFile(join(acceptanceDir, "input.ndjson"), "utf8")).split("\n")
  lines.forEach((line, i) => {
    const record = Records.decodeLine(line, i + 1)
    if (record instanceof Error) throw record
    if (record !== undefined) records.push(record)
  })
  return MemorySource.fromRecords(records)
}

const text = async (chunks: AsyncIterable<string>) => {
  let all = ""
  for await (const chunk of chunks) all += chunk
  return all
}

/** "h:mm:ss" of whole seconds, as Calc shows the `[h]:mm:ss` format. */
const clockText = (seconds: number) => {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
}

/** What a workbook cell shows for a field of our CSV: the same value, in the workbook's formats. */
const shown = (kind: Column.ColumnKind | "header", field: string): string => {
  if (field === "") return ""
  switch (kind) {
    case "header":
    case "string":
      // The CSV's guard apostrophe (R74); the workbook holds the text exact and protects it by style.
      return field.startsWith("'") && FormulaLike.isFormulaLike(field.slice(1)) ? field.slice(1) : field
    case "instant":
      return field.slice(0, 19).replace("T", " ")
    case "seconds":
      return clockText(Number(field))
    case "boolean":
      return field === "true" ? "Yes" : "No"
    case "integer":
    case "date":
      return field
  }
}

const available = sofficeAvailable()

describe.skipIf(!available)("LibreOffice Calc reads our files", () => {
  let directory = ""
  let remove = async () => {}
  const contexts = new Map<string, RenderContext>()
  let views = new Map<string, ReadonlyArray<CalcSheetView>>()

  beforeAll(async () => {
    ;({ directory, remove } = await scratch())
    const source = await loadAcceptance()
    const now = Date.UTC(2026, 10, 26)
    const workbooks: Array<string> = []
    for (const [name, id, minimum] of runs) {
      const input = { organisationIds: ["org-1"], from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney", minimumDurationMinutes: minimum }
      const parameters = await Run.decode(input, source, now)
      if (parameters instanceof Error) throw parameters
      const ctx = await Run.open(parameters, source)
      const renderContext: RenderContext = {
        report: Rows.definition(ctx, id),
        parameters: Parameters.toJson(ctx.parameters),
        generatedAt: "2026-11-26T10:00:00+11:00",
        generatedBy: "LibreOffice test"
      }
      contexts.set(name, renderContext)
      await writeFile(join(directory, `${name}.csv`), await text(Output.csv(renderContext, Rows.rows(ctx, id))))
      await writeWorkbook({ context: renderContext, rows: Rows.rows(ctx, id), path: join(directory, `${name}.xlsx`) })
      workbooks.push(join(directory, `${name}.xlsx`))
    }
    // The hostile-names table: every hostile text as a clinic name, an id, a note and a header.
    const hostileContext: RenderContext<Row> = {
      ...context,
      report: { ...report, columns: report.columns.map((c, i) => (i === 7 ? { ...c, header: "=NOTES()" } : c)) }
    }
    const rows = hostile.map((t, i) => row(i + 1, { consultation_id: t, clinic_name: t, notes: t }))
    contexts.set("hostile", hostileContext as RenderContext)
    await writeWorkbook({ context: hostileContext, rows, path: join(directory, "hostile.xlsx") })
    await writeFile(join(directory, "hostile.csv"), await text(Output.csv(hostileContext, rows)))
    workbooks.push(join(directory, "hostile.xlsx"))
    // Every second of the first two hours as a duration and as a time of day.
    const start = Date.UTC(2026, 2, 1, 13) // midnight in Sydney
    const seconds = Array.from({ length: 7_200 }, (_, s) => row(s, { wait_duration: s, started_time: start + s * 1000 }))
    contexts.set("durations", context as RenderContext)
    await writeWorkbook({ context, rows: seconds, path: join(directory, "durations.xlsx") })
    await writeFile(join(directory, "durations.csv"), await text(Output.csv(context, seconds)))
    workbooks.push(join(directory, "durations.xlsx"))

    for (const out of ["csv", "xlsx", "from-csv"]) await mkdir(join(directory, out))
    await sofficeConvert(workbooks, csvExport, join(directory, "csv"))
    await sofficeConvert(workbooks, "xlsx", join(directory, "xlsx"))
    await sofficeConvert([join(directory, "hostile.csv")], "xlsx", join(directory, "from-csv"))
    const roundTripped = runs.map(([name]) => join(directory, "xlsx", `${name}.xlsx`))
    views = await calcViews([...workbooks, ...roundTripped])
  }, 300_000)
  afterAll(() => (process.env.VCR_KEEP_SCRATCH ? console.info(directory) : remove()))

  /** Compares every cell Calc shows for workbook `name` with our CSV; returns the number of cells. */
  const compare = async (name: string): Promise<number> => {
    const columns = contexts.get(name)!.report.columns
    const ours = parseCsv(await readFile(join(directory, `${name}.csv`), "utf8"))
    const calc = parseCsv(await readFile(join(directory, "csv", `${name}.csv`), "utf8"))
    expect(calc).toHaveLength(ours.length)
    let cells = 0
    ours.forEach((record, r) => {
      const expected = record.map((field, c) => shown(r === 0 ? "header" : columns[c]!.type, field))
      expect(calc[r], `${name} row ${r + 1}`).toEqual(expected)
      cells += record.length
    })
    return cells
  }

  it("shows every cell of the acceptance workbooks as our CSV has it (durations to the second)", async () => {
    let cells = 0
    for (const [name] of runs) cells += await compare(name)
    console.info(`LibreOffice: ${cells} cells of ${runs.length} acceptance workbooks equal our CSV`)
    expect(cells).toBeGreaterThan(500)
  })

  it("shows every duration and instant to the exact second", async () => {
    const cells = await compare("durations")
    console.info(`LibreOffice: ${cells} cells of the durations workbook equal our CSV`)
    expect(cells).toBe(7_201 * report.columns.length)
  })

  it("opens each data sheet with its filter buttons and frozen header, and keeps the filter through a round trip", async () => {
    for (const [name] of runs) {
      const ours = (await zipEntries(join(directory, `${name}.xlsx`))).get("xl/worksheets/sheet1.xml")!
      const ref = ours.match(/<autoFilter ref="([^"]+)"/)![1]!
      expect(views.get(join(directory, `${name}.xlsx`))![0], name).toEqual({
        name: "Data",
        frozen: true,
        splitRow: 1,
        splitColumn: 0,
        autoFilter: ref
      })
      // Calc's own file: the filter and its name are written back; headless Calc writes no views at all.
      const entries = await zipEntries(join(directory, "xlsx", `${name}.xlsx`))
      expect(entries.get("xl/worksheets/sheet1.xml"), name).toContain(`<autoFilter ref="${ref}"`)
      const absolute = ref.replace(/([A-Z]+)(\d+)/g, "\\$$$1\\$$$2")
      expect(entries.get("xl/workbook.xml"), name).toMatch(
        new RegExp(`<definedName [^>]*name="_xlnm._FilterDatabase"[^>]*>[^<]*!${absolute}<`)
      )
      expect(views.get(join(directory, "xlsx", `${name}.xlsx`))![0]!.autoFilter, name).toBe(ref)
    }
  })

  it("evaluates no hostile text: the workbook's cells are the exact text, the CSV's keep their apostrophe", async () => {
    const cells = await compare("hostile")
    expect(cells).toBe((hostile.length + 1) * report.columns.length)
    const calc = parseCsv(await readFile(join(directory, "csv", "hostile.csv"), "utf8"))
    hostile.forEach((t, i) => expect(calc[i + 1]!.slice(0, 2)).toEqual([t, t]))
    expect(calc[0]![7]).toBe("=NOTES()")

    for (const file of [join(directory, "xlsx", "hostile.xlsx"), join(directory, "from-csv", "hostile.xlsx")]) {
      const entries = await zipEntries(file)
      for (const [entry, xml] of entries) {
        if (entry.startsWith("xl/worksheets/")) expect(xml, `${file} ${entry}`).not.toMatch(/<f[\s>]/)
      }
    }
    // Calc's default CSV import reads each guarded text as text, apostrophe included.
    const strings = (await zipEntries(join(directory, "from-csv", "hostile.xlsx"))).get("xl/sharedStrings.xml")!
    const texts = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) =>
      m[1]!
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
        .replaceAll("&apos;", "'")
        .replaceAll("&quot;", '"')
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">")
        .replaceAll("&amp;", "&")
    )
    // (It reads a CSV without a byte order mark as Windows-1252, so only the ASCII texts come back exact.)
    for (const t of hostile.filter((h) => [...h].every((c) => c.charCodeAt(0) < 0x80))) expect(texts).toContain(FormulaLike.neutralise(t))
  })
})
