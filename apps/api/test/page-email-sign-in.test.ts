/**
 * Signing in by email from the page (SPEC §11.3), end to end: a signed-out visitor of an emailed report link asks
 * for a sign-in link, the test SMTP server receives it, and opening it signs in and returns to the report link.
 */
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMailer, type Mailer } from "@vcr/email"
import { parseMessage, partOf, startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { createToken } from "../src/index.ts"
import { chromiumAvailable, demoAdmin, launch, shot, startDemo, watchCsp, type DemoApp } from "./page-support.ts"

let app: DemoApp
let browser: Browser
let smtp: TestSmtpServer
let mailer: Mailer
beforeAll(async () => {
  if (!chromiumAvailable) return
  smtp = await startSmtpServer()
  mailer = createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 })
  app = await startDemo({ mail: mailer })
  browser = await launch()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await mailer?.close()
  await smtp?.close()
})

describe.skipIf(!chromiumAvailable)("signing in by email on the page", () => {
  it("emails a one-time link that signs in and leads back to the report link the visitor opened", async () => {
    const token = await createToken(app.store, demoAdmin, Date.now())
    const me = (await (await fetch(`${app.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { user: { email: string } }
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const csp = await watchCsp(page)
    await page.goto(`${app.url}/history/an-entry-id`)
    await page.getByText("You are not signed in").waitFor()
    expect(await page.locator("nav").count()).toBe(0)
    const before = smtp.received.length
    await page.getByLabel("Email address").fill(me.user.email)
    await page.getByRole("button", { name: "Email me a sign-in link" }).click()
    await page.getByText(`If ${me.user.email} belongs to an account, a sign-in link is on its way`).waitFor()
    await shot(page, "sign-in-email-sent-1280")
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(before + 1)
    const message = smtp.received.at(-1)!
    expect(message.to).toContain(me.user.email)
    const link = partOf(parseMessage(message.raw), "text/plain")!.match(/https?:\/\/\S+\/signin\S*/)![0]
    expect(new URL(link).origin).toBe(app.url)
    await page.goto(link)
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.waitForURL(`${app.url}/history/an-entry-id`)
    await page.locator("#linked-entry").getByText("This report was not found.").waitFor()
    expect(await page.locator("nav").count()).toBe(1)
    // The link works once.
    await page.goto(link)
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.locator("#sign-in-error").getByText("unknown, used or expired").waitFor()
    expect(csp).toEqual([])
  })

  it("answers an unknown address exactly as a known one, and sends nothing", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    await page.goto(`${app.url}/`)
    const before = smtp.received.length
    await page.getByLabel("Email address").fill("nobody@example.org")
    await page.getByRole("button", { name: "Email me a sign-in link" }).click()
    await page.getByText("If nobody@example.org belongs to an account, a sign-in link is on its way").waitFor()
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.received.length).toBe(before)
  })
})
