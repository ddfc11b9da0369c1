/**
 * The two ways sending can fail, and the one place that decides which: a transient error (4xx reply, a
 * refused, reset or silent connection, a full disk) means "try again later", a permanent one (5xx reply, a bad
 * recipient, bad configuration) means "retrying will not help". Messages are safe to show to users: one
 * line, bounded, with URL credentials removed (the mailer also scrubs its own user name and password).
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/** Sending failed for a reason that may pass (4xx reply, connection refused/reset, timeout): retry later. */
export class EmailTransientError extends Schema.TaggedError<EmailTransientError>()("EmailTransientError", {
  message: Schema.String,
  /** The SMTP reply code, when the server answered. */
  code: Schema.optional(Schema.Number),
  /** A stable snake_case name of what happened, e.g. `server_deferred`, `connection_refused`, `greeting_timeout`. */
  reason: Schema.String
}) {}

/** Sending failed for a reason that retrying will not fix (5xx reply, invalid recipient or configuration). */
export class EmailPermanentError extends Schema.TaggedError<EmailPermanentError>()("EmailPermanentError", {
  message: Schema.String,
  /** The SMTP reply code, when the server answered. */
  code: Schema.optional(Schema.Number),
  /** A stable snake_case name of what happened, e.g. `server_rejected`, `invalid_recipient`, `invalid_config`. */
  reason: Schema.String
}) {}

/** Either error of this package. */
export type EmailError = EmailTransientError | EmailPermanentError

/** True for the errors a caller should retry later. */
export const isTransient = (error: unknown): error is EmailTransientError => error instanceof EmailTransientError

const MAX_DETAIL = 300

/**
 * Text from a server or a library made fit for a user: one line, no URL credentials, none of `secrets`
 * (the SMTP user name and password), bounded in length.
 */
export const safeText = (text: string, secrets: ReadonlyArray<string> = []): string => {
  // eslint-disable-next-line no-control-regex
  let result = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim()
  result = result.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1***@")
  for (const secret of secrets) if (secret.length > 0) result = result.split(secret).join("***")
  return result.length > MAX_DETAIL ? `${result.slice(0, MAX_DETAIL)}…` : result
}

/** The same error with `secrets` scrubbed from its message. */
export const redact = <E extends EmailError>(error: E, secrets: ReadonlyArray<string>): E => {
  const message = safeText(error.message, secrets)
  if (message === error.message) return error
  const fields = { reason: error.reason, message, ...(error.code === undefined ? {} : { code: error.code }) }
  return (error._tag === "EmailTransientError" ? new EmailTransientError(fields) : new EmailPermanentError(fields)) as E
}

const field = (error: unknown, key: string): unknown => (Predicate.isObject(error) ? (error as Record<string, unknown>)[key] : undefined)
const text = (error: unknown, key: string): string | undefined => {
  const value = field(error, key)
  return Predicate.isString(value) ? value : undefined
}

const transient = (reason: string, message: string, code?: number) =>
  new EmailTransientError({ reason, message: safeText(message), ...(code === undefined ? {} : { code }) })
const permanent = (reason: string, message: string, code?: number) =>
  new EmailPermanentError({ reason, message: safeText(message), ...(code === undefined ? {} : { code }) })

/** Node's file-system codes that a later attempt may not meet again (space, descriptors, locks). */
const transientFileCodes = new Set(["ENOSPC", "EMFILE", "ENFILE", "EBUSY", "EAGAIN", "EINTR", "EIO", "EDQUOT"])
/** Node's file-system codes that need an operator: the folder is not writable or not a folder. */
const permanentFileCodes = new Set(["EACCES", "EPERM", "EROFS", "ENOTDIR", "EISDIR", "EEXIST", "ENAMETOOLONG", "ELOOP"])

/**
 * Classifies anything thrown while sending. The SMTP reply code decides first (4xx transient, 5xx permanent),
 * then nodemailer's and Node's error codes: connection refused/reset/closed, socket errors, timeouts (the
 * greeting timeout included), DNS and protocol errors are transient; envelope and message errors,
 * authentication, TLS and configuration errors are permanent. Anything unrecognised is transient, so that a
 * queued email is retried (a bounded number of times) rather than lost.
 */
export const classify = (error: unknown): EmailTransientError | EmailPermanentError => {
  if (error instanceof EmailTransientError || error instanceof EmailPermanentError) return error

  const responseCode = field(error, "responseCode")
  const response = text(error, "response")
  const code = text(error, "code")
  const originalCode = text(error, "originalCode")
  const message = text(error, "message") ?? String(error)
  const reply = response ? `: ${response}` : ""

  if (Predicate.isNumber(responseCode) && responseCode >= 400 && responseCode < 600) {
    return responseCode < 500
      ? transient("server_deferred", `the SMTP server deferred the message (try again later)${reply}`, responseCode)
      : permanent("server_rejected", `the SMTP server rejected the message${reply}`, responseCode)
  }

  const codes = [originalCode, code]
  if (codes.includes("ECONNREFUSED")) return transient("connection_refused", "the SMTP server refused the connection (ECONNREFUSED)")
  if (codes.includes("ECONNRESET") || codes.includes("EPIPE")) {
    return transient("connection_reset", "the SMTP server reset the connection (ECONNRESET)")
  }
  if (/greeting never received/i.test(message) || field(error, "timeoutType") === "GREETING_TIMEOUT") {
    return transient("greeting_timeout", "the SMTP server accepted the connection but never sent its greeting")
  }
  if (code === "ETIMEDOUT" || originalCode === "ETIMEDOUT") {
    return transient("timeout", "the SMTP server did not answer in time (ETIMEDOUT)")
  }
  if (code === "ECONNECTION") return transient("connection_closed", `the SMTP connection closed unexpectedly${reply}`)
  if (code === "ESOCKET") return transient("network", `a network error occurred talking to the SMTP server (${originalCode ?? code})`)
  if (code === "EDNS" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return transient("dns", `the SMTP server's host name could not be resolved (${originalCode ?? code})`)
  }
  if (code === "EPROTOCOL") return transient("protocol", `the SMTP server sent an unexpected reply${reply}`)
  if (code === "EABORT") return transient("aborted", "sending was cancelled")

  if (code === "EENVELOPE") return permanent("invalid_recipient", `the sender or recipient was not accepted: ${message}`)
  if (code === "EMESSAGE" || code === "ESTREAM") return permanent("invalid_message", `the message could not be sent: ${message}`)
  if (code === "EAUTH" || code === "ENOAUTH") {
    return permanent("authentication", "the SMTP server did not accept the credentials of VCR_SMTP_URL")
  }
  if (code === "ETLS" || code === "EREQUIRETLS") return permanent("tls", `TLS with the SMTP server failed: ${message}`)
  if (code === "ECONFIG") return permanent("invalid_config", `the email configuration is invalid: ${message}`)

  if (code && transientFileCodes.has(code)) return transient("outbox_unavailable", `cannot write to the outbox folder (${code})`)
  if (code && permanentFileCodes.has(code)) return permanent("outbox_unwritable", `cannot write to the outbox folder (${code})`)

  return transient("unknown", `sending failed: ${message}`)
}
