/**
 * The zh-CN locale through the API (SPEC §11.5, R80): the acceptance scenario downloaded as XLSX, CSV and JSON in
 * en and zh-CN has byte-identical data, keys and values, and headers and descriptions from the zh-CN catalogue
 * (the glossary's terms); an emailed zh-CN report keeps its locale in its history entry, and its file and its email
 * through a real SMTP server are in zh-CN; a bad locale is a 400 naming the field with nothing written.
 */
import { Definitions, Messages, Report } from "@vcr/core"
import { createMailer } from "@vcr/email"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseMessage, partOf, startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { createWorker } from "../src/index.ts"
import { day, start, type Running } from "./support.ts"

let app: Running
beforeAll(async () => {
  app = await start({ limits: { downloads: 1000 } })
})
afterAll(async () => app.close())

const download = async (report: string, body: Record<string, unknown>) => {
  const res = await app.as("u-oadmin", `/api/v1/organisations/org-1/reports/${report}/downloads`, { method: "POST", body: JSON.stringify({ ...day, ...body }) })
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

/** The report runs of the scenario's expected outputs (the scenario's rows themselves are checked in core's acceptance test). */
const cases: ReadonlyArray<readonly [string, Report.ReportId, number]> = [
  ["organisations", "organisations", 0],
  ["clinics", "clinics", 0],
  ["clinics, minimum 5", "clinics", 5],
  ["service-providers", "service-providers", 0],
  ["service-provider-summary", "service-provider-summary", 0],
  ["room-calls", "room-calls", 0],
  ["consultations", "consultations", 0],
  ["consultations, minimum 5", "consultations", 5]
]

/** The zh-CN header and description of a column key: the report's own, a bandwidth figure's, or a tag's. */
const zhText = (id: Report.ReportId, key: string) => {
  const resolved = Report.resolve<Report.AnyDefinition>(Definitions.reports[id], { bandwidth: true, tags: [{ key: "cost_centre", label: "Cost centre" }], locale: "zh-CN" })
  const column = resolved.columns.find((c) => c.key === key)!
  return { header: column.header, description: column.description }
}

const workbook = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  return book
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: Array<Array<{ value: unknown; numFmt: string | undefined }>> = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Array<{ value: unknown; numFmt: string | undefined }> = []
    for (let i = 1; i <= sheet.columnCount; i++) cells.push({ value: row.getCell(i).value, numFmt: row.getCell(i).numFmt })
    rows.push(cells)
  })
  return rows
}

