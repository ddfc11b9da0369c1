/**
 * The Mailer port: sends one message, failing only with @vcr/email's EmailTransientError (retry later) or
 * EmailPermanentError (do not retry). `Mailer.layer` sends over SMTP when given a URL, else writes each message
 * as an `.eml` file into an outbox folder (atomically: a reader never sees half a message); the mailer is closed
 * with the layer. `Mailer.fromMailer` lends any @vcr/email Mailer (or a test double).
 */
import { classify, createMailer, EmailPermanentError, type EmailMessage, type EmailTransientError, type Mailer as EmailMailer, type SendResult } from "@vcr/email"
import { Context, Effect, Layer } from "effect"
import { randomBytes } from "node:crypto"
import { join, resolve } from "node:path"
import { writeFileAtomically } from "./atomic-file.ts"

export interface MailerApi {
  send(message: EmailMessage): Effect.Effect<SendResult, EmailTransientError | EmailPermanentError>
}

/** How to send: SMTP when `smtpUrl` is given, else files in `outboxDir` (default `vcr-outbox`). */
export interface MailOptions {
  readonly smtpUrl?: string | undefined
  readonly outboxDir?: string | undefined
  /** The From header (default `vcr <reports@vcr.invalid>`). */
  readonly from?: string | undefined
  /** SMTP timeouts in milliseconds (default 10 000). */
  readonly timeoutMs?: number | undefined
}

/** The outbox folder used when none is given. */
const defaultOutboxDir = "vcr-outbox"

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** `20250131T235959123Z-<random>.eml`: sorts in time order and is a valid file name everywhere (no colons). */
const outboxFileName = (date: Date = new Date()): string =>
  `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T` +
  `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}${pad(date.getUTCMilliseconds(), 3)}Z-${randomBytes(6).toString("hex")}.eml`

/** Writes one message as a new `.eml` file in `dir` (created if missing), readable only by its owner; returns its path. */
const writeToOutbox = async (dir: string, message: Uint8Array): Promise<string> => {
  const path = join(resolve(dir), outboxFileName())
  await writeFileAtomically(path, async (stream) => void stream.end(message), { mode: 0o600 })
  return path
}

/** A Promise-based mailer as the port: whatever its send throws is classified. */
const fromPromises = (mailer: EmailMailer): MailerApi => ({
  send: (message) => Effect.tryPromise({ try: () => mailer.send(message), catch: classify })
})

/** Creating a mailer fails only on configuration, which retrying does not fix. */
const asConfigurationError = (error: unknown): EmailPermanentError => {
  const classified = classify(error)
  return classified instanceof EmailPermanentError ? classified : new EmailPermanentError({ reason: "invalid_config", message: classified.message })
}

/** The mailer as an Effect service. */
export class Mailer extends Context.Service<Mailer, MailerApi>()("@vcr/engine/Mailer") {
  /** SMTP or the outbox folder; invalid configuration fails the layer with EmailPermanentError (`invalid_config`). */
  static readonly layer = (options: MailOptions = {}): Layer.Layer<Mailer, EmailPermanentError> =>
    Layer.effect(
      Mailer,
      Effect.acquireRelease(
        Effect.try({
          try: () => createMailer({
            smtpUrl: options.smtpUrl, from: options.from, timeoutMs: options.timeoutMs,
            outbox: (message) => writeToOutbox(options.outboxDir ?? defaultOutboxDir, message)
          }),
          catch: asConfigurationError
        }),
        (mailer) => Effect.promise(() => mailer.close())
      ).pipe(Effect.map(fromPromises))
    )

  /** Any @vcr/email Mailer (its owner closes it). */
  static readonly fromMailer = (mailer: EmailMailer): Layer.Layer<Mailer> => Layer.succeed(Mailer, fromPromises(mailer))
}
