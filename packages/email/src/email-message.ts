/**
 * The message this package sends, and the checks made before any connection: exactly one plain recipient
 * address and a one-line subject, so that no caller-supplied text can add recipients or headers (CR/LF
 * header injection, comma-separated lists, display names).
 */
import addressparser from "nodemailer/lib/addressparser"
import { EmailPermanentError } from "./email-error.ts"

/** One email to one recipient, with a plain-text and an HTML body. */
export interface EmailMessage {
  /** A single plain address (`name@example.org`): no display name, no list, no line breaks. */
  readonly to: string
  /** One line: no CR or LF. */
  readonly subject: string
  readonly text: string
  readonly html: string
}

const MAX_ADDRESS = 254
// dot-atom local part and a host name of dot-separated labels; letters and digits of any script (SMTPUTF8)
const localPart = String.raw`[\p{L}\p{N}\p{M}!#$%&'*+/=?^_\x60{|}~-]+(?:\.[\p{L}\p{N}\p{M}!#$%&'*+/=?^_\x60{|}~-]+)*`
const label = String.raw`[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?`
const plainAddress = new RegExp(`^${localPart}@${label}(?:\\.${label})*$`, "u")

/**
 * True when `to` is one plain address such as `name@example.org` (no display name, list or whitespace), and
 * nodemailer reads it as exactly that one address.
 */
export const isPlainAddress = (to: string): boolean => {
  if (to.length > MAX_ADDRESS || !plainAddress.test(to)) return false
  const parsed = addressparser(to, { flatten: true })
  return parsed.length === 1 && parsed[0]?.address === to
}

const invalid = (reason: string, message: string) => new EmailPermanentError({ reason, message })

/**
 * Returns the error that makes `message` unsendable, or undefined when it can be sent. The recipient is not
 * echoed back (it may be an injection attempt).
 */
export const checkMessage = (message: EmailMessage): EmailPermanentError | undefined => {
  const { to, subject, text, html } = message as Partial<EmailMessage>
  if (typeof to !== "string" || !isPlainAddress(to)) {
    return invalid("invalid_recipient", "the recipient must be exactly one plain address such as name@example.org")
  }
  if (typeof subject !== "string" || /[\r\n]/.test(subject)) {
    return invalid("invalid_subject", "the subject must be one line of text (no CR or LF)")
  }
  if (typeof text !== "string" || typeof html !== "string") {
    return invalid("invalid_message", "the message needs a text body and an HTML body")
  }
  return undefined
}
