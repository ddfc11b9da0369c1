/**
 * The "done when" on the page (SPEC §11.4): a schedule created on the page in headless Chromium fires at
 * its next occurrence under the injected clock (the worker's `now`, as `VCR_NOW` gives the CLI's), and its email
 * reaches the test SMTP server with a link that opens the report's entry and downloads its file, on SQLite and
 * PostgreSQL. Also: errors beside their fields with nothing created, the next five times in the schedule's zone
 * whatever the browser's zone, pause, resume and delete, 1280 and 390 pixels wide, and no serious axe finding.
 */
import { join } from "node:path"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMailer } from "@vcr/email"
import { parseMessage, partOf } from "../../../packages/email/test/smtp-fixture.ts"
import { createWorker } from "../src/index.ts"
import { artifacts, chromiumAvailable, focusOn, launch, overflowsSideways, seriousViolations, signedIn } from "./page-steps.ts"
import { appWithMail, bothDatabases } from "./support.ts"

const available = chromiumAvailable
const zone = "Australia/Sydney"

/** The wall time HH:MM in Sydney three hours after `now` (the schedule's next occurrence, well inside a session). */
const wallTimeLater = (now: number): string =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now + 3 * 3_600_000)

let browser: Browser
beforeAll(async () => {
  if (available) browser = await launch()
}, 120_000)
afterAll(async () => browser?.close())

