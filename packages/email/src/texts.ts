/**
 * The text of vcr's emails in every locale (R80, `GLOSSARY.md`): plain typed catalogues, one object per locale,
 * mapped over `Locale` so a locale without every message fails the typecheck. Messages that carry a value are
 * small functions of already-cleaned (text) or already-escaped (HTML) strings; the emails' structure, links
 * and values are the same in every locale, only the words change.
 */
import type { Locale } from "@vcr/core"

/** The words of the "your report is ready" email. */
export interface ReportReadyText {
  /** The title used when a report has none. */
  readonly untitled: string
  readonly subject: (title: string) => string
  /** First line of the plain text: the report is ready. */
  readonly ready: (title: string) => string
  /** First paragraph of the HTML, of the escaped title. */
  readonly readyHtml: (title: string) => string
  /** Plain text: the line before the link. */
  readonly openHere: string
  /** HTML: the link's own text. */
  readonly openLink: string
  /** HTML: after the link. */
  readonly signInNote: string
  /** HTML: before the link written out. */
  readonly copyAddress: string
  readonly expires: (at: string) => string
  readonly noData: string
}

/** Every email's text in one locale. */
export interface EmailTexts {
  readonly reportReady: ReportReadyText
}

/** The email texts of every locale. */
export const emailTexts: { readonly [L in Locale]: EmailTexts } = {
  en: {
    reportReady: {
      untitled: "Report",
      subject: (title) => `Your report is ready: ${title}`,
      ready: (title) => `Your report "${title}" is ready.`,
      readyHtml: (title) => `Your report &ldquo;${title}&rdquo; is ready.`,
      openHere: "Open it here (you will be asked to sign in):",
      openLink: "Open the report",
      signInNote: " (you will be asked to sign in).",
      copyAddress: "Or copy this address into your browser:",
      expires: (at) => `The link expires at ${at}.`,
      noData: "For your security this email contains no report data."
    }
  },
  "zh-CN": {
    reportReady: {
      untitled: "报告",
      subject: (title) => `您的报告已准备好：${title}`,
      ready: (title) => `您的报告“${title}”已准备好。`,
      readyHtml: (title) => `您的报告“${title}”已准备好。`,
      openHere: "在此打开(系统会要求您登录)：",
      openLink: "打开报告",
      signInNote: "(系统会要求您登录)。",
      copyAddress: "或将此地址复制到浏览器中：",
      expires: (at) => `链接的过期时间为 ${at}。`,
      noData: "为了您的安全，此电子邮件不包含任何报告数据。"
    }
  }
}
