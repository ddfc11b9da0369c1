/**
 * The mailer: a message in, sent or a typed error out. With an SMTP URL (VCR_SMTP_URL) it sends through
 * nodemailer's SMTP transport, one connection per message and bounded timeouts; without one it renders each
 * message as a complete `.eml` and hands it to an outbox writer (the engine's writes them atomically into a
 * folder). Every failure is an EmailTransientError or an EmailPermanentError whose message never shows the
 * URL's credentials. Every message says it was sent by a program (`Auto-Submitted: auto-generated`, RFC 3834),
 * so auto-replies and out-of-office notices skip it.
 */
import { createTransport } from "nodemailer"
import addressparser from "nodemailer/lib/addressparser"
import { classify, EmailPermanentError, redact, safeText } from "./email-error.ts"
import type { EmailError } from "./email-error.ts"
import { checkMessage, isPlainAddress } from "./email-message.ts"
import type { EmailMessage } from "./email-message.ts"

/** What happened to a message: accepted by the SMTP server, or handed to the outbox (`path`: where it went). */
export type SendResult =
  | { readonly delivery: "smtp"; readonly messageId: string; readonly response: string }
  | { readonly delivery: "outbox"; readonly path: string }

/** Sends messages. `send` rejects only with EmailTransientError or EmailPermanentError. */
export interface Mailer {
  send(message: EmailMessage): Promise<SendResult>
  /** Releases the transport; later sends fail with a permanent error (reason `closed`). */
  close(): Promise<void>
}

/** How to send: SMTP when `smtpUrl` is given, else the outbox writer. */
export interface MailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`; usually VCR_SMTP_URL. */
  readonly smtpUrl?: string | undefined
  /**
   * Where messages go when there is no `smtpUrl`: called with each complete RFC 5322 message (CRLF lines),
   * resolves with where it was put (a file's path). Development, demos and installs without mail use it.
   */
  readonly outbox?: ((message: Uint8Array) => Promise<string>) | undefined
  /** The From header (usually VCR_MAIL_FROM); default `vcr <reports@vcr.invalid>`. */
  readonly from?: string | undefined
  /** Connection, greeting and DNS timeouts in milliseconds (socket inactivity: 250 ms more); default 10 000. */
  readonly timeoutMs?: number | undefined
}

/** The From header used when none is given. */
export const DEFAULT_FROM = "vcr <reports@vcr.invalid>"
/**
 * Headers on every message: sent by a program, not a person (RFC 3834), so auto-responders (vacation notices,
 * out-of-office replies, Exchange's as well) do not answer it and no mail loop starts.
 */
export const AUTOMATED_HEADERS: Readonly<Record<string, string>> = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "All"
}

/** The SMTP timeouts used when none are given, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** How much longer the socket inactivity timeout is than the greeting timeout (both fire on a silent server). */
const GREETING_MARGIN_MS = 250

const invalidConfig = (message: string) => new EmailPermanentError({ reason: "invalid_config", message })

/**
 * The URL's password and user name, raw and decoded, to be scrubbed from messages. A user name shorter than
 * four characters is left alone: scrubbing it would garble every message, and it is not a secret by itself.
 */
const credentialsOf = (url: URL): Array<string> => {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value)
    } catch {
      return value
    }
  }
  const values = [url.password, decode(url.password)]
  if (decode(url.username).length >= 4) values.push(url.username, decode(url.username))
  return [...new Set(values.filter((value) => value.length > 0))]
}

const parseSmtpUrl = (smtpUrl: string): { url: URL; secrets: Array<string> } => {
  let url: URL
  try {
    url = new URL(smtpUrl.trim())
  } catch {
    // not echoed: without a parsed URL its password cannot be told apart from the rest
    throw invalidConfig("VCR_SMTP_URL is not a valid URL: use smtp://user:password@host:587 or smtps://user:password@host:465")
  }
  const secrets = credentialsOf(url)
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw invalidConfig(`VCR_SMTP_URL "${safeText(smtpUrl, secrets)}" must start with smtp:// or smtps://`)
  }
  if (url.hostname === "") throw invalidConfig(`VCR_SMTP_URL "${safeText(smtpUrl, secrets)}" names no host`)
  return { url, secrets }
}

/**
 * Why `smtpUrl` cannot be used (an EmailPermanentError with reason `invalid_config`, credentials scrubbed), or
 * undefined when it can; the same check `createMailer` makes, for configuration read at start-up.
 */
