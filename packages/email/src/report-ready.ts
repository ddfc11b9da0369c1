/**
 * The "your report is ready" email of SPEC §9. It carries only the report's title, the link to the history
 * entry (which needs sign-in) and when the link expires: never report content, staff or patient data, since
 * email leaves the system. Everything interpolated into the HTML is escaped.
 */
import type { Locale } from "@vcr/core"
import { EmailPermanentError } from "./email-error.ts"
import type { EmailMessage } from "./email-message.ts"
import { emailTexts } from "./texts.ts"

/** What the report-ready email says. */
export interface ReportReadyOptions {
  /** The requesting account's address. */
  readonly to: string
  /** The http(s) link to the history entry. */
  readonly link: string
  /** The report's title, e.g. "Clinics". */
  readonly reportTitle: string
  /** When the link expires, shown as given (e.g. "2025-03-01 14:00 Europe/London"). */
  readonly expiresAt: string
  /** The locale of the words (the history entry's, R80); English by default. The title comes already in it. */
  readonly locale?: Locale | undefined
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

/** One line: control characters and runs of whitespace become single spaces, so a value cannot add lines. */
const oneLine = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim()

/** The link itself when it is an absolute http(s) URL without whitespace; else an EmailPermanentError (`invalid_message`). */
export const checkLink = (link: string): string => {
  let url: URL | undefined
  try {
    url = /\s/.test(link) ? undefined : new URL(link)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new EmailPermanentError({ reason: "invalid_message", message: "the link must be an absolute http(s) URL" })
  }
  return link
}

/**
 * Builds the email telling `to` that a report is ready: a plain-text and an HTML body with the report's
 * title, the link (sign-in required) and its expiry. Throws an EmailPermanentError (reason `invalid_message`)
 * when `link` is not an absolute http(s) URL.
 */
export const reportReadyMessage = (options: ReportReadyOptions): EmailMessage => {
  const link = checkLink(options.link)
  const locale = options.locale ?? "en"
  const words = emailTexts[locale].reportReady
  const title = oneLine(options.reportTitle) || words.untitled
  const expiresAt = oneLine(options.expiresAt)
  const text = [
    words.ready(title),
    "",
    words.openHere,
    link,
    "",
    words.expires(expiresAt),
    "",
    words.noData,
    ""
  ].join("\n")
  const html = [
    "<!doctype html>",
    `<html lang="${locale}"><head><meta charset="utf-8"></head><body>`,
    `<p>${words.readyHtml(escapeHtml(title))}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(words.openLink)}</a>${escapeHtml(words.signInNote)}</p>`,
    `<p>${escapeHtml(words.copyAddress)} ${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(words.expires(expiresAt))}</p>`,
    `<p>${escapeHtml(words.noData)}</p>`,
    "</body></html>",
    ""
  ].join("\n")
  return { to: options.to, subject: words.subject(title), text, html }
}
