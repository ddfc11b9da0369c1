/**
 * What the Chromium page suites share: Debian's Chromium (never a downloaded browser), an app over a store
 * holding the seeded demo organisation up to now, signing in with a link, a watch for content-security-policy
 * violations, the axe check and screenshots under test-artifacts/.
 */
import AxeBuilder from "@axe-core/playwright"
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { demoAdminUserId, generateDemo } from "@vcr/demo"
import { openStore, type Store } from "@vcr/store"
import { afterAll, beforeAll } from "vitest"
import { createLoginLink, serve, type AppOptions } from "../src/index.ts"

export const executablePath = "/usr/bin/chromium"
export const artifacts = join(import.meta.dirname, "../../../test-artifacts")
export const chromiumAvailable = existsSync(executablePath)
if (!chromiumAvailable && process.env.CI === "true") throw new Error(`Chromium is required in CI at ${executablePath}`)

/** Debian's Chromium, headless. */
export const launch = (): Promise<Browser> => {
  mkdirSync(artifacts, { recursive: true })
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  })
}

export interface DemoApp { readonly url: string; readonly store: Store; readonly filesDir: string; readonly close: () => Promise<void> }

/** The app over a fresh SQLite store with the demo (one organisation, three clinics, two months up to now). */
export const startDemo = async (options: Partial<AppOptions> = {}): Promise<DemoApp> => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-page-"))
  const store = await openStore(`sqlite:${join(dir, "vcr.db")}`)
  await store.migrate()
  const lines = [...generateDemo({ seed: 7, now: new Date().toISOString(), months: 3, organisations: 1, clinicsPerOrganisation: 3, sessionsPerClinicPerDay: 4 })].map((r) => JSON.stringify(r))
  await store.importLines(lines)
  const filesDir = join(dir, "files")
  const server = await serve({ store, filesDir, port: 0, log: () => undefined, ...options })
  return {
    url: `http://127.0.0.1:${server.port}`, store, filesDir,
    close: async () => {
      await server.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const demoAdmin = demoAdminUserId

/** One suite's demo app and Chromium: started before its tests (when Chromium is installed), closed after them. */
export const demoSuite = (): { readonly app: DemoApp; readonly browser: Browser } => {
  const suite: { app?: DemoApp; browser?: Browser } = {}
  beforeAll(async () => {
    if (!chromiumAvailable) return
    suite.app = await startDemo()
    suite.browser = await launch()
  }, 180_000)
  afterAll(async () => {
    await suite.browser?.close()
    await suite.app?.close()
  })
  return suite as { readonly app: DemoApp; readonly browser: Browser }
}

/** Where a page's content-security-policy violations are collected (events and console reports). */
export const watchCsp = async (page: Page): Promise<Array<string>> => {
  const violations: Array<string> = []
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()) })
  await page.exposeFunction("__vcrCsp", (text: string) => violations.push(text))
  // Runs in the page before its own scripts (through the browser's devtools protocol, not as inline script).
  await page.addInitScript({ content: 'document.addEventListener("securitypolicyviolation", (e) => window.__vcrCsp(e.violatedDirective + " " + e.blockedURI + " " + e.sample))' })
  return violations
}

/** A new page at `width`, signed in as `user` through a one-time link. */
export const signIn = async (browser: Browser, url: string, store: Store, user: string, width = 1280): Promise<{ page: Page; csp: Array<string> }> => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height: 900 } })
  const page = await context.newPage()
  const csp = await watchCsp(page)
  await page.goto(`${url}/signin#token=${await createLoginLink(store, user, Date.now())}`)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL(`${url}/`)
  await page.getByText("Signed in as").waitFor()
  return { page, csp }
}

/** The serious and critical axe violations of the page as it is now (an empty list when it passes). */
export const axeProblems = async (page: Page): Promise<Array<string>> => {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`)
}

/** A screenshot under test-artifacts/: the whole page, or what the window shows (a modal dialog). */
export const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage })
