/**
 * Per-user quotas through the API (VCR_QUOTA_QUEUED_EMAILS, VCR_QUOTA_BYTES_PER_DAY): over quota an email or a
 * download answers 429 `quota_exceeded` with a message saying what frees it, and nothing is queued or written.
 */
import { afterEach, describe, expect, it } from "vitest"
import { decodeConfiguration } from "../src/index.ts"
import { day, start, type Running } from "./support.ts"

let app: Running | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const post = (running: Running, kind: "emails" | "downloads") =>
  running.as("u-oadmin", `/api/v1/organisations/org-1/reports/clinics/${kind}`, { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })

describe("quotas over HTTP", () => {
  it("answers 429 quota_exceeded for an email beyond the queued-email quota, queueing nothing", async () => {
    app = await start({ app: { quotas: { queuedEmails: 2 } } })
    expect((await post(app, "emails")).status).toBe(202)
    expect((await post(app, "emails")).status).toBe(202)
    const refused = await post(app, "emails")
    expect(refused.status).toBe(429)
    const body = (await refused.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe("quota_exceeded")
    expect(body.error.message).toMatch(/2 emailed reports waiting \(at most 2 at a time\)/)
    expect(await app.store.access.historyOf("u-oadmin", 0)).toHaveLength(2)
  })

  it("answers 429 quota_exceeded for a download once the day's bytes are used, writing no file", async () => {
    app = await start({ app: { quotas: { bytesPerDay: 10 } } })
    expect((await post(app, "downloads")).status).toBe(200)
    const files = app.files()
    const refused = await post(app, "downloads")
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded")
    expect(app.files()).toEqual(files)
  })

  it("reads the quotas from the environment, with defaults of 10 emails and 200 MiB", () => {
    expect(decodeConfiguration({})).toMatchObject({ quotaQueuedEmails: 10, quotaBytesPerDay: 200 * 1024 * 1024 })
    expect(decodeConfiguration({ VCR_QUOTA_QUEUED_EMAILS: "3", VCR_QUOTA_BYTES_PER_DAY: "1000" })).toMatchObject({ quotaQueuedEmails: 3, quotaBytesPerDay: 1000 })
    expect(() => decodeConfiguration({ VCR_QUOTA_QUEUED_EMAILS: "0" })).toThrow(/VCR_QUOTA_QUEUED_EMAILS must be a whole number from 1 to 10000/)
  })
})
