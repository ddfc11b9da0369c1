import { describe, expect, it } from "vitest"
import { addDays, dateIn, formatInstant } from "../../web/src/lib/dates.ts"
import { chromiumAvailable, demoAdmin, demoSuite, shot, signIn, watchCsp } from "./page-support.ts"

const zone = "Australia/Sydney"
const suite = demoSuite()

describe.skipIf(!chromiumAvailable)("no dead ends on the Reports page", () => {
  it("signed out: no menu and no History, an email form that names a missing address, a favicon", async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const csp = await watchCsp(page)
    await page.goto(`${suite.app.url}/history/not-a-real-entry`)
    await page.getByText("You are not signed in").waitFor()
    expect(await page.locator("nav").count()).toBe(0)
    expect(await page.getByRole("button", { name: "History" }).count()).toBe(0)
    expect(await page.locator("#history-rows").count()).toBe(0)
    await page.getByRole("button", { name: "Email me a sign-in link" }).click()
    await page.locator("#email-error").getByText("Enter your email address").waitFor()
    expect(await page.getByLabel("Email address").getAttribute("aria-invalid")).toBe("true")
    await shot(page, "signed-out-1280")
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg")
    const icon = await fetch(`${suite.app.url}/favicon.svg`)
    expect(icon.status).toBe(200)
    expect(icon.headers.get("content-type")).toContain("image/svg+xml")
    expect(csp).toEqual([])
    // The watch sees what the policy blocks: an inline style attribute is refused and reported.
    await page.evaluate(() => (globalThis as unknown as { document: { body: { setAttribute: (k: string, v: string) => void } } }).document.body.setAttribute("style", "color: red"))
    await expect.poll(() => csp.length).toBeGreaterThan(0)
  })

  it("shows every validation error at once, each beside its field, and fills the presets", async () => {
    const { page } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    const today = dateIn(Date.now(), zone)
    await page.getByText("Last 7 days", { exact: true }).click()
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe(addDays(today, -6))
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(today)
    await page.getByText("This month", { exact: true }).click()
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe(`${today.slice(0, 8)}01`)
    await page.getByText("Last month", { exact: true }).click()
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(addDays(`${today.slice(0, 8)}01`, -1))
    expect(await page.getByRole("radio", { name: "Last month" }).isChecked()).toBe(true)
    await page.getByLabel("From", { exact: true }).fill("")
    await page.getByLabel("Timezone", { exact: true }).fill("Mars/Olympus")
    await page.getByLabel("Minimum consultation duration (minutes)").fill("ten")
    expect(await page.getByRole("radio", { name: "Custom" }).isChecked()).toBe(true)
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator("#from-error").getByText("from is required").waitFor()
    expect(await page.locator("#timezone-error").textContent()).toBe("timezone must be an IANA zone such as Australia/Sydney (got Mars/Olympus)")
    expect(await page.locator("#minimum_duration_minutes-error").textContent()).toContain("must be a number of minutes")
    expect(await page.locator("#form-error").textContent()).toBe("3 fields need attention.")
    for (const label of ["From", "Timezone"]) expect(await page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")).toBe("true")
    expect(await page.locator("article.tile").count()).toBe(0)
    await shot(page, "validation-1280")
  })

  it("goes back to the sign-in form when the session has ended, instead of failing in place", async () => {
    const { page } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    await page.context().clearCookies()
    await page.getByRole("button", { name: "Generate" }).click()
    await page.getByText("You are not signed in").waitFor()
    expect(await page.locator("nav").count()).toBe(0)
    expect(await page.locator("article.tile").count()).toBe(0)
  })

  it("shows History in the organisation's timezone with the zone named", async () => {
    const { page } = await signIn(suite.browser, suite.app.url, suite.app.store, demoAdmin)
    await page.getByText("Last 7 days", { exact: true }).click()
    await page.getByRole("button", { name: "Generate" }).click()
    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "Download Clinics" }).click()
    await downloading
    await page.getByRole("button", { name: "History" }).click()
    await page.getByRole("link", { name: "Download Clinics again" }).waitFor()
    expect(await page.getByRole("columnheader", { name: `Requested (${zone})` }).count()).toBe(1)
    const requested = await page.locator("#history-rows time").first().getAttribute("datetime")
    expect(await page.locator("#history-rows time").first().textContent()).toBe(formatInstant(requested!, zone, "en-GB"))
    await shot(page, "history-1280")
  })
})
