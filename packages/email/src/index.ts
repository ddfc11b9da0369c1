/**
 * @vcr/email: vcr's email adapter. `createMailer` sends one message to one recipient over SMTP (VCR_SMTP_URL)
 * or hands it, as a complete `.eml`, to an outbox writer, and fails only with EmailTransientError (retry later)
 * or EmailPermanentError (do not retry); `reportReadyMessage` builds the "your report is ready" email and `signInLinkMessage` the sign-in email. As an
 * Effect service it is @vcr/engine's Mailer port.
 */
export { classify, EmailPermanentError, EmailTransientError, isTransient } from "./email-error.ts"
export type { EmailError } from "./email-error.ts"
export { isPlainAddress } from "./email-message.ts"
export type { EmailMessage } from "./email-message.ts"
export { AUTOMATED_HEADERS, checkFrom, checkSmtpUrl, createMailer, DEFAULT_FROM, DEFAULT_TIMEOUT_MS } from "./mailer.ts"
export type { Mailer, MailerOptions, SendResult } from "./mailer.ts"
export { escapeHtml, reportReadyMessage } from "./report-ready.ts"
export type { ReportReadyOptions } from "./report-ready.ts"
export { signInLinkMessage, signInLinkTexts } from "./sign-in-link.ts"
export type { SignInLinkLocale, SignInLinkOptions, SignInLinkTexts } from "./sign-in-link.ts"
export { emailTexts } from "./texts.ts"
export type { EmailTexts, ReportReadyText } from "./texts.ts"
