import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { describe, expect, it } from "vitest"
import { EmailPermanentError, EmailTransientError, fromMailer, isTransient, layer, MailerService } from "../src/index.ts"
import type { EmailMessage, Mailer } from "../src/index.ts"
import { startSmtpServer } from "./smtp-fixture.ts"

const message: EmailMessage = { to: "alice@example.org", subject: "Report ready", text: "text", html: "<p>html</p>" }

const sendOnce = Effect.gen(function* () {
  const mailer = yield* MailerService
  return yield* mailer.send(message)
})

describe("MailerService", () => {
  it("sends through the layer's mailer (outbox) and closes it when the layer is released", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vcr-outbox-"))
    try {
      const result = await Effect.runPromise(sendOnce.pipe(Effect.provide(layer({ outboxDir: dir }))))
      expect(result.delivery).toBe("outbox")
      expect(await readdir(dir)).toHaveLength(1)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it("puts typed errors in the error channel, so a caller can retry transient ones", async () => {
    const server = await startSmtpServer({ kind: "reject", at: "RCPT", code: 451 })
    try {
      const errors: Array<string> = []
      const program = Effect.gen(function* () {
        const mailer = yield* MailerService
        return yield* mailer.send(message).pipe(
          Effect.tapError((error) =>
            Effect.sync(() => {
              errors.push(`${error._tag} ${error.code}`)
              server.behave({ kind: "accept" })
            })
          ),
          Effect.retry({ while: isTransient, times: 3 })
        )
      })
      const result = await Effect.runPromise(program.pipe(Effect.provide(layer({ smtpUrl: server.url, timeoutMs: 2_000 }))))
      expect(result.delivery).toBe("smtp")
      expect(errors).toEqual(["EmailTransientError 451"])
      expect(server.received).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it("does not retry a permanent error and lets it be caught by tag", async () => {
    const server = await startSmtpServer({ kind: "reject", at: "RCPT", code: 550 })
    try {
      const program = sendOnce.pipe(
        Effect.retry({ while: isTransient, times: 3 }),
        Effect.map(() => "sent"),
        Effect.catchTag("EmailPermanentError", (error) => Effect.succeed(`permanent ${error.code} ${error.reason}`))
      )
      const outcome = await Effect.runPromise(program.pipe(Effect.provide(layer({ smtpUrl: server.url, timeoutMs: 2_000 }))))
      expect(outcome).toBe("permanent 550 server_rejected")
      expect(server.connections()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it("fails the layer with a permanent invalid_config error for an unusable URL", async () => {
    const error = await Effect.runPromise(Effect.flip(sendOnce.pipe(Effect.provide(layer({ smtpUrl: "ftp://u:hunter22@x.example" })))))
    expect(error).toBeInstanceOf(EmailPermanentError)
    expect(error).toMatchObject({ reason: "invalid_config" })
    expect(error.message).not.toContain("hunter22")
  })

  it("wraps any Mailer, classifying what its send throws", async () => {
    const flaky: Mailer = {
      send: () => Promise.reject(Object.assign(new Error("connect ECONNRESET"), { code: "ECONNRESET" })),
      close: () => Promise.resolve()
    }
    const error = await Effect.runPromise(Effect.flip(sendOnce.pipe(Effect.provide(Layer.succeed(MailerService, fromMailer(flaky))))))
    expect(error).toBeInstanceOf(EmailTransientError)
    expect(error).toMatchObject({ reason: "connection_reset" })
  })
})
