/**
 * Every catalogue has every key and no other (R80): each report's text table per locale against its columns,
 * the zh-CN catalogue module itself (its tables reach `Report.make` as values, so an extra key would not fail
 * the typecheck), the bandwidth and tag text, and the output messages. zh-CN text is Chinese and follows the
 * glossary where the glossary has the term.
 */
import { describe, expect, it } from "vitest"
import { Definitions, Locales, Messages, Report, reportIds } from "../src/index.ts"
import * as zhCN from "../src/locales/zh-CN.ts"

/** The key structure of a catalogue value: nested keys (sorted), every leaf "string" or "function". */
const shape = (value: unknown): unknown =>
  value !== null && typeof value === "object"
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]))
    : typeof value

const sorted = (keys: Iterable<string>) => [...keys].sort()
const chinese = /\p{Script=Han}/u

describe("message catalogues", () => {
  it("has every locale of Locales.all and nothing else", () => {
    expect(sorted(Object.keys(Messages.messages))).toEqual(sorted(Locales.all))
    for (const id of reportIds) expect(sorted(Object.keys(Definitions.reports[id].text))).toEqual(sorted(Locales.all))
  })

  it("gives every report, in every locale, a title, a grain and text for exactly its columns", () => {
    for (const id of reportIds) {
      const definition: Report.AnyDefinition = Definitions.reports[id]
      for (const locale of Locales.all) {
        const text = definition.text[locale]
        expect(text.title.trim(), `${id} ${locale} title`).not.toBe("")
        expect(text.grain.trim(), `${id} ${locale} grain`).not.toBe("")
        expect(sorted(Object.keys(text.columns)), `${id} ${locale} columns`).toEqual(sorted(definition.keys))
        for (const key of definition.keys) {
          expect(shape(text.columns[key]), `${id} ${locale} ${key}`).toEqual({ description: "string", header: "string" })
        }
      }
    }
  })

  it("the zh-CN catalogue module has exactly the reports, columns, bandwidth figures and messages of English", () => {
    expect(sorted(Object.keys(zhCN.reports))).toEqual(sorted(reportIds))
    for (const id of reportIds) {
      expect(shape(zhCN.reports[id]), id).toEqual(shape(Definitions.reports[id].text.en))
    }
    expect(sorted(Object.keys(zhCN.bandwidth))).toEqual(sorted(Report.bandwidthKeys))
    expect(shape(zhCN.messages)).toEqual(shape(Messages.messages.en))
    for (const locale of Locales.all) expect(shape(Messages.messages[locale]), locale).toEqual(shape(Messages.messages.en))
  })

  it("zh-CN text is Chinese everywhere: titles, grains, headers and descriptions, bandwidth and tag columns included", () => {
    const tags = [{ key: "region", label: "Region" }]
    for (const id of reportIds) {
      const resolved = Report.resolve<Report.AnyDefinition>(Definitions.reports[id], { bandwidth: true, tags, locale: "zh-CN" })
      expect(resolved.locale).toBe("zh-CN")
      expect(resolved.title).toMatch(chinese)
      expect(resolved.grain).toMatch(chinese)
      for (const column of resolved.columns) {
        // A tag column's header is the organisation's own label, in whatever language it was written.
        if (!column.key.startsWith("tag:")) expect(column.header, `${id} ${column.key}`).toMatch(chinese)
        expect(column.description, `${id} ${column.key}`).toMatch(chinese)
      }
    }
    const leaves = (value: unknown): Array<string> =>
      typeof value === "string" ? [value] : Object.values(value as object).flatMap(leaves)
    for (const word of leaves(Messages.messages["zh-CN"])) expect(word).toMatch(chinese)
  })

  it("follows the glossary for the terms it lists", () => {
    const zh = (id: Report.ReportId) => Report.resolve<Report.AnyDefinition>(Definitions.reports[id], { bandwidth: false, tags: [], locale: "zh-CN" })
    const titles = Object.fromEntries(reportIds.map((id) => [id, zh(id).title]))
    expect(titles).toEqual({
      organisations: "组织",
      clinics: "诊所(等候区)",
      "service-providers": "服务提供商",
      "service-provider-summary": "服务提供商摘要",
      "room-calls": "会议和用户室通话",
      consultations: "等候区咨询"
    })
    const header = (id: Report.ReportId, key: string) => zh(id).columns.find((c) => c.key === key)!.header
    const glossary: ReadonlyArray<readonly [Report.ReportId, string, string]> = [
      ["organisations", "organisation_name", "组织"],
      ["organisations", "state", "州"],
      ["organisations", "specialty", "专业"],
      ["organisations", "contract", "合同"],
      ["organisations", "user_accounts", "用户帐户"],
      ["organisations", "consultations", "咨询次数"],
      ["organisations", "consultation_duration", "咨询时长"],
      ["clinics", "clinic_name", "诊所"],
      ["clinics", "subdomain", "诊所子域"],
      ["clinics", "waiting_area_status", "等候区状态"],
      ["clinics", "last_consultation_time", "上次咨询"],
      ["clinics", "members", "诊所成员"],
      ["clinics", "members_consulted", "已进行咨询的成员"],
      ["clinics", "new_members", "新诊所成员"],
      ["service-providers", "access_granted_time", "获得访问权限的日期"],
      ["service-providers", "last_login_time", "最后一次登录"],
      ["service-providers", "user_name", "用户名"],
      ["service-provider-summary", "access_level", "访问级别"],
      ["service-provider-summary", "new", "新"],
      ["service-provider-summary", "deactivated", "停用"],
      ["service-provider-summary", "logged_in", "登录"],
      ["service-provider-summary", "active", "活跃"],
      ["room-calls", "room_type", "房间类型"],
      ["consultations", "queued_call_id", "排队呼叫 ID"],
      ["consultations", "session_id", "会话 ID"],
      ["consultations", "segment_id", "片段 ID"],
      ["consultations", "participant_id", "参与者 ID"],
      ["consultations", "waiting_area_entry_time", "等候区进入时间"],
      ["consultations", "user_name", "用户名"],
      ["consultations", "participant_type", "参与者类型"],
      ["consultations", "joined_time", "加入时间"],
      ["consultations", "left_time", "离开时间"],
      ["consultations", "attendance_duration", "参加时长"],
      ["consultations", "segment_end_time", "片段结束时间"],
      ["consultations", "transfer_time", "转接时间"],
      ["consultations", "transferred_to_clinic_name", "转接到的诊所"],
      ["consultations", "transferred_to_segment_id", "转接到的片段 ID"],
      ["consultations", "participants_in_segment", "通话段中的参与者数量"],
      ["consultations", "abandoned", "已放弃"],
      ["consultations", "abandoned_time", "放弃时间"],
      ["consultations", "wait_duration", "等待时长"]
    ]
    for (const [id, key, term] of glossary) expect(header(id, key), `${id} ${key}`).toBe(term)
    expect(header("organisations", "room_calls")).toBe("房间通话")
    const words = Messages.messages["zh-CN"]
    expect([words.yes, words.no, words.dataSheet, words.fieldDescriptionsSheet]).toEqual(["是", "否", "数据", "字段描述"])
    expect([words.parameters.from, words.parameters.to, words.parameters.timezone]).toEqual(["开始日期", "结束日期", "时区"])
  })
})
