import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { addDays, dateIn } from "../../web/src/lib/dates.ts"
import { createLoginLink } from "../src/index.ts"
import { axeProblems, chromiumAvailable, demoAdmin, demoSuite, shot, signIn, watchCsp } from "./page-support.ts"

const suite = demoSuite()

const today = () => dateIn(Date.now(), "Australia/Sydney")
const generate = async (page: Page, from: string, to: string) => {
  await page.getByLabel("From", { exact: true }).fill(from)
  await page.getByLabel("To", { exact: true }).fill(to)
  await page.getByRole("button", { name: "Generate" }).click()
}

/** Every view of the page, reached from a fresh page at the given width; each returns its name. */
type Opened = { page: Page; csp: Array<string> }
const fresh = async (width: number): Promise<Opened> => {
  const page = await (await suite.browser.newContext({ viewport: { width, height: 900 } })).newPage()
  return { page, csp: await watchCsp(page) }
}
const views: ReadonlyArray<readonly [string, (width: number) => Promise<Opened>]> = [
  ["signed-out", async (width) => {
    const opened = await fresh(width)
    await opened.page.goto(`${suite.app.url}/`)
    await opened.page.getByText("You are not signed in").waitFor()
    return opened
  }],
  ["sign-in-link", async (width) => {
    const opened = await fresh(width)
    await opened.page.goto(`${suite.app.url}/signin#token=${await createLoginLink(suite.app.store, demoAdmin, Date.now())}`)
    await opened.page.getByRole("button", { name: "Sign in" }).waitFor()
    return opened
  }],
  ["dashboard", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await generate(page, addDays(today(), -13), today())
    await page.locator('[data-chart="by-clinic"] svg').waitFor()
    return opened
  }],
  ["preview", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await generate(page, addDays(today(), -6), today())
    await page.getByRole("button", { name: "Preview Clinics" }).click()
    await page.getByRole("dialog").locator("tbody tr").first().waitFor()
    return opened
  }],
  ["long-range", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await generate(page, addDays(today(), -80), today())
    await page.locator('[data-chart="consultations"] svg').waitFor()
    return opened
  }],
  ["empty-range", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await generate(page, "2025-01-06", "2025-01-12")
    await page.locator("#empty-range").waitFor()
    return opened
  }],
  ["validation", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await page.getByLabel("Timezone", { exact: true }).fill("Nowhere/Atlantis")
    await generate(page, "", today())
    await page.locator("#timezone-error").getByText("Nowhere/Atlantis").waitFor()
    return opened
  }],
  ["history", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await generate(page, addDays(today(), -6), today())
    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "Download Organisations" }).click()
    await downloading
    await page.getByRole("button", { name: "History" }).click()
    await page.getByRole("link", { name: "Download Organisations again" }).first().waitFor()
    return opened
  }],
  ["configuration", async (width) => {
    const opened = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin, width)
    const { page } = opened
    await page.getByRole("button", { name: "Reporting configuration" }).click()
    await page.getByLabel("Default timezone").waitFor()
    return opened
  }]
]

describe.skipIf(!chromiumAvailable)("every view passes axe with no serious or critical violation, at 1280 and 390 px", () => {
  for (const width of [1280, 390]) {
    for (const [name, open] of views) {
      it(`${name} at ${width} px`, async () => {
        const { page, csp } = await open(width)
        expect(await axeProblems(page)).toEqual([])
        await shot(page, `view-${name}-${width}`, name !== "preview")
        expect(csp).toEqual([])
        await page.context().close()
      })
    }
  }
})