for (const name of bothDatabases) {
  describe.skipIf(!available)(`a schedule created on the page, on ${name}`, () => {
    // The page's defaults use the browser's today, so the app's clock starts at the real now.
    const running = appWithMail(name, (app) => void (app.clock.now = Date.now()))

    it("fires at its next occurrence under the injected clock and emails a link that opens the report", async (t) => {
      if (!running.ready) return t.skip()
      const { app, smtp } = running
      // A browser far from Sydney: the times shown are the schedule's zone's, not the browser's.
      const { page, csp } = await signedIn(browser, app, "u-oadmin", { timezoneId: "America/Los_Angeles" })
      await page.getByLabel("Timezone", { exact: true }).fill(zone)
      await page.getByRole("button", { name: "Send this every…" }).click()
      await focusOn(page, "sched-report")
      expect(await page.locator("#sched-timezone").inputValue()).toBe(zone)
      await page.locator("#schedules-empty").waitFor()

      // Errors the page can tell show at once, each beside its field; the API's answer beside the field it names.
      await page.getByLabel("Report", { exact: true }).selectOption("clinics")
      await page.getByLabel("Format", { exact: true }).selectOption("json")
      await page.getByLabel("Range of each run").selectOption("last_n_days")
      await page.getByLabel("Number of days (N)").fill("400")
      await page.getByLabel("Repeat").selectOption("cron")
      await page.getByLabel(/^Cron expression \(5 fields/).fill("* * *")
      await page.getByRole("button", { name: "Create schedule" }).click()
      await page.locator("#sched-range-error").getByText("from 1 to 366").waitFor()
      await page.locator("#sched-recurrence-error").getByText("5 fields").waitFor()
      await focusOn(page, "sched-days")
      expect(await page.locator("#sched-cron").getAttribute("aria-invalid")).toBe("true")
      await page.getByLabel("Number of days (N)").fill("1")
      await page.getByLabel(/^Cron expression \(5 fields/).fill("61 * * * *")
      await page.getByRole("button", { name: "Create schedule" }).click()
      await page.locator("#sched-recurrence-error").getByText("recurrence").waitFor()
      expect(await page.locator("#sched-range-error").textContent()).toBe("")
      expect(((await (await app.as("u-oadmin", "/api/v1/schedules")).json()) as { schedules: Array<unknown> }).schedules).toEqual([])

      // Daily at a time three hours from now in Sydney, covering the previous day.
      const time = wallTimeLater(app.clock.now)
      await page.getByLabel("Range of each run").selectOption("previous_day")
      await page.getByLabel("Repeat").selectOption("daily")
      await page.getByLabel("Time", { exact: true }).fill(time)
      await page.getByRole("button", { name: "Create schedule" }).click()
      await page.locator("#schedules-status").getByText("Schedule created: Clinics.").waitFor()
      expect(await page.locator("#sched-recurrence-error").textContent()).toBe("")
      const item = page.locator("li.schedule")
      expect(await item.count()).toBe(1)
      expect(await item.locator(".schedule-summary").textContent()).toBe(`Every day at ${time}, covering the previous day`)
      expect(await item.locator(".status-pill").textContent()).toBe("Active")
      expect(await item.locator(".last-run").textContent()).toBe("Not run yet")
      expect(await item.locator("h5").textContent()).toBe(`Next five times (${zone})`)

      const [schedule] = ((await (await app.as("u-oadmin", "/api/v1/schedules")).json()) as { schedules: Array<{ id: string; locale: string; recurrence: string; range: string; format: string; report: string; next_occurrences: Array<string> }> }).schedules
      expect(schedule).toMatchObject({ report: "clinics", format: "json", range: "previous_day", recurrence: `daily ${time}`, locale: "en" })
      const shown = await item.locator(".next-times time").evaluateAll((times) => times.map((e) => [e.getAttribute("datetime"), e.textContent]))
      expect(shown.map(([iso]) => iso)).toEqual(schedule!.next_occurrences)
      for (const [iso, text] of shown) {
        expect(iso!.slice(11, 16)).toBe(time)
        expect(text).toContain(time)
        expect(text).toContain(String(Number(iso!.slice(8, 10))))
      }
      const first = Date.parse(schedule!.next_occurrences[0]!)
      expect(first).toBeGreaterThan(app.clock.now)
      expect(first).toBeLessThanOrEqual(app.clock.now + 3 * 3_600_000)
      await page.screenshot({ path: join(artifacts, `page-schedules-${name}.png`), fullPage: true })
      expect(await seriousViolations(page, "#schedules")).toEqual([])

      // The worker, on the injected clock: nothing a second early; at the occurrence one report, one email.
      const worker = createWorker({ store: app.store, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 }), filesDir: app.filesDir, publicUrl: app.url, now: () => app.clock.now, log: () => undefined })
      app.clock.now = first - 1_000
      expect(await worker.runOnce()).toBe(false)
      app.clock.now = first + 5_000
      while (await worker.runOnce()) { /* claim the occurrence, generate, send */ }
      expect(smtp.received).toHaveLength(1)
      expect(smtp.received[0]!.to).toEqual(["oscar@example.org"])
      const link = /https?:\/\/\S+\/history\/[A-Za-z0-9_-]+/.exec(partOf(parseMessage(smtp.received[0]!.raw), "text/plain")!)![0]
      expect(link.startsWith(`${app.url}/history/`)).toBe(true)

      // The link opens the entry on the page and its file downloads; the schedule shows its last run.
      await page.goto(link)
      const occurrenceDate = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(first)
      const day = new Date(Date.parse(`${occurrenceDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
      await page.locator("#linked-entry").getByText(`Clinics, ${day} – ${day}: ready`).waitFor()
      const downloading = page.waitForEvent("download")
      await page.locator("#linked-entry").getByRole("link", { name: "Download" }).click()
      expect((await downloading).suggestedFilename()).toBe(`clinics-${day}-to-${day}.json`)
      await page.getByRole("button", { name: "Schedules" }).click()
      await item.locator(".last-run").getByText("ready").waitFor()
      expect(await item.locator(".last-run a").getAttribute("href")).toBe(new URL(link).pathname)
      expect(await item.locator(".next-times time").first().getAttribute("datetime")).toBe(schedule!.next_occurrences[1])
      expect(await worker.runOnce()).toBe(false)
      expect(smtp.received).toHaveLength(1)
      expect(csp).toEqual([])
    })

    it("pauses, resumes and deletes from the page, at 1280 and 390 pixels", async (t) => {
      if (!running.ready) return t.skip()
      const { app } = running
      app.clock.now = Date.now()
      const { page, csp } = await signedIn(browser, app, "u-orep")
      await page.getByRole("button", { name: "Schedules" }).click()
      await page.getByLabel("Repeat").selectOption("weekly")
      await page.getByLabel("Day of the week").selectOption("Mon")
      await page.getByLabel("Time", { exact: true }).fill("07:30")
      await page.getByRole("button", { name: "Create schedule" }).click()
      const item = page.locator("li.schedule")
      await item.waitFor()
      expect(await item.locator(".schedule-summary").textContent()).toMatch(/^Every Monday at 07:30, covering /)
      expect(await item.locator(".next-times li").count()).toBe(5)
      expect(await overflowsSideways(page)).toBe(false)

      await item.getByRole("button", { name: /^Pause Waiting Area Consultations/ }).click()
      await item.locator(".status-pill").getByText("Paused").waitFor()
      expect(await item.locator(".paused-reason").textContent()).toBe("Paused by you.")
      expect(await item.getByText("None while paused.").count()).toBe(1)
      await page.setViewportSize({ width: 390, height: 844 })
      expect(await overflowsSideways(page)).toBe(false)
      await page.screenshot({ path: join(artifacts, `page-schedules-phone-${name}.png`), fullPage: true })
      expect(await seriousViolations(page, "#schedules")).toEqual([])
      await item.getByRole("button", { name: /^Resume / }).click()
      await item.locator(".status-pill").getByText("Active").waitFor()
      expect(await item.locator(".next-times li").count()).toBe(5)

      await item.getByRole("button", { name: /^Delete / }).click()
      await focusOn(page, "Delete schedule", "text")
      await item.getByRole("button", { name: "Cancel" }).click()
      await item.getByRole("button", { name: /^Delete / }).click()
      await item.getByRole("button", { name: "Delete schedule" }).click()
      await page.locator("#schedules-empty").waitFor()
      await focusOn(page, "schedule-list-title")
      expect(((await (await app.as("u-orep", "/api/v1/schedules")).json()) as { schedules: Array<unknown> }).schedules).toEqual([])
      expect(csp).toEqual([])
    })
  })
}
