/**
 * Steps the schedules and language page suites share, over the test app of ./support.ts (its clock and accounts):
 * signing in on a fresh browser context (its languages, zone and size given) with the content-security-policy
 * watch, axe's serious or critical findings within one part of the page, sideways overflow and focus.
 */
import AxeBuilder from "@axe-core/playwright"
import type { Browser, BrowserContextOptions, Page } from "playwright-core"
import { createLoginLink } from "../src/index.ts"
import { watchCsp } from "./page-support.ts"
import type { Running } from "./support.ts"

export { artifacts, chromiumAvailable, launch } from "./page-support.ts"

/** A new browser context signed in as `user` by a one-time link, on the page's front page; `button` is the link page's button text. */
export const signedIn = async (browser: Browser, app: Running, user: string, options: BrowserContextOptions = {}, button = "Sign in"): Promise<{ page: Page; csp: Array<string> }> => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  const csp = await watchCsp(page)
  const secret = await createLoginLink(app.store, user, app.clock.now)
  await page.goto(`${app.url}/signin#token=${secret}`)
  await page.getByRole("button", { name: button, exact: true }).click()
  await page.waitForURL(`${app.url}/`)
  await page.locator(".who").waitFor()
  return { page, csp }
}

/** axe's serious and critical violations within `selector` (WCAG 2.1 A and AA rules), as "rule: target" lines. */
export const seriousViolations = async (page: Page, selector: string): Promise<Array<string>> => {
  const result = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze()
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`))
}

/** Whether the page is wider than its viewport (something would scroll sideways). */
export const overflowsSideways = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>("document.documentElement.scrollWidth > document.documentElement.clientWidth")

/** Waits until the focused element has this id, or (`text`) this text. */
export const focusOn = async (page: Page, id: string, by: "id" | "text" = "id"): Promise<void> => {
  await page.waitForFunction(`document.activeElement !== null && document.activeElement.${by === "id" ? "id" : "textContent"} === ${JSON.stringify(id)}`, undefined, { timeout: 5000 })
}
