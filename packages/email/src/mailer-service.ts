/**
 * The mailer as an Effect service, for programs composed with layers (the background worker): `send` fails
 * with the typed errors in the error channel, so a caller can `Effect.retry` while the error is
 * EmailTransientError. The layer creates the mailer and closes it when released.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { classify } from "./email-error.ts"
import { EmailPermanentError } from "./email-error.ts"
import type { EmailTransientError } from "./email-error.ts"
import type { EmailMessage } from "./email-message.ts"
import { createMailer } from "./mailer.ts"
import type { Mailer, MailerOptions, SendResult } from "./mailer.ts"

/** The mailer with Effect-typed failures. */
export interface MailerServiceShape {
  readonly send: (message: EmailMessage) => Effect.Effect<SendResult, EmailTransientError | EmailPermanentError>
}

/** The Mailer as an Effect service; provide it with `layer(options)` or `Layer.succeed(MailerService, fromMailer(m))`. */
export class MailerService extends Context.Service<MailerService, MailerServiceShape>()("@vcr/email/MailerService") {}

/** Wraps a Promise-based Mailer (a real one or a test double) as the service. */
export const fromMailer = (mailer: Mailer): MailerServiceShape => ({
  send: (message) => Effect.tryPromise({ try: () => mailer.send(message), catch: classify })
})

/** Creating a mailer only fails on configuration, which retrying does not fix. */
const asConfigurationError = (error: unknown): EmailPermanentError => {
  const classified = classify(error)
  return classified instanceof EmailPermanentError
    ? classified
    : new EmailPermanentError({ reason: "invalid_config", message: classified.message })
}

/** Layer providing MailerService from `createMailer(options)`; invalid configuration fails the layer. */
export const layer = (options: MailerOptions): Layer.Layer<MailerService, EmailPermanentError> =>
  Layer.effect(
    MailerService,
    Effect.acquireRelease(
      Effect.try({ try: () => createMailer(options), catch: asConfigurationError }),
      (mailer) => Effect.promise(() => mailer.close())
    ).pipe(Effect.map(fromMailer))
  )
