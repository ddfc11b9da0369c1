/**
 * The page in Simplified Chinese (SPEC §11.5, R80, GLOSSARY.md) in headless Chromium: a browser whose language
 * is zh-CN gets it at once, an English browser switches to it and keeps the choice after a reload, `<html lang>`
 * follows, figures and times are formatted for the language, a schedule made on the zh-CN page keeps zh-CN as its
 * locale, and axe finds nothing serious on the zh-CN page or its Schedules section. Screenshots under test-artifacts/.
 */
import ExcelJS from "exceljs"
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { artifacts, chromiumAvailable, launch, overflowsSideways, seriousViolations, signedIn } from "./page-steps.ts"
import { start, type Running } from "./support.ts"

let app: Running
let browser: Browser
beforeAll(async () => {
  if (!chromiumAvailable) return
  app = await start()
  // The page's defaults use the browser's today; the app's clock is the real one here too.
  app.clock.now = Date.now()
  browser = await launch()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const zhTitles = ["组织", "诊所(等候区)", "服务提供商", "服务提供商摘要", "会议和用户室通话", "等候区咨询"]
const lang = (page: Page) => page.locator("html").getAttribute("lang")
const navTexts = (page: Page) => page.locator("nav .tab").allTextContents()

describe.skipIf(!chromiumAvailable)("the page in zh-CN", () => {
  it("follows a Chinese browser: words, lang, figures and the Schedules section, with nothing serious for axe", async () => {
    const { page, csp } = await signedIn(browser, app, "u-oadmin", { locale: "zh-CN" }, "登录")
    expect(await lang(page)).toBe("zh-CN")
    expect(await page.title()).toBe("报告 · vcr")
    expect(await navTexts(page)).toEqual(["报告", "历史记录", "定时发送", "报告配置"])
    expect(await page.getByLabel("语言").inputValue()).toBe("zh-CN")
    expect(await page.locator(".who").textContent()).toBe("已登录：Oscar OrgAdmin")

    await page.getByLabel("开始日期").fill("2026-03-02")
    await page.getByLabel("结束日期").fill("2026-03-02")
    await page.getByLabel("时区", { exact: true }).fill("Australia/Sydney")
    await page.getByRole("button", { name: "生成" }).click()
    await page.locator("article.tile").nth(5).waitFor()
    expect(await page.locator("section.category h3").allTextContents()).toEqual(["实体", "角色", "活动"])
    expect(await page.locator("article.tile h4").allTextContents()).toEqual(zhTitles)
    const consultations = page.locator('article.tile[data-report="consultations"]')
    expect(await consultations.locator("dt").first().textContent()).toMatch(/^咨询次数i等候区咨询报告中/)
    expect(await consultations.locator("dd.value").first().textContent()).toBe("3")
    // Durations read in the language's units.
    expect(await consultations.locator("dd.value").nth(1).textContent()).toMatch(/^\d+ (小时|分钟)( \d+ (分钟|秒))?$|^\d+ 秒$/)
    expect(await page.getByRole("button", { name: "定期发送此报告…" }).count()).toBe(1)
    await page.screenshot({ path: join(artifacts, "page-zh-CN.png"), fullPage: true })
    expect(await seriousViolations(page, "body")).toEqual([])

    // A download from the zh-CN page is a zh-CN workbook (words only: the data is the same), kept so in History.
    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "下载诊所(等候区)" }).click()
    const path = join(artifacts, "clinics-zh-CN-from-page.xlsx")
    await (await downloading).saveAs(path)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["数据", "字段描述"])
    expect(workbook.worksheets[0]!.getRow(1).getCell(3).value).toBe("诊所")
    expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBe("Cardiology")
    await page.getByRole("button", { name: "历史记录" }).click()
    await page.getByRole("link", { name: "再次下载诊所(等候区)" }).waitFor()
    const row = page.locator("#history-rows tr").first()
    expect(await row.locator(".status-pill").textContent()).toBe("已就绪")
    expect(await row.locator("td").nth(3).textContent()).toBe("下载")
    expect(await row.locator("time").textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    const history = (await (await app.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<{ title: string; locale: string }> }
    expect(history.entries[0]).toMatchObject({ title: "诊所(等候区)", locale: "zh-CN" })
    await page.getByRole("button", { name: "报告", exact: true }).click()

    // Send this every…: the schedule keeps the page's locale; its words and times are Chinese.
    await page.getByRole("button", { name: "定期发送此报告…" }).click()
    await page.getByLabel("每次运行的日期范围").selectOption("previous_day")
    await page.getByLabel("重复").selectOption("weekly")
    await page.getByLabel("星期", { exact: true }).selectOption("Mon")
    await page.getByLabel("时间", { exact: true }).fill("08:00")
    await page.getByRole("button", { name: "创建定时发送" }).click()
    await page.locator("#schedules-status").getByText("已创建定时发送：等候区咨询。").waitFor()
    const item = page.locator("li.schedule")
    expect(await item.locator(".schedule-summary").textContent()).toBe("每星期一 08:00，涵盖前一天")
    expect(await item.locator(".status-pill").textContent()).toBe("启用")
    expect(await item.locator("h5").textContent()).toBe("接下来的五个发送时间(Australia/Sydney)")
    const times = await item.locator(".next-times time").allTextContents()
    expect(times).toHaveLength(5)
    for (const text of times) expect(text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日(星期|周)一 08:00$/)
    const [schedule] = ((await (await app.as("u-oadmin", "/api/v1/schedules")).json()) as { schedules: Array<{ locale: string; recurrence: string }> }).schedules
    expect(schedule).toMatchObject({ locale: "zh-CN", recurrence: "weekly Mon 08:00" })
    await page.screenshot({ path: join(artifacts, "page-zh-CN-schedules.png"), fullPage: true })
    expect(await seriousViolations(page, "#schedules")).toEqual([])

    // Errors in Chinese beside their field.
    await page.getByLabel("重复").selectOption("cron")
    await page.getByLabel(/^Cron 表达式/).fill("1 2")
    await page.getByRole("button", { name: "创建定时发送" }).click()
    await page.locator("#sched-recurrence-error").getByText("请输入 5 个字段的 Cron 表达式").waitFor()
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await overflowsSideways(page)).toBe(false)
    await page.screenshot({ path: join(artifacts, "page-zh-CN-phone.png"), fullPage: true })
    expect(await seriousViolations(page, "body")).toEqual([])
    expect(csp).toEqual([])
  })

  it("switches an English browser to zh-CN, keeps the choice after a reload, and switches back", async () => {
    const { page, csp } = await signedIn(browser, app, "u-orep", { locale: "en-US" })
    expect(await lang(page)).toBe("en")
    expect(await navTexts(page)).toEqual(["Reports", "History", "Schedules", "Reporting configuration"])
    await page.getByLabel("From", { exact: true }).fill("2026-03-02")
    await page.getByLabel("To", { exact: true }).fill("2026-03-02")
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator('article.tile[data-report="consultations"] h4').getByText("Waiting Area Consultations").waitFor()
    // Switching generates the results again in the new language (their titles, files and emails are in it).
    await page.getByLabel("Language").selectOption("zh-CN")
    await page.locator('article.tile[data-report="consultations"] h4').getByText("等候区咨询").waitFor()
    expect(await page.locator("article.tile h4").allTextContents()).toEqual(zhTitles)
    expect(await lang(page)).toBe("zh-CN")
    expect(await navTexts(page)).toEqual(["报告", "历史记录", "定时发送", "报告配置"])
    expect(await page.getByRole("button", { name: "生成" }).count()).toBe(1)
    expect(await page.getByLabel("语言").inputValue()).toBe("zh-CN")
    await page.reload()
    await page.locator(".who").waitFor()
    expect(await lang(page)).toBe("zh-CN")
    expect(await page.locator(".who").textContent()).toBe("已登录：Rita Reporter")
    await page.getByLabel("语言").selectOption("en")
    await page.getByRole("button", { name: "Generate" }).waitFor()
    expect(await lang(page)).toBe("en")
    await page.reload()
    await page.getByRole("button", { name: "Generate" }).waitFor()
    expect(await lang(page)).toBe("en")
    expect(csp).toEqual([])
  })

  it("greets a signed-out Chinese browser in Chinese, with the switch", async () => {
    const context = await browser.newContext({ locale: "zh-CN" })
    const page = await context.newPage()
    await page.goto(app.url)
    await page.getByText("您尚未登录。").waitFor()
    expect(await lang(page)).toBe("zh-CN")
    expect(await page.getByLabel("电子邮件地址").count()).toBe(1)
    expect(await page.getByLabel("语言").inputValue()).toBe("zh-CN")
    expect(await seriousViolations(page, "body")).toEqual([])
    await context.close()
  })
})
