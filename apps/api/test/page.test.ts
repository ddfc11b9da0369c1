import ExcelJS from "exceljs"
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMailer } from "@vcr/email"
import { parseMessage, partOf, startSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { createLoginLink, createWorker } from "../src/index.ts"
import { start, type Running } from "./support.ts"

const executablePath = "/usr/bin/chromium"
const artifacts = join(import.meta.dirname, "../../../test-artifacts")
const available = existsSync(executablePath)
if (!available) {
  if (process.env.CI === "true") throw new Error(`Chromium is required in CI at ${executablePath}`)
  console.warn(`Reports page tests skipped: no Chromium at ${executablePath} (apt-get install chromium)`)
}

let app: Running
let browser: Browser
beforeAll(async () => {
  if (!available) return
  mkdirSync(artifacts, { recursive: true })
  app = await start({ limits: { downloads: 1000 } })
  // The page's defaults use the browser's today; the app's clock is the real one here too.
  app.clock.now = Date.now()
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const signedIn = async (user: string): Promise<Page> => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } })
  const page = await context.newPage()
  const secret = await createLoginLink(app.store, user, app.clock.now)
  await page.goto(`${app.url}/signin#token=${secret}`)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL(`${app.url}/`)
  await page.getByText("Signed in as").waitFor()
  return page
}

const setRange = async (page: Page, from: string, to: string) => {
  await page.getByLabel("From", { exact: true }).fill(from)
  await page.getByLabel("To", { exact: true }).fill(to)
  await page.getByLabel("Timezone", { exact: true }).fill("Australia/Sydney")
}

describe.skipIf(!available)("the Reports page in headless Chromium", () => {
  it("signs in by link, generates six tiles in three categories, downloads a workbook and finds it in History", async () => {
    const page = await signedIn("u-oadmin")
    await setRange(page, "2026-03-02", "2026-03-02")
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator("article.tile").nth(5).waitFor()
    expect(await page.locator("section.category h3").allTextContents()).toEqual(["Entities", "Roles", "Activities"])
    expect(await page.locator("article.tile h4").allTextContents()).toEqual([
      "Organisations", "Clinics", "Service Providers", "Service Provider Summary", "Meeting and User Room Calls", "Waiting Area Consultations"
    ])
    const consultations = page.locator('article.tile[data-report="consultations"]')
    expect(await consultations.locator("dd").first().textContent()).toBe("3")
    await page.screenshot({ path: join(artifacts, "page-tiles.png"), fullPage: true })

    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "Download Clinics" }).click()
    const download = await downloading
    const path = join(artifacts, "clinics-from-page.xlsx")
    await download.saveAs(path)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Data", "Field descriptions"])
    expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBe("Cardiology")

    await page.getByRole("button", { name: "History" }).click()
    await page.getByRole("link", { name: "Download Clinics again" }).waitFor()
    await page.screenshot({ path: join(artifacts, "page-history.png"), fullPage: true })
    const again = page.waitForEvent("download")
    await page.getByRole("link", { name: "Download Clinics again" }).click()
    const second = await again
    expect(second.suggestedFilename()).toBe("clinics-2026-03-02-to-2026-03-02.xlsx")
  })

  it("shows no tiles for a long range, with an explanation", async () => {
    const page = await signedIn("u-oadmin")
    await setRange(page, "2026-01-01", "2026-03-01")
    await page.getByRole("button", { name: "Generate" }).click()
    await page.getByText("This range is two months or longer").waitFor()
    expect(await page.locator("article.tile").count()).toBe(0)
    await page.screenshot({ path: join(artifacts, "page-long-range.png"), fullPage: true })
  })

  it("emails a long-range report: no tiles, Email, confirmation, the message's link opens the entry and the file downloads", async () => {
    const smtp = await startSmtpServer()
    try {
      const worker = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 }), filesDir: app.filesDir, publicUrl: app.url, now: () => app.clock.now, log: () => undefined })
      const page = await signedIn("u-oadmin")
      await setRange(page, "2026-01-01", "2026-03-31")
      await page.getByRole("button", { name: "Generate" }).click()
      await page.getByText("This range is two months or longer").waitFor()
      expect(await page.locator("article.tile").count()).toBe(0)
      expect(await page.getByRole("button", { name: "Download Clinics" }).count()).toBe(0)
      await page.getByRole("button", { name: "Email Clinics" }).click()
      await page.getByText("will be emailed to oscar@example.org").waitFor()
      await page.screenshot({ path: join(artifacts, "page-email-confirmation.png"), fullPage: true })
      while (await worker.runOnce()) { /* generate, then send */ }
      expect(smtp.received).toHaveLength(1)
      const link = partOf(parseMessage(smtp.received[0]!.raw), "text/plain")!.match(/https?:\/\/\S+\/history\/[A-Za-z0-9_-]+/)![0]
      // A browser that is not signed in sees nothing of the entry; signing in there leads back to the link.
      const stranger = await (await browser.newContext({ acceptDownloads: true })).newPage()
      await stranger.goto(link)
      await stranger.getByText("You are not signed in").waitFor()
      expect(await stranger.locator("#linked-entry").count()).toBe(0)
      await stranger.goto(`${app.url}/signin#token=${await createLoginLink(app.store, "u-oadmin", app.clock.now)}`)
      await stranger.getByRole("button", { name: "Sign in" }).click()
      await stranger.waitForURL(link)
      await stranger.locator("#linked-entry").getByText("Clinics, 2026-01-01 – 2026-03-31: ready").waitFor()
      await page.goto(link)
      await page.locator("#linked-entry").getByText("Clinics, 2026-01-01 – 2026-03-31: ready").waitFor()
      await page.screenshot({ path: join(artifacts, "page-emailed-entry.png"), fullPage: true })
      const downloading = page.waitForEvent("download")
      await page.locator("#linked-entry").getByRole("link", { name: "Download" }).click()
      const file = await downloading
      expect(file.suggestedFilename()).toBe("clinics-2026-01-01-to-2026-03-31.xlsx")
    } finally {
      await smtp.close()
    }
  })

  it("shows an error next to the field it concerns", async () => {
    const page = await signedIn("u-oadmin")
    await setRange(page, "2026-03-02", "2026-03-01")
    await page.getByRole("button", { name: "Generate" }).click()
    await page.locator("#to-error").getByText("to must be on or after from").waitFor()
    expect(await page.getByLabel("To", { exact: true }).getAttribute("aria-invalid")).toBe("true")
  })

  it("lets a clinic admin see only their clinic, at phone width", async () => {
    const page = await signedIn("u-cadmin")
    await page.setViewportSize({ width: 375, height: 800 })
    expect(await page.getByLabel("Scope").locator("option").allTextContents()).toEqual(["Clinic: Triage"])
    await setRange(page, "2026-03-02", "2026-03-02")
    await page.keyboard.press("Enter")
    await page.locator("article.tile").nth(5).waitFor()
    expect(await page.locator('article.tile[data-report="clinics"] dd').first().textContent()).toBe("1")
    expect(await page.getByRole("button", { name: "Reporting configuration" }).isVisible()).toBe(false)
    await page.screenshot({ path: join(artifacts, "page-clinic-admin-phone.png"), fullPage: true })
  })
})