export const checkSmtpUrl = (smtpUrl: string): EmailPermanentError | undefined => {
  try {
    parseSmtpUrl(smtpUrl)
    return undefined
  } catch (error) {
    return error instanceof EmailPermanentError ? error : invalidConfig("VCR_SMTP_URL is not usable")
  }
}

const fromRule = 'must be one address such as "vcr <reports@example.org>"'

/**
 * Why `from` cannot be the From header (an EmailPermanentError with reason `invalid_config`), or undefined
 * when it can; the same check `createMailer` makes, for VCR_MAIL_FROM read at start-up.
 */
export const checkFrom = (from: string): EmailPermanentError | undefined => {
  const parsed = /[\r\n]/.test(from) ? [] : addressparser(from, { flatten: true })
  const only = parsed.length === 1 ? parsed[0] : undefined
  return only === undefined || !isPlainAddress(only.address) ? invalidConfig(`the From address ${fromRule}`) : undefined
}

const checkTimeout = (timeoutMs: number): void => {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalidConfig(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`)
}

const closedError = () => new EmailPermanentError({ reason: "closed", message: "the mailer was closed" })

/**
 * Creates a mailer: SMTP when `smtpUrl` is given, else the `outbox` writer. Invalid configuration (a URL that
 * is not smtp:// or smtps://, a bad From, a bad timeout, neither an SMTP URL nor an outbox) throws an
 * EmailPermanentError with reason `invalid_config` here, before anything is sent.
 */
export const createMailer = (options: MailerOptions = {}): Mailer => {
  const from = options.from ?? DEFAULT_FROM
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const badFrom = checkFrom(from)
  if (badFrom !== undefined) throw badFrom
  checkTimeout(timeoutMs)
  const smtpUrl = options.smtpUrl?.trim()
  try {
    if (smtpUrl) return smtpMailer(smtpUrl, from, timeoutMs)
    if (options.outbox === undefined) throw invalidConfig("there is no SMTP URL (VCR_SMTP_URL) and no outbox to write messages to")
    return outboxMailer(options.outbox, from)
  } catch (error) {
    if (error instanceof EmailPermanentError) throw error
    // nodemailer refusing its options (a bad query parameter): configuration, whatever classify would guess
    throw invalidConfig(`the email configuration is invalid: ${classify(error).message}`)
  }
}

/** What nodemailer renders: the message, its sender and the automated-message headers. */
const envelope = (from: string, message: EmailMessage) => ({
  from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  html: message.html,
  headers: AUTOMATED_HEADERS
})

/** Runs `attempt` after the message checks, turning whatever it throws into this package's errors. */
const guarded = async <A>(message: EmailMessage, closed: () => boolean, secrets: ReadonlyArray<string>, attempt: () => Promise<A>): Promise<A> => {
  const invalid = checkMessage(message)
  if (invalid !== undefined) throw invalid
  if (closed()) throw closedError()
  try {
    return await attempt()
  } catch (error) {
    throw redact<EmailError>(classify(error), secrets)
  }
}

const smtpMailer = (smtpUrl: string, from: string, timeoutMs: number): Mailer => {
  const { secrets } = parseSmtpUrl(smtpUrl)
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    // a little longer than the greeting timeout, so that a server that never greets is reported as such
    socketTimeout: timeoutMs + GREETING_MARGIN_MS,
    dnsTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true
  })
  let closed = false
  return {
    send: (message) =>
      guarded(message, () => closed, secrets, async () => {
        const info = await transport.sendMail(envelope(from, message))
        return { delivery: "smtp", messageId: info.messageId, response: safeText(String(info.response), secrets) }
      }),
    close: async () => {
      closed = true
      transport.close()
    }
  }
}

const outboxMailer = (outbox: (message: Uint8Array) => Promise<string>, from: string): Mailer => {
  const transport = createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
    disableFileAccess: true,
    disableUrlAccess: true
  })
  let closed = false
  return {
    send: (message) =>
      guarded(message, () => closed, [], async () => {
        const info = await transport.sendMail(envelope(from, message))
        if (!Buffer.isBuffer(info.message)) throw new Error("the message was not rendered to a buffer")
        return { delivery: "outbox", path: await outbox(info.message) }
      }),
    close: async () => {
      closed = true
      transport.close()
    }
  }
}
