import { describe, expect, it } from "vitest"
import { classify, EmailPermanentError, EmailTransientError } from "../src/index.ts"

const smtpError = (code: string, response?: string) =>
  Object.assign(new Error(response ? `failed: ${response}` : "failed"), {
    code,
    ...(response ? { response, responseCode: Number(response.slice(0, 3)) } : {})
  })

describe("classify", () => {
  it.each([
    ["a 421 reply", smtpError("ECONNECTION", "421 Service not available"), 421, "server_deferred"],
    ["a 451 reply to RCPT", smtpError("EENVELOPE", "451 4.7.1 Greylisted"), 451, "server_deferred"],
    ["a 452 reply to DATA", smtpError("EMESSAGE", "452 Insufficient storage"), 452, "server_deferred"],
    ["a 454 reply to AUTH", smtpError("EAUTH", "454 Temporary authentication failure"), 454, "server_deferred"],
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET", originalCode: "ECONNREFUSED" }), undefined, "connection_refused"],
    ["a raw ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), undefined, "connection_refused"],
    ["connection reset", Object.assign(new Error("read ECONNRESET"), { code: "ESOCKET", originalCode: "ECONNRESET" }), undefined, "connection_reset"],
    ["a greeting timeout", Object.assign(new Error("Greeting never received"), { code: "ETIMEDOUT" }), undefined, "greeting_timeout"],
    ["a socket timeout", Object.assign(new Error("Timeout"), { code: "ETIMEDOUT" }), undefined, "timeout"],
    ["a socket error", Object.assign(new Error("socket hang up"), { code: "ESOCKET" }), undefined, "network"],
    ["an unexpected close", smtpError("ECONNECTION"), undefined, "connection_closed"],
    ["a DNS failure", Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EDNS", originalCode: "EAI_AGAIN" }), undefined, "dns"],
    ["a full disk", Object.assign(new Error("no space"), { code: "ENOSPC" }), undefined, "outbox_unavailable"],
    ["something unknown", new Error("boom"), undefined, "unknown"]
  ])("treats %s as transient", (_, error, code, reason) => {
    const classified = classify(error)
    expect(classified).toBeInstanceOf(EmailTransientError)
    expect(classified.code).toBe(code)
    expect(classified.reason).toBe(reason)
  })

  it.each([
    ["a 550 reply", smtpError("EENVELOPE", "550 5.1.1 No such user"), 550, "server_rejected"],
    ["a 554 reply to DATA", smtpError("EMESSAGE", "554 Transaction failed"), 554, "server_rejected"],
    ["a 503 reply", smtpError("EPROTOCOL", "503 Bad sequence of commands"), 503, "server_rejected"],
    ["a 535 reply to AUTH", smtpError("EAUTH", "535 Authentication credentials invalid"), 535, "server_rejected"],
    ["an envelope error without a reply", smtpError("EENVELOPE"), undefined, "invalid_recipient"],
    ["a message error without a reply", smtpError("EMESSAGE"), undefined, "invalid_message"],
    ["missing credentials", smtpError("EAUTH"), undefined, "authentication"],
    ["a TLS failure", smtpError("ETLS"), undefined, "tls"],
    ["invalid configuration", smtpError("ECONFIG"), undefined, "invalid_config"],
    ["an unwritable outbox", Object.assign(new Error("permission denied"), { code: "EACCES" }), undefined, "outbox_unwritable"]
  ])("treats %s as permanent", (_, error, code, reason) => {
    const classified = classify(error)
    expect(classified).toBeInstanceOf(EmailPermanentError)
    expect(classified.code).toBe(code)
    expect(classified.reason).toBe(reason)
  })

  it("returns this package's errors unchanged", () => {
    const error = new EmailPermanentError({ message: "no", reason: "invalid_recipient" })
    expect(classify(error)).toBe(error)
  })

  it("keeps messages to one line, without URL credentials", () => {
    const error = Object.assign(new Error("cannot reach smtp://user:hunter22@mail.example:587\r\nBcc: x"), { code: "ESOCKET" })
    const classified = classify(Object.assign(new Error("odd"), { code: "EPROTOCOL", response: "500-x\r\n see smtps://u:hunter22@h/" }))
    expect(classify(error).message).not.toMatch(/hunter22|[\r\n]/)
    expect(classified.message).not.toMatch(/hunter22|[\r\n]/)
  })
})
