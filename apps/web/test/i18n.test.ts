/**
 * The page's catalogues (SPEC §11.5, R80): every locale has exactly the English catalogue's keys (no missing,
 * no extra), the same kind of value under each (a sentence function where English has one), and its own words
 * (no English left in zh-CN beyond names and symbols); zh-CN uses the glossary's terms; the locale a browser
 * gets from its languages or a saved choice.
 */
import { describe, expect, it } from "vitest"
import { en } from "../src/i18n/en.ts"
import { catalogues, localeOf, locales, pickLocale } from "../src/i18n/index.ts"

type Leaf = { readonly path: string; readonly value: unknown }

const leaves = (value: unknown, path = ""): Array<Leaf> =>
  typeof value === "object" && value !== null
    ? Object.entries(value).flatMap(([key, v]) => leaves(v, path === "" ? key : `${path}.${key}`))
    : [{ path, value }]

/** A function leaf's sample text (called with sample arguments), so that sentences compare like strings. */
const text = (value: unknown): string =>
  typeof value === "function" ? String((value as (...a: Array<unknown>) => unknown)(...Array.from({ length: value.length }, (_, i) => (i === 0 ? "2" : "X")))) : String(value)

/** Leaves that may read the same in every locale: the Intl locale, language names, symbols, cron and punctuation-only sentences. */
const same = new Set(["locale", "app.infoIcon", "language.names.en", "language.names.zh-CN", "trends.p90", "units.none", "schedules.describeRecurrence.cron", "history.entry"])

describe("the page's message catalogues", () => {
  const english = leaves(en)
  it("are one per locale the API speaks", () => {
    expect(Object.keys(catalogues)).toEqual([...locales])
    expect(locales).toEqual(["en", "zh-CN"])
  })

  for (const name of locales) {
    describe(name, () => {
      const catalogue = leaves(catalogues[name])
      it("has every key of the English catalogue and no other", () => {
        expect(catalogue.map((l) => l.path).sort()).toEqual(english.map((l) => l.path).sort())
      })
      it("has a sentence function where English has one, taking as many values, and text elsewhere", () => {
        for (const leaf of english) {
          const mine = catalogue.find((l) => l.path === leaf.path)!.value
          expect(typeof mine, leaf.path).toBe(typeof leaf.value)
          if (typeof leaf.value === "function") expect((mine as (...a: Array<unknown>) => unknown).length, leaf.path).toBe(leaf.value.length)
          else expect(String(mine).trim(), leaf.path).not.toBe("")
        }
      })
    })
  }

  it("zh-CN says everything in its own words (nothing left in English but names and symbols)", () => {
    const zh = new Map(leaves(catalogues["zh-CN"]).map((l) => [l.path, l.value]))
    const untranslated = english.filter((l) => !same.has(l.path) && text(zh.get(l.path)) === text(l.value)).map((l) => l.path)
    expect(untranslated).toEqual([])
    const withoutChinese = [...zh].filter(([path, v]) => !same.has(path) && !/[\u4e00-\u9fff]/.test(text(v))).map(([path]) => path)
    expect(withoutChinese).toEqual([])
  })

  it("zh-CN uses the glossary's terms", () => {
    const zh = catalogues["zh-CN"]
    expect(zh.nav).toMatchObject({ reports: "报告", history: "历史记录", configuration: "报告配置", schedules: "定时发送", signOut: "退出登录" })
    expect(zh.settings).toMatchObject({ heading: "设置", timezone: "时区", generate: "生成", from: "开始日期", to: "结束日期" })
    expect(zh.categories).toEqual({ entities: "实体", roles: "角色", activities: "活动" })
    expect(zh.reportTitles).toEqual({
      organisations: "组织", clinics: "诊所(等候区)", "service-providers": "服务提供商", "service-provider-summary": "服务提供商摘要",
      "room-calls": "会议和用户室通话", consultations: "等候区咨询"
    })
    expect([zh.actions.download, zh.actions.email, zh.trends.heading, zh.trends.previousPeriod, zh.preview.yes, zh.preview.no]).toEqual(["下载", "电子邮件", "趋势", "上一周期", "是", "否"])
    expect(zh.schedules.heading).toBe("定时发送")
  })
})

describe("the locale a browser gets", () => {
  it("is the saved choice first, else the first of its languages the page speaks, else English", () => {
    expect(pickLocale(null, ["zh-CN", "en-US"])).toBe("zh-CN")
    expect(pickLocale(null, ["fr-FR", "zh", "en"])).toBe("zh-CN")
    expect(pickLocale(null, ["zh-Hans-CN"])).toBe("zh-CN")
    expect(pickLocale(null, ["en-AU", "zh-CN"])).toBe("en")
    expect(pickLocale(null, ["fr-FR", "de"])).toBe("en")
    expect(pickLocale(null, [])).toBe("en")
    expect(pickLocale("en", ["zh-CN"])).toBe("en")
    expect(pickLocale("zh-cn", ["en-GB"])).toBe("zh-CN")
    expect(pickLocale("klingon", ["zh-TW"])).toBe("zh-CN")
  })
  it("maps tags in any letter case", () => {
    expect(localeOf("ZH-cn")).toBe("zh-CN")
    expect(localeOf("EN")).toBe("en")
    expect(localeOf("pt-BR")).toBeUndefined()
  })
})
