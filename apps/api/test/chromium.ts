/**
 * Headless Chromium for the page's tests (Debian's /usr/bin/chromium through playwright-core; never a download):
 * launching it, signing a user in on a fresh browser context by a one-time link, and axe's serious or critical
 * findings for a part of the page. Without Chromium the tests are skipped with a message, except under CI=true.
 */
import AxeBuilder from "@axe-core/playwright"
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core"
import { createLoginLink } from "../src/index.ts"
import type { Running } from "./support.ts"

const executablePath = "/usr/bin/chromium"

/** Where screenshots go (gitignored). */
export const artifacts = join(import.meta.dirname, "../../../test-artifacts")

/** Whether Chromium is installed (under CI it must be). */
export const chromiumAvailable = (): boolean => {
  const available = existsSync(executablePath)
  if (!available) {
    if (process.env.CI === "true") throw new Error(`Chromium is required in CI at ${executablePath}`)
    console.warn(`Page tests skipped: no Chromium at ${executablePath} (apt-get install chromium)`)
  }
  return available
}

/** A headless Chromium; close it in afterAll. */
export const launchChromium = async (): Promise<Browser> => {
  mkdirSync(artifacts, { recursive: true })
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  })
}

/** A new browser context signed in as `user` by a one-time link, on the page's front page; `button` is the link page's button text. */
export const signedIn = async (browser: Browser, app: Running, user: string, options: BrowserContextOptions = {}, button = "Sign in"): Promise<Page> => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  const secret = await createLoginLink(app.store, user, app.clock.now)
  await page.goto(`${app.url}/signin#token=${secret}`)
  await page.getByRole("button", { name: button, exact: true }).click()
  await page.waitForURL(`${app.url}/`)
  await page.locator(".who").waitFor()
  return page
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
