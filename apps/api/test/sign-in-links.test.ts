/**
 * Signing in by email (SPEC §11.3) end to end through a real SMTP server: the same 202 for known and unknown
 * addresses, one email to an active account, following its link signs in once, the link expires after 15 minutes
 * of the injected clock, `next` survives only as a same-origin relative path, and requests are rate limited per
 * address and per client with Retry-After. Logs and emails hold no address beyond the recipient's header.
 */
import { createMailer, type Mailer } from "@vcr/email"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseMessage, partOf, startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { start, type Running } from "./support.ts"

const publicUrl = "https://reports.example.org"
let smtp: TestSmtpServer
let mailer: Mailer
let app: Running
/** The background tasks the app started (the lookup and the email after each answer). */
const pending: Array<Promise<unknown>> = []
const settled = async () => {
  await Promise.allSettled(pending.splice(0))
}

beforeAll(async () => {
  smtp = await startSmtpServer()
  mailer = createMailer({ smtpUrl: smtp.url, timeoutMs: 2000 })
  app = await start({
    app: {
      publicUrl, mail: mailer, background: (task) => void pending.push(task()),
      limits: { signInLinks: { perAddress: 1000, perClient: 1000 } }
    }
  })
  // A deactivated account, and one whose address another account shares in another letter case.
  await app.store.importLines([
    JSON.stringify({ type: "user", id: "u-gone", name: "Gone", email: "gone@example.org", created_at: "2024-01-01T00:00:00Z", deactivated_at: "2025-01-01T00:00:00Z" }),
    JSON.stringify({ type: "organisation_role", user_id: "u-gone", organisation_id: "org-1", role: "organisation_admin", granted_at: "2024-01-02T00:00:00Z" })
  ])
})
afterAll(async () => {
  await app.close()
  await mailer.close()
  await smtp.close()
})

const ask = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/sign-in-links`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) })

/** The link of the last email received. */
const lastLink = () => {
  const message = smtp.received.at(-1)!
  const text = partOf(parseMessage(message.raw), "text/plain")!
  return text.match(/https:\/\/\S+/)![0]
}
const fragmentOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1))
/** The link's `next` (its query; the secret alone is in the fragment). */
const nextOf = (link: string) => new URL(link).searchParams.get("next")

const redeem = (token: string, next?: unknown) =>
  fetch(`${app.url}/auth/link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(next === undefined ? { token } : { token, next }) })

