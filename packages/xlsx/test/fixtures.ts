/**
 * Test support: a small made-up report with one column of every kind, its render context, a scratch
 * directory per test, and a minimal zip reader (central directory + inflateRaw) to look at the raw XML.
 */
import type { RenderContext, ReportDefinition } from "@vcr/core"
import { Column, Instant, Report } from "@vcr/core"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { Writable } from "node:stream"
import { writeWorkbookToStream, type WorkbookInput, type WorkbookSummary } from "../src/index.ts"
import { columnLetter } from "../src/sheet-xml.ts"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inflateRawSync } from "node:zlib"

/** The made-up report's definition. */
export const Test = Report.make({
  id: "consultations",
  title: "Consultations (test)",
  category: "activities",
  grain: "One row per consultation",
  columns: {
    consultation_id: Column.string({ header: "Consultation ID", description: "Stable identifier of the consultation" }),
    clinic_name: Column.string({ header: "Clinic", description: "Name of the clinic at the time" }),
    participant_count: Column.integer({ header: "Participants", description: "People who joined" }),
    wait_duration: Column.seconds({ header: "Wait", description: "Time from arrival to answer" }),
    started_time: Column.instant({ header: "Started", description: "When the caller arrived, in the run's timezone" }),
    date: Column.date({ header: "Date", description: "Local date of the start" }),
    abandoned: Column.boolean({ header: "Abandoned", description: "The caller left before an answer" }),
    notes: Column.string({ header: "Notes", description: "Free text entered by the provider" })
  },
  translations: {
    "zh-CN": {
      title: "咨询(测试)",
      grain: "每次咨询一行",
      columns: {
        consultation_id: { header: "咨询 ID", description: "咨询的固定标识符" },
        clinic_name: { header: "诊所", description: "当时的诊所名称" },
        participant_count: { header: "参与者", description: "加入的人数" },
        wait_duration: { header: "等待时长", description: "从到达到接听的时间" },
        started_time: { header: "开始时间", description: "呼叫者到达的时间，按运行的时区显示" },
        date: { header: "日期", description: "开始的本地日期" },
        abandoned: { header: "已放弃", description: "呼叫者在接听前离开" },
        notes: { header: "备注", description: "服务提供商输入的自由文本" }
      }
    }
  }
})
export type Row = Report.RowOf<typeof Test>

export const report: ReportDefinition<Row> = Report.resolve(Test, { bandwidth: false, tags: [] })

/** Epoch milliseconds of an ISO instant written in a test. */
export const at = (iso: string): number => Instant.parse(iso)!

export const context: RenderContext<Row> = {
  report,
  parameters: {
    organisation_ids: ["org-1", "org-2"],
    clinic_id: null,
    from: "2026-03-01",
    to: "2026-03-31",
    timezone: "Australia/Sydney",
    minimum_duration_minutes: 2,
    range_start: "2026-03-01T00:00:00+11:00",
    range_end: "2026-04-01T00:00:00+11:00",
    range_kind: "short"
  },
  generatedAt: "2026-04-01T09:30:00+11:00",
  generatedBy: "Test Person"
}

/** A row with every column filled; `n` varies the id. */
export const row = (n: number, overrides: Partial<Row> = {}): Row => ({
  consultation_id: `c-${n}`,
  clinic_name: "Northside",
  participant_count: 2,
  wait_duration: 3_725,
  started_time: at("2026-03-02T09:00:00+11:00"),
  date: "2026-03-02",
  abandoned: false,
  notes: null,
  ...overrides
})

/** A fresh scratch directory and its removal. */
export const scratch = async () => {
  const directory = await mkdtemp(join(tmpdir(), "vcr-xlsx-test-"))
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) }
}

/** Every entry of a zip file by name, inflated, as text. */
export const zipEntries = async (path: string): Promise<Map<string, string>> => {
  const zip = await readFile(path)
  let end = zip.length - 22
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1
  if (end < 0) throw new Error("not a zip file: no end of central directory")
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory entry")
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + compressed)
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"))
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The worksheet XML entries, in sheet order. */
export const worksheetXml = (entries: Map<string, string>): Array<string> =>
  [...entries.keys()]
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .map((name) => entries.get(name)!)

/** A cell of a worksheet's XML: its reference, style id and type attributes, and its `<v>` or `<t>` text (raw XML). */
export interface SheetCell {
  readonly ref: string
  readonly s: string | undefined
  readonly t: string | undefined
  readonly text: string
}

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)

/**
 * Every cell of a worksheet's XML, each with its reference: its `r` attribute, or (written without one)
 * the column after the previous cell of its row.
 */
export const sheetCells = (xml: string): Array<SheetCell> => {
  const cells: Array<SheetCell> = []
  for (const [, rowNumber, content] of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    let column = 0
    for (const [, attributeText, body] of content!.matchAll(/<c((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/gs)) {
      const attributes = new Map([...attributeText!.matchAll(/ ([a-z]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]))
      const r = attributes.get("r")
      if (r !== undefined && r !== `${r.match(/^[A-Z]+/)![0]}${rowNumber}`) throw new Error(`cell ${r} in row ${rowNumber}`)
      column = r === undefined ? column + 1 : columnNumber(r.match(/^[A-Z]+/)![0])
      cells.push({ ref: `${columnLetter(column)}${rowNumber}`, s: attributes.get("s"), t: attributes.get("t"), text: body!.match(/<(?:v|t)(?: [^>]*)?>([^<]*)</)?.[1] ?? "" })
    }
  }
  return cells
}

/**
 * Renders a workbook in memory and writes it to `path` only when it is complete (so a failure leaves nothing).
 * Atomic files are the engine's business; here the tests only need the bytes on disk to read them back.
 */
export const writeWorkbook = async <R>(input: WorkbookInput<R> & { readonly path: string }): Promise<WorkbookSummary> => {
  const chunks: Array<Buffer> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk)
      callback()
    }
  })
  const summary = await writeWorkbookToStream({ ...input, stream })
  await writeFile(input.path, Buffer.concat(chunks))
  return summary
}
