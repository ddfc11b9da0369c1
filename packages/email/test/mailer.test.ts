import { afterEach, describe, expect, it } from "vitest"
import { checkSmtpUrl, createMailer, EmailPermanentError, EmailTransientError, reportReadyMessage } from "../src/index.ts"
import type { EmailMessage, Mailer } from "../src/index.ts"
import { closedPort, parseMessage, partOf, startSilentServer, startSmtpServer } from "./smtp-fixture.ts"

const message: EmailMessage = {
  to: "alice@example.org",
  subject: "Your report is ready: Clinics",
  text: "Plain body with https://vcr.example/history/42",
  html: "<p>HTML body with <a href=\"https://vcr.example/history/42\">the link</a></p>"
}

/** Resources a test opened, released after it whatever happened. */
const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const track = <M extends Mailer>(mailer: M): M => {
  cleanups.push(() => mailer.close())
  return mailer
}
const failureOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
    },
    (error: unknown) => error
  )

describe("SMTP delivery", () => {
  it("delivers exactly one message to the one recipient with a text and an HTML part, returning the server's reply", async () => {
    const server = await startSmtpServer()
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, from: "vcr <reports@vcr.example>", timeoutMs: 2_000 }))

    const result = await mailer.send(message)

    expect(result.delivery).toBe("smtp")
    if (result.delivery !== "smtp") return
    expect(result.response).toMatch(/^250 /)
    expect(result.messageId).toMatch(/^<.+@.+>$/)
    expect(server.received).toHaveLength(1)
    const [received] = server.received
    expect(received?.to).toEqual(["alice@example.org"])
    expect(received?.from).toBe("reports@vcr.example")
    const parsed = parseMessage(received?.raw ?? "")
    expect(parsed.headers.get("to")).toBe("alice@example.org")
    expect(parsed.headers.get("subject")).toBe(message.subject)
    expect(parsed.headers.get("message-id")).toBe(result.messageId)
    expect(parsed.headers.get("content-type")).toMatch(/^multipart\/alternative/)
    expect(partOf(parsed, "text/plain")).toBe(message.text)
    expect(partOf(parsed, "text/html")).toBe(message.html)
  })

  it.each(["RCPT", "DATA"] as const)("reports a 451 at %s as transient with code 451, and a retry after the server recovers is delivered once", async (at) => {
    const server = await startSmtpServer({ kind: "reject", at, code: 451 })
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, timeoutMs: 2_000 }))

    const error = await failureOf(mailer.send(message))
    expect(error).toBeInstanceOf(EmailTransientError)
    expect(error).toMatchObject({ _tag: "EmailTransientError", code: 451, reason: "server_deferred" })
    expect(server.received).toHaveLength(0)

    server.behave({ kind: "accept" })
    const retried = await mailer.send(message)
    expect(retried.delivery).toBe("smtp")
    expect(server.received).toHaveLength(1)
    expect(server.received[0]?.to).toEqual(["alice@example.org"])
  })

  it.each(["RCPT", "DATA"] as const)("reports a 550 at %s as permanent with code 550", async (at) => {
    const server = await startSmtpServer({ kind: "reject", at, code: 550 })
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, timeoutMs: 2_000 }))

    const error = await failureOf(mailer.send(message))
    expect(error).toBeInstanceOf(EmailPermanentError)
    expect(error).toMatchObject({ _tag: "EmailPermanentError", code: 550, reason: "server_rejected" })
    expect(server.received).toHaveLength(0)
  })

  it("returns a transient error, without hanging, when the server accepts the connection but never greets", { timeout: 5_000 }, async () => {
    const server = await startSilentServer()
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, timeoutMs: 1_000 }))

    const error = await failureOf(mailer.send(message))
    expect(error).toBeInstanceOf(EmailTransientError)
    expect(error).toMatchObject({ reason: "greeting_timeout" })
    expect((error as EmailTransientError).code).toBeUndefined()
  })

  it("reports a refused connection as transient and never shows the URL's credentials", async () => {
    const port = await closedPort()
    const mailer = track(createMailer({ smtpUrl: `smtp://mailuser:s3cr%40t-pass@127.0.0.1:${port}`, timeoutMs: 1_000 }))

    const error = await failureOf(mailer.send(message))
    expect(error).toBeInstanceOf(EmailTransientError)
    expect(error).toMatchObject({ reason: "connection_refused" })
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`
    expect(shown).not.toContain("s3cr")
    expect(shown).not.toContain("mailuser")
  })

  it.each([
    ["a list of two addresses", "a@x.org, b@y.org"],
    ["a header injection", "a@x.org\nBcc: c@z.org"],
    ["a CRLF header injection", "a@x.org\r\nBcc: c@z.org"],
    ["a display name", "Alice <a@x.org>"],
    ["an empty string", ""]
  ])("rejects %s as the recipient as permanent without connecting", async (_, to) => {
    const server = await startSmtpServer()
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, timeoutMs: 2_000 }))

    const error = await failureOf(mailer.send({ ...message, to }))
    expect(error).toBeInstanceOf(EmailPermanentError)
    expect(error).toMatchObject({ reason: "invalid_recipient" })
    expect((error as Error).message).not.toContain("c@z.org")
    expect(server.connections()).toBe(0)
  })

  it("rejects a subject with a line break as permanent without connecting", async () => {
    const server = await startSmtpServer()
    cleanups.push(() => server.close())
    const mailer = track(createMailer({ smtpUrl: server.url, timeoutMs: 2_000 }))

    const error = await failureOf(mailer.send({ ...message, subject: "Ready\r\nBcc: c@z.org" }))
    expect(error).toMatchObject({ _tag: "EmailPermanentError", reason: "invalid_subject" })
    expect(server.connections()).toBe(0)
  })

  it("refuses configuration that cannot work, without showing the password", () => {
    const attempt = (smtpUrl: string) => {
      try {
        createMailer({ smtpUrl })
      } catch (error) {
        return error
      }
      return undefined
    }
    for (const url of ["http://user:hunter22@mail.example:25", "not a url", "smtp//user:hunter22@mail.example", "smtp://user:hunter22@:25"]) {
      const error = attempt(url)
      expect(error, url).toBeInstanceOf(EmailPermanentError)
      expect(error).toMatchObject({ reason: "invalid_config" })
      expect((error as Error).message).not.toContain("hunter22")
    }
    expect(() => createMailer({ from: "a@x.org, b@y.org" })).toThrow(EmailPermanentError)
    expect(() => createMailer({ from: "vcr <a@x.org>\r\nBcc: c@z.org" })).toThrow(EmailPermanentError)
    expect(() => createMailer({ timeoutMs: 0 })).toThrow(EmailPermanentError)
  })
})

describe("checkSmtpUrl", () => {
  it("accepts what createMailer accepts and returns its invalid_config error otherwise, without the password", () => {
    expect(checkSmtpUrl("smtp://user:pass@mail.example:587")).toBeUndefined()
    expect(checkSmtpUrl("smtps://mail.example:465")).toBeUndefined()
    for (const url of ["http://user:hunter22@mail.example:25", "not a url", "smtp://user:hunter22@:25"]) {
      const error = checkSmtpUrl(url)
      expect(error, url).toBeInstanceOf(EmailPermanentError)
      expect(error).toMatchObject({ reason: "invalid_config" })
      expect(error!.message).not.toContain("hunter22")
    }
  })
})

describe("outbox delivery", () => {
  /** An outbox writer that keeps messages in memory, as the engine's folder writer would put them in files. */
  const memoryOutbox = () => {
    const messages: Array<string> = []
    return { messages, outbox: async (eml: Uint8Array) => `memory:${messages.push(Buffer.from(eml).toString("utf8")) - 1}` }
  }

  it("hands the writer one parseable .eml with the recipient, subject and link", async () => {
    const box = memoryOutbox()
    const mailer = track(createMailer({ outbox: box.outbox }))
    const link = "https://vcr.example/history/7f3a9c2e-5b1d-4e8a-9c6f-0a1b2c3d4e5f?from=email&tab=details"
    const email = reportReadyMessage({ to: "alice@example.org", link, reportTitle: "Clinics", expiresAt: "2025-03-01 14:00 UTC" })

    const result = await mailer.send(email)

    expect(result).toEqual({ delivery: "outbox", path: "memory:0" })
    expect(box.messages).toHaveLength(1)
    const raw = box.messages[0]!
    expect(raw).toContain("\r\n")
    const parsed = parseMessage(raw)
    expect(parsed.headers.get("to")).toBe("alice@example.org")
    expect(parsed.headers.get("from")).toBe("vcr <reports@vcr.invalid>")
    expect(parsed.headers.get("subject")).toBe("Your report is ready: Clinics")
    expect(parsed.headers.get("message-id")).toMatch(/^<.+>$/)
    expect(parsed.headers.get("date")).toBeDefined()
    expect(partOf(parsed, "text/plain")).toContain(link)
    expect(partOf(parsed, "text/html")).toContain(`href="${link.replace(/&/g, "&amp;")}"`)
  })

  it("validates the recipient in outbox mode too, writing nothing", async () => {
    const box = memoryOutbox()
    const mailer = track(createMailer({ outbox: box.outbox }))

    const error = await failureOf(mailer.send({ ...message, to: "a@x.org\nBcc: c@z.org" }))
    expect(error).toMatchObject({ _tag: "EmailPermanentError", reason: "invalid_recipient" })
    expect(box.messages).toHaveLength(0)
  })

  it("classifies a failing writer (a full disk is transient)", async () => {
    const mailer = track(createMailer({ outbox: () => Promise.reject(Object.assign(new Error("no space left on device"), { code: "ENOSPC" })) }))
    expect(await failureOf(mailer.send(message))).toBeInstanceOf(EmailTransientError)
  })

  it("refuses to be created with neither an SMTP URL nor an outbox", () => {
    expect(() => createMailer({})).toThrow(EmailPermanentError)
  })

  it("fails sends after close with a permanent error", async () => {
    const mailer = createMailer({ outbox: memoryOutbox().outbox })
    await mailer.close()

    expect(await failureOf(mailer.send(message))).toMatchObject({ _tag: "EmailPermanentError", reason: "closed" })
  })
})
