import ExcelJS from "exceljs"
import { readdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { PassThrough, Writable } from "node:stream"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { InvalidCellValue, truncationMarker, writeWorkbookToStream } from "../src/index.ts"
import { at, context, report, row, scratch, sheetCells, worksheetXml, writeWorkbook, zipEntries } from "./fixtures.ts"

let directory = ""
let remove = async () => {}
beforeEach(async () => {
  ;({ directory, remove } = await scratch())
})
afterEach(() => remove())

const read = async (path: string) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  return workbook
}

/** The values of row `r` of `sheet`, columns 1..n. */
const values = (sheet: ExcelJS.Worksheet, r: number, n = report.columns.length) =>
  Array.from({ length: n }, (_, i) => sheet.getRow(r).getCell(i + 1).value)

const excelEpoch = Date.UTC(1899, 11, 30)
/** Seconds of a duration cell (exceljs reads [h]:mm:ss cells as dates from 1899-12-30). */
const durationSeconds = (value: unknown) => ((value as Date).getTime() - excelEpoch) / 1000
/** "YYYY-MM-DD hh:mm:ss" of a date cell's UTC fields: the wall time it shows. */
const wall = (value: unknown) => (value as Date).toISOString().slice(0, 19).replace("T", " ")

describe("writeWorkbook", () => {
  it("writes typed cells that read back as the wall time, durations, Yes/No and blanks", async () => {
    const path = join(directory, "report.xlsx")
    const rows = [
      row(1),
      row(2, {
        clinic_name: 'Clinic & <Co> "quoted"',
        participant_count: 0,
        wait_duration: 0,
        started_time: at("2026-10-04T03:30:00+11:00"),
        date: "2026-12-31",
        abandoned: true,
        notes: "line one\nline two, with trailing space "
      }),
      row(3, {
        clinic_name: null,
        participant_count: null,
        wait_duration: null,
        started_time: null,
        date: null,
        abandoned: null,
        notes: null
      }),
      row(4, { wait_duration: 90_061, started_time: at("2026-03-03T01:59:59-11:00"), participant_count: 123_456 })
    ]
    const summary = await writeWorkbook({ context, rows, path })
    expect(summary).toEqual({ rows: 4, sheets: 1, bytes: (await readFile(path)).length })

    const workbook = await read(path)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Data", "Field descriptions"])
    const data = workbook.getWorksheet("Data")!
    expect(values(data, 1)).toEqual(report.columns.map((c) => c.header))
    expect(data.rowCount).toBe(5)

    const first = data.getRow(2)
    expect(first.getCell(1).value).toBe("c-1")
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String)
    expect(first.getCell(3).value).toBe(2)
    expect(first.getCell(3).numFmt).toBe("0")
    expect(durationSeconds(first.getCell(4).value)).toBe(3_725)
    expect(first.getCell(4).numFmt).toBe("[h]:mm:ss")
    expect(first.getCell(5).value).toBeInstanceOf(Date)
    expect(wall(first.getCell(5).value)).toBe("2026-03-02 09:00:00")
    expect(first.getCell(5).numFmt).toBe("yyyy-mm-dd hh:mm:ss")
    expect(wall(first.getCell(6).value)).toBe("2026-03-02 00:00:00")
    expect(first.getCell(6).numFmt).toBe("yyyy-mm-dd")
    expect(first.getCell(7).value).toBe("No")
    expect(first.getCell(8).value).toBeNull()

    const second = data.getRow(3)
    expect(second.getCell(2).value).toBe('Clinic & <Co> "quoted"')
    expect(second.getCell(3).value).toBe(0)
    expect(durationSeconds(second.getCell(4).value)).toBe(0)
    expect(wall(second.getCell(5).value)).toBe("2026-10-04 03:30:00") // the first hour of daylight saving
    expect(wall(second.getCell(6).value)).toBe("2026-12-31 00:00:00")
    expect(second.getCell(7).value).toBe("Yes")
    expect(second.getCell(8).value).toBe("line one\nline two, with trailing space ")

    expect(values(data, 4)).toEqual(["c-3", null, null, null, null, null, null, null])

    const fourth = data.getRow(5)
    expect(durationSeconds(fourth.getCell(4).value)).toBe(90_061) // 25:01:01, past a day
    expect(wall(fourth.getCell(5).value)).toBe("2026-03-03 23:59:59") // shown in the run's zone, whatever offset it was written with
    expect(fourth.getCell(3).value).toBe(123_456)
  })

  it("freezes and filters the header and sizes the columns", async () => {
    const path = join(directory, "report.xlsx")
    await writeWorkbook({ context, rows: [row(1), row(2)], path })
    const data = (await read(path)).getWorksheet("Data")!
    expect(data.views[0]).toMatchObject({ state: "frozen", ySplit: 1 })
    expect(data.autoFilter).toBe("A1:H3")
    for (let c = 1; c <= report.columns.length; c++) {
      expect(data.getColumn(c).width).toBeGreaterThanOrEqual(report.columns[c - 1]!.header.length)
    }
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true)
  })

  it("names each data sheet's filter _xlnm._FilterDatabase, scoped to that sheet (LibreOffice shows the buttons only then)", async () => {
    const path = join(directory, "report.xlsx")
    await writeWorkbook({ context, rows: [row(1), row(2), row(3)], path, maxRowsPerSheet: 2 })
    const book = (await zipEntries(path)).get("xl/workbook.xml")!
    const names = [...book.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].map((m) => [m[1], m[2]!.replaceAll("&apos;", "'")])
    expect(names).toEqual([
      ['name="_xlnm._FilterDatabase" localSheetId="0"', "'Data'!$A$1:$H$3"],
      ['name="_xlnm._FilterDatabase" localSheetId="1"', "'Data 2'!$A$1:$H$2"]
    ])
    const workbook = await read(path)
    expect(workbook.getWorksheet("Data")!.autoFilter).toBe("A1:H3")
    expect(workbook.getWorksheet("Data 2")!.autoFilter).toBe("A1:H2")
  })

  it("writes every duration and instant so that it reads back as the exact second, rounded or floored", async () => {
    const path = join(directory, "report.xlsx")
    const count = 5_000
    const start = at("2026-03-02T09:00:00+11:00")
    const seconds = (n: number) => n * 7 + (n % 3) * 86_400
    const rows = Array.from({ length: count }, (_, n) =>
      row(n, { wait_duration: seconds(n), started_time: start + n * 401_000 })
    )
    await writeWorkbook({ context, rows, path })
    const sheet = worksheetXml(await zipEntries(path))[0]!
    const cells = (column: string) =>
      sheetCells(sheet)
        .filter((cell) => new RegExp(`^${column}\\d`).test(cell.ref) && cell.s !== undefined && cell.t === undefined)
        .map((cell) => Number(cell.text))
    const durations = cells("D")
    const instants = cells("E")
    expect(durations).toHaveLength(count)
    expect(instants).toHaveLength(count)
    const startSerial = instants[0]! * 86_400
    let wrong = 0
    for (let n = 0; n < count; n++) {
      const v = durations[n]!
      if (Math.round(v * 86_400) !== seconds(n) || Math.floor(v * 86_400 + 1e-9) !== seconds(n)) wrong += 1
      if (Math.round(instants[n]! * 86_400 - startSerial) !== n * 401) wrong += 1
    }
    expect(wrong).toBe(0)
  })

  it("describes every column and the run's parameters on the Field descriptions sheet", async () => {
    const path = join(directory, "report.xlsx")
    await writeWorkbook({ context, rows: [row(1), row(2), row(3)], path })
    const sheet = (await read(path)).getWorksheet("Field descriptions")!
    expect(values(sheet, 1, 4)).toEqual(["Header", "Key", "Type", "Description"])
    report.columns.forEach((column, i) => {
      expect(values(sheet, i + 2, 4)).toEqual([column.header, column.key, column.type, column.description])
    })
    const blank = report.columns.length + 2
    expect(values(sheet, blank, 4)).toEqual([null, null, null, null])
    const block = Array.from({ length: 13 }, (_, i) => values(sheet, blank + 1 + i, 2))
    expect(block).toEqual([
      ["Report", "Consultations (test)"],
      ["Organisations", "org-1, org-2"],
      ["Clinic", "All clinics"],
      ["From", "2026-03-01"],
      ["To", "2026-03-31"],
      ["Range start", "2026-03-01T00:00:00+11:00"],
      ["Range end", "2026-04-01T00:00:00+11:00"],
      ["Range kind", "short"],
      ["Timezone", "Australia/Sydney"],
      ["Minimum duration (minutes)", "2"],
      ["Generated at", "2026-04-01T09:30:00+11:00"],
      ["Generated by", "Test Person"],
      ["Data rows", "3"]
    ])
  })

  it("names the clinic when the run is for one", async () => {
    const path = join(directory, "report.xlsx")
    const oneClinic = { ...context, parameters: { ...context.parameters, clinic_id: "clinic-7" } }
    await writeWorkbook({ context: oneClinic, rows: [], path })
    const sheet = (await read(path)).getWorksheet("Field descriptions")!
    const clinicRow = report.columns.length + 2 + 3
    expect(values(sheet, clinicRow, 2)).toEqual(["Clinic", "clinic-7"])
  })

  it("writes a header-only data sheet when there are no rows", async () => {
    const path = join(directory, "empty.xlsx")
    expect(await writeWorkbook({ context, rows: [], path })).toMatchObject({ rows: 0, sheets: 1 })
    const data = (await read(path)).getWorksheet("Data")!
    expect(values(data, 1)).toEqual(report.columns.map((c) => c.header))
    expect(data.rowCount).toBe(1)
  })

  it("continues on Data 2, Data 3... past maxRowsPerSheet, header on each, every row once in order", async () => {
    const path = join(directory, "split.xlsx")
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1))
    expect(await writeWorkbook({ context, rows, path, maxRowsPerSheet: 10 })).toMatchObject({ rows: 25, sheets: 3 })
    const workbook = await read(path)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Data", "Data 2", "Data 3", "Field descriptions"])
    const ids: Array<unknown> = []
    for (const sheet of workbook.worksheets.slice(0, 3)) {
      expect(values(sheet, 1)).toEqual(report.columns.map((c) => c.header))
      for (let r = 2; r <= sheet.rowCount; r++) ids.push(sheet.getRow(r).getCell(1).value)
    }
    expect(workbook.worksheets.slice(0, 3).map((s) => s.rowCount - 1)).toEqual([10, 10, 5])
    expect(ids).toEqual(rows.map((r) => r.consultation_id))
    const descriptions = workbook.getWorksheet("Field descriptions")!
    expect(values(descriptions, descriptions.rowCount, 2)).toEqual(["Data rows", "25"])
  })

  it("opens no empty sheet when the rows end exactly at the limit", async () => {
    const path = join(directory, "exact.xlsx")
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1))
    expect(await writeWorkbook({ context, rows, path, maxRowsPerSheet: 10 })).toMatchObject({ sheets: 2 })
    expect((await read(path)).worksheets.map((s) => s.name)).toEqual(["Data", "Data 2", "Field descriptions"])
  })

  it("consumes async row sources", async () => {
    const path = join(directory, "async.xlsx")
    async function* rows() {
      for (let i = 1; i <= 600; i++) {
        if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
        yield row(i)
      }
    }
    expect(await writeWorkbook({ context, rows: rows(), path })).toMatchObject({ rows: 600, sheets: 1 })
    const data = (await read(path)).getWorksheet("Data")!
    expect(data.getRow(601).getCell(1).value).toBe("c-600")
  })

  it("cuts text past 32,767 characters with a visible marker", async () => {
    const path = join(directory, "long.xlsx")
    await writeWorkbook({ context, rows: [row(1, { notes: "x".repeat(40_000) })], path })
    const notes = (await read(path)).getWorksheet("Data")!.getRow(2).getCell(8).value as string
    expect(notes).toHaveLength(32_767)
    expect(notes.endsWith(truncationMarker)).toBe(true)
  })

  it("replaces characters XML cannot carry and keeps carriage returns", async () => {
    const path = join(directory, "chars.xlsx")
    await writeWorkbook({ context, rows: [row(1, { notes: "a\u0000b\u0007c\uFFFFd\uD800e\r\nf😀" })], path })
    const notes = (await read(path)).getWorksheet("Data")!.getRow(2).getCell(8).value
    expect(notes).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\r\nf😀")
  })
})