describe("signing in by email", () => {
  it("answers known, unknown and deactivated addresses alike, and emails only the active account", async () => {
    const before = smtp.received.length
    const answers = []
    for (const email of ["oscar@example.org", "nobody@example.org", "gone@example.org"]) {
      const res = await ask({ email })
      answers.push({ status: res.status, body: await res.text(), type: res.headers.get("content-type"), cache: res.headers.get("cache-control") })
    }
    await settled()
    expect(answers[0]).toEqual({ status: 202, body: JSON.stringify({ accepted: true, link_lifetime_minutes: 15 }), type: "application/json; charset=utf-8", cache: "no-store" })
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(smtp.received.length - before).toBe(1)
    const message = smtp.received.at(-1)!
    expect(message.to).toEqual(["oscar@example.org"])
    // Nothing about the account or any report beyond the recipient's header; no address in the logs.
    const text = partOf(parseMessage(message.raw), "text/plain")!
    expect(text).not.toMatch(/Oscar|org-1|Metro|u-oadmin|oscar@/)
    expect(text).toContain("15 minutes")
    expect(JSON.stringify(app.logs)).not.toMatch(/@example\.org/)
    const audit = await app.store.access.auditLog()
    expect(audit.filter((a) => a.action === "sign_in_link_sent").map((a) => a.user_id)).toEqual(["u-oadmin"])
    expect(JSON.stringify(audit)).not.toMatch(/@example\.org/)
  })

  it("signs in by following the emailed link, once; letter case of the address does not matter", async () => {
    await ask({ email: "  Oscar@EXAMPLE.org " })
    await settled()
    const link = lastLink()
    expect(link.startsWith(`${publicUrl}/signin#token=vcr_link_`)).toBe(true)
    expect(nextOf(link)).toBeNull()
    expect([...fragmentOf(link).keys()]).toEqual(["token"])
    const signedIn = await redeem(fragmentOf(link).get("token")!)
    expect(signedIn.status).toBe(200)
    expect(await signedIn.json()).toEqual({ signed_in: true, next: "/" })
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ")
    const me = (await (await fetch(`${app.url}/api/v1/me`, { headers: { cookie } })).json()) as { user: { id: string } }
    expect(me.user.id).toBe("u-oadmin")
    const again = await redeem(fragmentOf(link).get("token")!)
    expect(again.status).toBe(401)
    expect(await again.json()).toMatchObject({ error: { code: "invalid_link" } })
  })

  it("expires the link after 15 minutes of the clock", async () => {
    const started = app.clock.now
    try {
      await ask({ email: "oscar@example.org" })
      await settled()
      const late = fragmentOf(lastLink()).get("token")!
      await ask({ email: "oscar@example.org" })
      await settled()
      const inTime = fragmentOf(lastLink()).get("token")!
      app.clock.now = started + 15 * 60_000 - 1
      expect((await redeem(inTime)).status).toBe(200)
      app.clock.now = started + 15 * 60_000
      expect((await redeem(late)).status).toBe(401)
    } finally {
      app.clock.now = started
    }
  })

  it("carries a history entry's path through the link and back, and answers where to go after sign-in", async () => {
    await ask({ email: "oscar@example.org", next: "/history/h-123?x=1" })
    await settled()
    const link = lastLink()
    expect(link).toMatch(new RegExp(`^${publicUrl}/signin\\?next=%2Fhistory%2Fh-123%3Fx%3D1#token=vcr_link_[A-Za-z0-9_-]+$`))
    expect(nextOf(link)).toBe("/history/h-123?x=1")
    const signedIn = await redeem(fragmentOf(link).get("token")!, nextOf(link))
    expect(await signedIn.json()).toEqual({ signed_in: true, next: "/history/h-123?x=1" })
  })

  it("leads an emailed report link opened while signed out to sign-in and back to its entry", async () => {
    const download = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ from: "2026-03-02", to: "2026-03-02", format: "csv" }) })
    const entry = download.headers.get("x-history-entry")!
    const path = `/history/${entry}`
    // Signed out: the entry's page is served (the page shows the sign-in form), the entry itself is not.
    expect((await fetch(app.url + path)).status).toBe(200)
    expect((await fetch(`${app.url}/api/v1/history/${entry}`)).status).toBe(401)
    await ask({ email: "oscar@example.org", next: path })
    await settled()
    const link = lastLink()
    const signedIn = await redeem(fragmentOf(link).get("token")!, nextOf(link))
    const { next } = (await signedIn.json()) as { next: string }
    expect(next).toBe(path)
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ")
    expect((await fetch(app.url + next, { headers: { cookie } })).status).toBe(200)
    expect(await (await fetch(`${app.url}/api/v1/history/${entry}`, { headers: { cookie } })).json()).toMatchObject({ id: entry, status: "ready" })
  })

  it.each([
    ["//evil.example/history/1"], ["/\\evil.example"], ["https://evil.example/"], ["javascript:alert(1)"], ["history/1"],
    ["/\t/evil.example"], ["/ok\n"], [""], [42], [{ path: "/" }], ["/" + "a".repeat(2048)]
  ])("ignores the next %j: no next in the link, and / after sign-in", async (next) => {
    const res = await ask({ email: "oscar@example.org", next })
    expect(res.status).toBe(202)
    await settled()
    const link = lastLink()
    expect(nextOf(link)).toBeNull()
    expect(link).not.toContain("evil")
    expect(await (await redeem(fragmentOf(link).get("token")!, next)).json()).toEqual({ signed_in: true, next: "/" })
  })

  it("writes the email in the request's locale", async () => {
    await ask({ email: "oscar@example.org", locale: "zh-CN" })
    await settled()
    const message = parseMessage(smtp.received.at(-1)!.raw)
    expect(partOf(message, "text/plain")).toContain("此链接只能使用一次，15 分钟内有效。")
    expect(partOf(message, "text/html")).toContain(">登录</a>")
    expect(lastLink().startsWith(`${publicUrl}/signin#token=vcr_link_`)).toBe(true)
  })

  it("refuses a malformed request with a 400 naming the field, and sends nothing", async () => {
    const before = smtp.received.length
    const cases: Array<[unknown, string | null]> = [
      [{}, "email"], [{ email: "" }, "email"], [{ email: "not an address" }, "email"], [{ email: "a@example.org, b@example.org" }, "email"],
      [{ email: 7 }, "email"], [{ email: "oscar@example.org", admin: true }, "admin"], [["oscar@example.org"], null],
      [{ email: "oscar@example.org", locale: "fr" }, "locale"]
    ]
    for (const [body, field] of cases) {
      const res = await ask(body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { field: string | null } }).error.field).toBe(field)
    }
    const text = await fetch(`${app.url}/api/v1/sign-in-links`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "oscar@example.org" })
    expect(text.status).toBe(415)
    await settled()
    expect(smtp.received.length).toBe(before)
  })
})

describe("sign-in email rate limits", () => {
  let limited: Running
  const tasks: Array<Promise<unknown>> = []
  beforeAll(async () => {
    limited = await start({
      app: { publicUrl, mail: mailer, background: (task) => void tasks.push(task()), trustProxy: true, limits: { signInLinks: { perAddress: 2, perClient: 4 } } }
    })
  })
  afterAll(async () => {
    await Promise.allSettled(tasks)
    await limited.close()
  })
  const post = (email: string, client: string) =>
    fetch(`${limited.url}/api/v1/sign-in-links`, { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-For": client }, body: JSON.stringify({ email }) })

  it("limits each address, known or not, alike, with Retry-After until the window ends", async () => {
    for (const email of ["oscar@example.org", "nobody@example.org"]) {
      expect((await post(email, "10.0.0.1")).status).toBe(202)
      expect((await post(email.toUpperCase(), "10.0.0.2")).status).toBe(202)
      const refused = await post(email, "10.0.0.3")
      expect(refused.status).toBe(429)
      expect(refused.headers.get("retry-after")).toBe("900")
      expect(await refused.json()).toMatchObject({ error: { code: "too_many_requests" } })
    }
    limited.clock.now += 15 * 60_000
    expect((await post("oscar@example.org", "10.0.0.4")).status).toBe(202)
  })

  it("limits each client across addresses", async () => {
    for (let i = 0; i < 4; i++) expect((await post(`someone${i}@example.org`, "10.0.1.1")).status).toBe(202)
    const refused = await post("someone-else@example.org", "10.0.1.1")
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
    expect((await post("someone-else@example.org", "10.0.1.2")).status).toBe(202)
  })
})
