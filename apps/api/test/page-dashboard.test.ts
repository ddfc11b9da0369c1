import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { demoOrganisationId } from "@vcr/demo"
import { cellText } from "../../web/src/lib/cells.ts"
import { addDays, dateIn } from "../../web/src/lib/dates.ts"
import { formatPercent, percentChange } from "../../web/src/lib/format.ts"
import { chromiumAvailable, demoAdmin, demoSuite, shot, signIn } from "./page-support.ts"

const zone = "Australia/Sydney"
const suite = demoSuite()

interface TrendsDoc {
  granularity: string
  buckets: Array<{ figures: Record<string, number | null> }>
  totals: Record<string, number | null>
  previous: { totals: Record<string, number | null> }
  clinics: Array<{ clinic_name: string }>
}
const params = async (page: Page) => new URLSearchParams({
  from: await page.getByLabel("From", { exact: true }).inputValue(),
  to: await page.getByLabel("To", { exact: true }).inputValue(),
  timezone: await page.getByLabel("Timezone", { exact: true }).inputValue()
})
const api = <T>(page: Page, path: string, init?: { method: string; body: string }) =>
  page.evaluate(async ([p, i]) => {
    const cookie = (globalThis as unknown as { document: { cookie: string } }).document.cookie
    const csrf = decodeURIComponent((cookie.split("; ").find((c) => c.startsWith("vcr_csrf=")) ?? "").slice(9))
    const res = await fetch(`/api/v1${p}`, { ...(i ?? {}), headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" } })
    return res.json()
  }, [path, init] as const) as Promise<T>
const setRange = async (page: Page, from: string, to: string) => {
  await page.getByLabel("From", { exact: true }).fill(from)
  await page.getByLabel("To", { exact: true }).fill(to)
}
const today = () => dateIn(Date.now(), zone)

describe.skipIf(!chromiumAvailable)("the dashboard in headless Chromium (demo organisation)", () => {
  it("draws trends under the tiles, one bar per bucket, with the previous period's change beside the tile figures", async () => {
    const { page, csp } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    await page.getByText("Last month", { exact: true }).click()
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator("article.tile").nth(5).waitFor()
    await page.locator('[data-chart="consultations"] svg').waitFor()
    const q = await params(page)
    const trends = await api<TrendsDoc>(page, `/organisations/${demoOrganisationId}/trends?${q}&by=clinic`)
    expect(trends.granularity).toBe("day")
    expect(trends.totals.consultations).toBeGreaterThan(0)
    const n = trends.buckets.length
    expect(await page.locator('[data-chart="consultations"] g[data-mark="bar"] rect').count()).toBe(n)
    expect(await page.locator('[data-chart="room-calls"] g[data-mark="bar"] rect').count()).toBe(n)
    const waits = trends.buckets.flatMap((b) => [b.figures.average_wait_duration, b.figures.p90_wait_duration]).filter((v) => v !== null).length
    expect(await page.locator('[data-chart="waits"] g[data-mark="dot"] circle').count()).toBe(waits)
    expect(await page.locator('[data-chart="by-clinic"] .legend li').allTextContents()).toEqual(trends.clinics.map((c) => c.clinic_name))
    // The tile's figure, and beside it the previous period's total and the change in percent (R81).
    const tile = page.locator('article.tile[data-report="consultations"]')
    expect(await tile.locator("dd.value").first().textContent()).toBe(String(trends.totals.consultations))
    const change = percentChange(trends.totals.consultations!, trends.previous.totals.consultations!)
    const delta = await tile.locator('dd.delta[data-figure="consultations"]').textContent()
    expect(delta).toContain(change === null ? "previous period" : `${formatPercent(change)} vs previous period`)
    expect(delta).toContain(`previous period ${trends.previous.totals.consultations!.toLocaleString("en-GB")}`)
    expect(await page.locator('article.tile[data-report="room-calls"] dd.delta[data-figure="room_calls"]').count()).toBe(1)
    // Durations read in units with the exact value on hover.
    const duration = tile.locator('.figure[data-figure="consultation_duration"] dd.value')
    expect(await duration.textContent()).toMatch(/^[\d,]+ h( \d+ min)?$|^\d+ min( \d+ s)?$/)
    expect(await duration.getAttribute("title")).toMatch(/^\d+:\d{2}:\d{2} \([\d,]+ s\)$/)
    // The two Consultations figures explain themselves.
    const about = async (report: string) => {
      const button = page.locator(`article.tile[data-report="${report}"]`).getByRole("button", { name: "About Consultations" })
      await button.focus()
      const tip = page.locator(`#${await button.getAttribute("aria-describedby")}`.replace(/:/g, "\\:"))
      expect(await tip.isVisible()).toBe(true)
      return tip.textContent()
    }
    const [org, sessions] = [await about("organisations"), await about("consultations")]
    expect(org).toContain("entered a waiting area of this organisation")
    expect(sessions).toContain("each counted once")
    await page.locator("#tiles h3").first().click()
    await shot(page, "dashboard-1280")
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForTimeout(300)
    await shot(page, "dashboard-390")
    expect(csp).toEqual([])
  })

  it("previews a tile's first rows, equal to the JSON report's, with column descriptions on hover and focus", async () => {
    const { page, csp } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    await page.getByText("Last 7 days", { exact: true }).click()
    await page.getByRole("button", { name: "Generate" }).click()
    await page.getByRole("button", { name: "Preview Waiting Area Consultations" }).click()
    const dialog = page.getByRole("dialog")
    await dialog.locator("tbody tr").first().waitFor()
    const q = await params(page)
    const report = await api<{ columns: Array<{ key: string; type: string; description: string; header: string }>; rows: Array<Record<string, unknown>> }>(
      page, `/organisations/${demoOrganisationId}/reports/consultations/downloads`, { method: "POST", body: JSON.stringify({ ...Object.fromEntries(q), format: "json" }) })
    expect(report.rows.length).toBeGreaterThan(0)
    const expected = report.rows.slice(0, 50).map((row) => report.columns.map((c) => cellText(c.type, row[c.key])))
    const shown = await dialog.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")))
    expect(shown).toEqual(expected)
    expect(await dialog.getByText(`Showing ${expected.length} of ${report.rows.length} rows`).count()).toBe(1)
    const first = report.columns[0]!
    const info = dialog.getByRole("button", { name: `About the ${first.header} column` })
    await info.hover()
    await dialog.getByRole("tooltip").filter({ hasText: first.description }).waitFor({ state: "visible" })
    const second = report.columns[1]!
    await dialog.getByRole("button", { name: `About the ${second.header} column` }).focus()
    await dialog.getByRole("tooltip").filter({ hasText: second.description }).waitFor({ state: "visible" })
    await shot(page, "preview-1280", false)
    await page.keyboard.press("Escape")
    await dialog.waitFor({ state: "hidden" })
    expect(csp).toEqual([])
  })

  it("gives a long range weekly trends though no tiles, and an empty range a 'no activity' state", async () => {
    const { page, csp } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    await setRange(page, addDays(today(), -80), today())
    await page.getByRole("button", { name: "Generate" }).click()
    await page.getByText("This range is two months or longer").waitFor()
    await page.locator('[data-chart="consultations"] svg').waitFor()
    expect(await page.locator("article.tile").count()).toBe(0)
    const trends = await api<TrendsDoc>(page, `/organisations/${demoOrganisationId}/trends?${await params(page)}`)
    expect(trends.granularity).toBe("week")
    expect(await page.locator('[data-chart="consultations"] g[data-mark="bar"] rect').count()).toBe(trends.buckets.length)
    await shot(page, "long-range-1280")

    await setRange(page, "2025-01-06", "2025-01-12")
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator("#empty-range").getByText("No activity in this range").waitFor()
    expect(await page.locator("#trends").count()).toBe(0)
    await shot(page, "empty-range-1280")
    expect(csp).toEqual([])
  })
})