describe("writeWorkbookToStream", () => {
  it("streams the same workbook to any writable and ends it", async () => {
    const sink = new PassThrough()
    const chunks: Array<Buffer> = []
    sink.on("data", (chunk: Buffer) => chunks.push(chunk))
    const summary = await writeWorkbookToStream({ context, rows: [row(1), row(2)], stream: sink })
    expect(sink.writableEnded).toBe(true)
    const bytes = Buffer.concat(chunks)
    expect(summary).toEqual({ rows: 2, sheets: 1, bytes: bytes.length })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as never)
    expect(workbook.getWorksheet("Data")!.getRow(3).getCell(1).value).toBe("c-2")
  })
})

describe("failures", () => {
  it("rejects, without hanging, when the destination fails midway", async () => {
    let written = 0
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length
        callback(written > 200_000 ? new Error("connection reset") : null)
      }
    })
    failing.on("error", () => undefined)
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1, { notes: `note ${i} `.repeat(20) }))
    await expect(writeWorkbookToStream({ context, rows, stream: failing })).rejects.toThrow("connection reset")
  })

  it("leaves no file and no temporary file when the rows fail midway", async () => {
    const path = join(directory, "report.xlsx")
    function* rows() {
      for (let i = 1; i <= 700; i++) yield row(i)
      throw new Error("the database went away")
    }
    await expect(writeWorkbook({ context, rows: rows(), path })).rejects.toThrow("the database went away")
    expect(await readdir(directory)).toEqual([])
  })

  it("leaves no file when an async source fails", async () => {
    const path = join(directory, "report.xlsx")
    async function* rows() {
      yield row(1)
      throw new Error("cursor closed")
    }
    await expect(writeWorkbook({ context, rows: rows(), path })).rejects.toThrow("cursor closed")
    expect(await readdir(directory)).toEqual([])
  })

  it("keeps the previous workbook at the path when a new one fails", async () => {
    const path = join(directory, "report.xlsx")
    await writeFile(path, "previous")
    await expect(
      writeWorkbook({ context, rows: [row(1), row(2, { participant_count: "two" as never })], path })
    ).rejects.toBeInstanceOf(InvalidCellValue)
    expect(await readFile(path, "utf8")).toBe("previous")
    expect(await readdir(directory)).toEqual(["report.xlsx"])
  })

  it("rejects an object value (an exceljs formula) instead of passing it on", async () => {
    const path = join(directory, "report.xlsx")
    const hostile = row(1, { notes: { formula: "1+1" } as never })
    const failure = await writeWorkbook({ context, rows: [hostile], path }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(InvalidCellValue)
    expect(failure).toMatchObject({ _tag: "InvalidCellValue", column: "notes", row: 1 })
    expect((failure as Error).message).toContain("not a plain value")
    expect(await readdir(directory)).toEqual([])
  })

  it.each([
    ["participant_count", "12"],
    ["wait_duration", Number.NaN],
    ["started_time", "2026-03-02 09:00"],
    ["started_time", "2026-02-30T09:00:00+11:00"],
    ["date", "2026-3-2"],
    ["abandoned", "yes"],
    ["clinic_name", ["a"]]
  ])("rejects %s = %j", async (column, value) => {
    const path = join(directory, "report.xlsx")
    const failure = await writeWorkbook({ context, rows: [row(1), row(2, { [column]: value as never })], path }).catch(
      (e: unknown) => e
    )
    expect(failure).toMatchObject({ _tag: "InvalidCellValue", column, row: 2 })
    expect(await readdir(directory)).toEqual([])
  })

  it("rejects a maxRowsPerSheet Excel cannot hold", async () => {
    const path = join(directory, "report.xlsx")
    await expect(writeWorkbook({ context, rows: [], path, maxRowsPerSheet: 1_048_576 })).rejects.toThrow(RangeError)
    await expect(writeWorkbook({ context, rows: [], path, maxRowsPerSheet: 0 })).rejects.toThrow(RangeError)
    expect(await readdir(directory)).toEqual([])
  })
})
