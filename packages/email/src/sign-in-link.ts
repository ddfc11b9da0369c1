/**
 * The "sign in to vcr" email of SPEC §11.3: a one-time sign-in link sent to an address that asked for one. It
 * carries the link and how long it works, nothing else: no name, no organisation, no report data, since email
 * leaves the system and the request may not have come from the recipient. The words are kept by locale in
 * `signInLinkTexts`, one place, so a translation adds one entry; everything interpolated into the HTML is escaped.
 */
import type { Locale } from "@vcr/core"
import type { EmailMessage } from "./email-message.ts"
import { checkLink, escapeHtml } from "./report-ready.ts"

/** The words of the sign-in email in one locale. */
export interface SignInLinkTexts {
  readonly subject: string
  /** Why the email came. */
  readonly intro: string
  /** The link's label in the HTML part. */
  readonly action: string
  /** Before the bare link (plain text) or after the button (HTML). */
  readonly copy: string
  /** How long and how often the link works. */
  readonly validity: (minutes: number) => string
  /** What to do if the recipient did not ask. */
  readonly ignore: string
}

/**
 * The sign-in email's words by locale (SPEC §11.5, R80: `en` is the default; zh-CN follows GLOSSARY.md), mapped
 * over every supported locale: a locale without its words fails the typecheck.
 */
export const signInLinkTexts: { readonly [L in Locale]: SignInLinkTexts } = {
  en: {
    subject: "Your sign-in link for vcr reports",
    intro: "Someone asked to sign in to vcr reports with this email address.",
    action: "Sign in",
    copy: "Or copy this address into your browser:",
    validity: (minutes) => `The link works once, within ${minutes} minutes.`,
    ignore: "If you did not ask to sign in, ignore this email: nobody can sign in without the link."
  },
  "zh-CN": {
    subject: "您的 vcr 报告登录链接",
    intro: "有人请求使用此电子邮件地址登录 vcr 报告。",
    action: "登录",
    copy: "或将此地址复制到浏览器中：",
    validity: (minutes) => `此链接只能使用一次，${minutes} 分钟内有效。`,
    ignore: "如果您没有请求登录，请忽略此邮件：没有此链接，任何人都无法登录。"
  }
}

/** A locale the sign-in email is written in: every supported locale. */
export type SignInLinkLocale = Locale

/** What the sign-in email says. */
export interface SignInLinkOptions {
  /** The account's address. */
  readonly to: string
  /** The absolute http(s) sign-in link (its secret in the fragment). */
  readonly link: string
  /** How long the link works, in minutes. */
  readonly minutes: number
  /** The words' locale (default `en`). */
  readonly locale?: SignInLinkLocale | undefined
}

/**
 * Builds the sign-in email: a plain-text and an HTML body with the link and its validity. Throws an
 * EmailPermanentError (reason `invalid_message`) when `link` is not an absolute http(s) URL.
 */
export const signInLinkMessage = (options: SignInLinkOptions): EmailMessage => {
  const link = checkLink(options.link)
  const t: SignInLinkTexts = signInLinkTexts[options.locale ?? "en"]
  const text = [t.intro, "", `${t.action}:`, link, "", t.validity(options.minutes), "", t.ignore, ""].join("\n")
  const html = [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"></head><body>',
    `<p>${escapeHtml(t.intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p>`,
    `<p>${escapeHtml(t.copy)} ${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(t.validity(options.minutes))}</p>`,
    `<p>${escapeHtml(t.ignore)}</p>`,
    "</body></html>",
    ""
  ].join("\n")
  return { to: options.to, subject: t.subject, text, html }
}
