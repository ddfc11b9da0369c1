import { describe, expect, it } from "vitest"
import { Locales } from "@vcr/core"
import { EmailPermanentError, emailTexts, escapeHtml, reportReadyMessage, signInLinkTexts } from "../src/index.ts"

const options = {
  to: "alice@example.org",
  link: "https://vcr.example/history/42",
  reportTitle: "Clinics",
  expiresAt: "2025-03-01 14:00 Europe/London"
}

describe("reportReadyMessage", () => {
  it("says the report is ready, gives the link that needs sign-in and its expiry, in both bodies", () => {
    const message = reportReadyMessage(options)
    expect(message.to).toBe("alice@example.org")
    expect(message.subject).toBe("Your report is ready: Clinics")
    for (const body of [message.text, message.html]) {
      expect(body).toContain("Clinics")
      expect(body).toContain("https://vcr.example/history/42")
      expect(body).toContain("2025-03-01 14:00 Europe/London")
      expect(body).toMatch(/sign in/)
      expect(body).toMatch(/is ready/)
    }
    expect(message.html).toContain('<a href="https://vcr.example/history/42">')
  })

  it("HTML-escapes everything it interpolates", () => {
    const message = reportReadyMessage({
      ...options,
      link: "https://vcr.example/history/42?a=1&b=\"2\"<x>",
      reportTitle: "<script>alert('x')</script> & co",
      expiresAt: "<b>soon</b>"
    })
    expect(message.html).not.toContain("<script>")
    expect(message.html).not.toContain("<b>soon")
    expect(message.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
    expect(message.html).toContain("&lt;b&gt;soon&lt;/b&gt;")
    expect(message.html).toContain('href="https://vcr.example/history/42?a=1&amp;b=&quot;2&quot;&lt;x&gt;"')
  })

  it("keeps the subject and interpolated values on one line", () => {
    const message = reportReadyMessage({ ...options, reportTitle: "Clinics\r\nBcc: eve@example.org", expiresAt: "tomorrow\nP.S. reply with your password" })
    expect(message.subject).not.toMatch(/[\r\n]/)
    expect(message.text.split("\n").some((line) => line.startsWith("Bcc:") || line.startsWith("P.S."))).toBe(false)
  })

  it("rejects a link that is not an absolute http(s) URL", () => {
    for (const link of ["javascript:alert(1)", "/history/42", "https://vcr.example/a b", "data:text/html,hi"]) {
      expect(() => reportReadyMessage({ ...options, link }), link).toThrow(EmailPermanentError)
    }
  })

  it("carries nothing but the title, the link and the expiry", () => {
    const message = reportReadyMessage(options)
    expect(message.text).toBe(
      [
        'Your report "Clinics" is ready.',
        "",
        "Open it here (you will be asked to sign in):",
        "https://vcr.example/history/42",
        "",
        "The link expires at 2025-03-01 14:00 Europe/London.",
        "",
        "For your security this email contains no report data.",
        ""
      ].join("\n")
    )
    const htmlText = message.html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
    expect(htmlText).toBe(
      "Your report &ldquo;Clinics&rdquo; is ready. Open the report (you will be asked to sign in). " +
        "Or copy this address into your browser: https://vcr.example/history/42 " +
        "The link expires at 2025-03-01 14:00 Europe/London. For your security this email contains no report data."
    )
  })

  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
  })

  it("speaks zh-CN for a zh-CN entry: the same title, link and expiry, Chinese words (R80, glossary)", () => {
    const message = reportReadyMessage({ ...options, reportTitle: "诊所(等候区)", locale: "zh-CN" })
    expect(message.subject).toBe("您的报告已准备好：诊所(等候区)")
    expect(message.text).toBe(
      [
        "您的报告“诊所(等候区)”已准备好。",
        "",
        "在此打开(系统会要求您登录)：",
        "https://vcr.example/history/42",
        "",
        "链接的过期时间为 2025-03-01 14:00 Europe/London。",
        "",
        "为了您的安全，此电子邮件不包含任何报告数据。",
        ""
      ].join("\n")
    )
    expect(message.html).toContain('<html lang="zh-CN">')
    expect(message.html).toContain('<a href="https://vcr.example/history/42">打开报告</a>')
    expect(message.html).not.toMatch(/Your report|sign in|expires/)
  })
})

describe("email catalogues", () => {
  /** Keys of a catalogue, nested; a function's leaf is its arity, so every locale takes the same values. */
  const shape = (value: unknown): unknown =>
    typeof value === "function" ? `function/${value.length}`
      : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]))
        : typeof value
  const leaves = (value: unknown): Array<string> =>
    typeof value === "string" ? [value] : typeof value === "function" ? [String((value as (x: unknown) => string)(5))] : Object.values(value as object).flatMap(leaves)

  it.each([["report-ready", emailTexts], ["sign-in", signInLinkTexts]] as const)("%s: every locale, each with exactly the keys of English, no text left untranslated", (_name, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual([...Locales.all].sort())
    for (const locale of Locales.all) expect(shape(catalogue[locale]), locale).toEqual(shape(catalogue.en))
    for (const word of leaves(catalogue["zh-CN"])) expect(word).toMatch(/\p{Script=Han}/u)
    for (const word of leaves(catalogue.en)) expect(word.trim()).not.toBe("")
  })
})