describe("zh-CN outputs of the acceptance scenario (R80)", () => {
  for (const [file, id, minimum] of cases) {
    it(`${file}: JSON and CSV differ from en only in title, header and description text`, async () => {
      const params = { minimum_duration_minutes: minimum }
      const enJson = (await download(id, { ...params, format: "json" })).toString("utf8")
      const zhJson = (await download(id, { ...params, format: "json", locale: "zh-CN" })).toString("utf8")
      // The rows, byte for byte: everything from the rows array on.
      expect(zhJson.slice(zhJson.indexOf(',"rows":['))).toBe(enJson.slice(enJson.indexOf(',"rows":[')))
      const en = JSON.parse(enJson)
      const zh = JSON.parse(zhJson)
      expect(zh.rows).toEqual(en.rows)
      expect(Object.keys(zh)).toEqual(Object.keys(en))
      expect({ ...zh, title: en.title, columns: en.columns }).toEqual(en)
      expect(zh.title).toBe(Definitions.reports[id].text["zh-CN"].title)
      expect(zh.columns.map((c: any) => [c.key, c.type])).toEqual(en.columns.map((c: any) => [c.key, c.type]))
      for (const c of zh.columns) expect({ header: c.header, description: c.description }, c.key).toEqual(zhText(id, c.key))

      const enCsv = (await download(id, { ...params, format: "csv" })).toString("utf8")
      const zhCsv = (await download(id, { ...params, format: "csv", locale: "zh-CN" })).toString("utf8")
      const after = (text: string) => text.slice(text.indexOf("\r\n"))
      expect(after(zhCsv)).toBe(after(enCsv))
      expect(zhCsv.slice(0, zhCsv.indexOf("\r\n"))).toBe(zh.columns.map((c: any) => c.header).join(","))
    })

    it(`${file}: the zh-CN workbook has the same cells and formats, Chinese headers, descriptions, sheet names and Yes/No`, async () => {
      const params = { minimum_duration_minutes: minimum, format: "xlsx" }
      const en = await workbook(await download(id, params))
      const zh = await workbook(await download(id, { ...params, locale: "zh-CN" }))
      expect(en.worksheets.map((s) => s.name)).toEqual(["Data", "Field descriptions"])
      expect(zh.worksheets.map((s) => s.name)).toEqual(["数据", "字段描述"])
      const [enData, zhData] = [rowsOf(en.worksheets[0]!), rowsOf(zh.worksheets[0]!)]
      expect(zhData).toHaveLength(enData.length)
      const keys = rowsOf(zh.worksheets[1]!).slice(1, enData[0]!.length + 1).map((r) => String(r[1]!.value))
      const types = rowsOf(zh.worksheets[1]!).slice(1, enData[0]!.length + 1).map((r) => String(r[2]!.value))
      expect(zhData[0]!.map((c) => c.value)).toEqual(keys.map((k) => zhText(id, k).header))
      const yesNo = new Map<unknown, unknown>([["Yes", "是"], ["No", "否"], [null, null]])
      for (let r = 1; r < enData.length; r++) {
        for (let c = 0; c < enData[r]!.length; c++) {
          const [a, b] = [enData[r]![c]!, zhData[r]![c]!]
          expect(b.numFmt, `row ${r} ${keys[c]}`).toBe(a.numFmt)
          expect(b.value, `row ${r} ${keys[c]}`).toEqual(types[c] === "boolean" ? yesNo.get(a.value) : a.value)
        }
      }
      const [enFields, zhFields] = [rowsOf(en.worksheets[1]!), rowsOf(zh.worksheets[1]!)]
      expect(zhFields[0]!.map((c) => c.value)).toEqual(["列标题", "键", "类型", "描述"])
      expect(zhFields.map((r) => [r[1]!.value, r[2]!.value]).slice(0, keys.length + 1).slice(1))
        .toEqual(enFields.map((r) => [r[1]!.value, r[2]!.value]).slice(0, keys.length + 1).slice(1))
      for (const r of zhFields.slice(1, keys.length + 1)) expect(r[3]!.value).toBe(zhText(id, String(r[1]!.value)).description)
      // The parameter block: the same values beside Chinese labels (the report's title is in its locale).
      const labels = Messages.messages["zh-CN"].parameters
      const params2 = (rows: typeof zhFields) => rows.slice(keys.length + 2).map((r) => [r[0]!.value, r[1]!.value])
      const zhParams = params2(zhFields)
      expect(zhParams.map(([label]) => label)).toEqual([
        labels.report, labels.organisations, labels.clinic, labels.from, labels.to, labels.rangeStart, labels.rangeEnd, labels.rangeKind,
        labels.timezone, labels.minimumDuration, labels.generatedAt, labels.generatedBy, labels.dataRows
      ])
      expect(zhParams[0]![1]).toBe(Definitions.reports[id].text["zh-CN"].title)
      expect(zhParams[2]![1]).toBe(labels.allClinics)
      const values = (rows: ReadonlyArray<ReadonlyArray<unknown>>) => rows.filter((_, i) => i !== 0 && i !== 2).map((r) => r[1])
      expect(values(zhParams)).toEqual(values(params2(enFields)))
    })
  }

  it("follows the glossary in the consultations report's headers", async () => {
    const csv = (await download("consultations", { format: "csv", locale: "zh-CN" })).toString("utf8")
    const header = csv.slice(0, csv.indexOf("\r\n")).split(",")
    for (const term of ["排队呼叫 ID", "会话 ID", "片段 ID", "参与者 ID", "等候区进入时间", "用户名", "参与者类型", "加入时间", "离开时间", "参加时长",
      "等待时长", "片段结束时间", "转接时间", "转接到的诊所", "转接到的片段 ID", "通话段中的参与者数量", "已放弃", "放弃时间", "Cost centre"]) {
      expect(header).toContain(term)
    }
  })

  it("tiles and the preview take the locale: Chinese titles, the same figures, rows and keys", async () => {
    const get = async (path: string) => {
      const res = await app.as("u-oadmin", path)
      expect(res.status).toBe(200)
      return (await res.json()) as any
    }
    const query = "from=2026-03-02&to=2026-03-02&timezone=Australia/Sydney"
    const [en, zh] = [await get(`/api/v1/organisations/org-1/tiles?${query}`), await get(`/api/v1/organisations/org-1/tiles?${query}&locale=zh-CN`)]
    expect(zh.tiles.map((t: any) => t.title)).toEqual(["组织", "诊所(等候区)", "服务提供商", "服务提供商摘要", "会议和用户室通话", "等候区咨询"])
    expect(zh.tiles.map((t: any) => ({ ...t, title: "" }))).toEqual(en.tiles.map((t: any) => ({ ...t, title: "" })))
    const [p, q] = [await get(`/api/v1/organisations/org-1/reports/consultations/preview?${query}`), await get(`/api/v1/organisations/org-1/reports/consultations/preview?${query}&locale=zh-cn`)]
    expect(q.rows).toEqual(p.rows)
    expect(q.title).toBe("等候区咨询")
  })

  it("refuses an unknown locale with a 400 naming the field, and writes nothing", async () => {
    const before = app.files().length
    const history = async () => ((await (await app.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<unknown> }).entries.length
    const entries = await history()
    for (const path of ["downloads", "emails"]) {
      const res = await app.as("u-oadmin", `/api/v1/organisations/org-1/reports/clinics/${path}`, { method: "POST", body: JSON.stringify({ ...day, locale: "fr" }) })
      expect(res.status).toBe(400)
      expect(((await res.json()) as any).error).toMatchObject({ field: "locale" })
    }
    const tiles = await app.as("u-oadmin", "/api/v1/organisations/org-1/tiles?locale=xx")
    expect(tiles.status).toBe(400)
    const number = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, locale: 7 }) })
    expect(((await number.json()) as any).error).toMatchObject({ field: "locale" })
    expect(app.files()).toHaveLength(before)
    expect(await history()).toBe(entries)
  })
})

