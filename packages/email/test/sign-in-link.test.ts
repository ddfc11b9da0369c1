import { describe, expect, it } from "vitest"
import { EmailPermanentError, signInLinkMessage, signInLinkTexts } from "../src/index.ts"

const link = "https://vcr.example/signin?next=%2Fhistory%2Fh-1#token=vcr_link_abc&x=1"

describe("signInLinkMessage", () => {
  it("gives the link and its validity in both bodies, and nothing about the account", () => {
    const message = signInLinkMessage({ to: "ann@example.org", link, minutes: 15 })
    expect(message.to).toBe("ann@example.org")
    expect(message.subject).toBe(signInLinkTexts.en.subject)
    expect(message.subject).not.toMatch(/[\r\n]/)
    for (const body of [message.text, message.html]) {
      expect(body).toContain("15 minutes")
      expect(body).toContain("works once")
      expect(body).toContain("did not ask")
    }
    expect(message.text).toContain(link)
    expect(message.html).toContain('<a href="https://vcr.example/signin?next=%2Fhistory%2Fh-1#token=vcr_link_abc&amp;x=1">Sign in</a>')
    // The recipient's address is the only personal datum, and only in the header.
    expect(message.text + message.html).not.toContain("ann@example.org")
  })

  it("speaks zh-CN when asked, with the same link", () => {
    const message = signInLinkMessage({ to: "ann@example.org", link, minutes: 15, locale: "zh-CN" })
    expect(message.subject).toBe("您的 vcr 报告登录链接")
    expect(message.text).toContain(link)
    expect(message.text).toContain("15 分钟内有效")
    expect(Object.keys(signInLinkTexts.en)).toEqual(Object.keys(signInLinkTexts["zh-CN"]))
  })

  it("HTML-escapes the link", () => {
    const message = signInLinkMessage({ to: "ann@example.org", link: "https://vcr.example/signin#token=a\"<b>", minutes: 15 })
    expect(message.html).not.toContain("<b>")
    expect(message.html).toContain("a&quot;&lt;b&gt;")
  })

  it.each(["javascript:alert(1)", "/signin#token=x", "https://vcr.example/ signin"])("refuses the link %s", (bad) => {
    expect(() => signInLinkMessage({ to: "ann@example.org", link: bad, minutes: 15 })).toThrow(EmailPermanentError)
  })
})