/** Decodes RFC 2047 encoded words (a subject in UTF-8). */
const decodeWords = (header: string) =>
  header.replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"))

describe("an emailed zh-CN report", () => {
  let smtp: TestSmtpServer
  beforeAll(async () => {
    smtp = await startSmtpServer()
  })
  afterAll(async () => smtp.close())

  it("keeps zh-CN in its history entry, and its file and its email through SMTP are in zh-CN", async () => {
    const res = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/emails", { method: "POST", body: JSON.stringify({ ...day, format: "csv", locale: "ZH-cn" }) })
    expect(res.status).toBe(202)
    const queued = (await res.json()) as { id: string; locale: string; title: string }
    expect(queued).toMatchObject({ locale: "zh-CN", title: "诊所(等候区)" })
    expect((await app.store.access.historyEntry(queued.id))!.locale).toBe("zh-CN")
    const worker = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 }), filesDir: app.filesDir, publicUrl: "https://reports.example.org", now: () => app.clock.now, log: () => undefined })
    while (await worker.runOnce()) { /* until idle */ }
    expect(smtp.received).toHaveLength(1)
    const message = parseMessage(smtp.received[0]!.raw)
    expect(decodeWords(message.headers.get("subject")!)).toBe("您的报告已准备好：诊所(等候区)")
    const text = partOf(message, "text/plain")!
    expect(text).toContain("您的报告“诊所(等候区)”已准备好。")
    expect(text).toContain(`https://reports.example.org/history/${queued.id}`)
    expect(text).not.toMatch(/Your report|sign in/)
    expect(partOf(message, "text/html")).toContain('<html lang="zh-CN">')
    const file = await (await app.as("u-oadmin", `/api/v1/history/${queued.id}/file`)).text()
    const en = (await download("clinics", { format: "csv" })).toString("utf8")
    expect(file.slice(0, file.indexOf("\r\n"))).toContain("诊所子域")
    expect(file.slice(file.indexOf("\r\n"))).toBe(en.slice(en.indexOf("\r\n")))
    const listed = ((await (await app.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<{ id: string; locale: string }> }).entries
    expect(listed.find((e) => e.id === queued.id)?.locale).toBe("zh-CN")
  })
})
