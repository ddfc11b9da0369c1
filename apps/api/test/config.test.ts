import { execFile } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ConfigurationError, decodeConfiguration } from "../src/index.ts"

/** The built command line (what ships); `pnpm test` builds it first. */
const cliBundle = join(import.meta.dirname, "../../cli/dist/vcr.js")

const failure = (env: Record<string, string>): ConfigurationError => {
  try {
    decodeConfiguration(env)
  } catch (error) {
    if (error instanceof ConfigurationError) return error
    throw error
  }
  throw new Error("expected a ConfigurationError")
}

describe("configuration from the environment", () => {
  it("uses the documented defaults when nothing is set, and treats blank values as unset", () => {
    const config = decodeConfiguration({ VCR_SMTP_URL: "  ", VCR_FILE_STORAGE: "" })
    expect(config).toEqual({
      databaseUrl: "sqlite:vcr.db", publicUrl: undefined, port: 8080, smtpUrl: undefined, outboxDir: "vcr-outbox",
      mailFrom: "vcr <reports@vcr.invalid>", filesDir: "vcr-files", fileStorage: undefined, now: undefined, pollMs: 1000, ingestConcurrency: 2, ingestQueue: 16, quotaQueuedEmails: 10, quotaBytesPerDay: 209715200, debug: false,
      trustProxy: false, secureCookies: false, logLevel: "info", metricsToken: undefined
    })
  })

  it("decodes every variable it knows", () => {
    const config = decodeConfiguration({
      VCR_DATABASE_URL: "postgres://vcr:secret@127.0.0.1:5432/vcr", VCR_PUBLIC_URL: "https://reports.example.org//", PORT: "0",
      VCR_SMTP_URL: "smtps://u:p@mail.example.org:465", VCR_OUTBOX_DIR: "out", VCR_FILES_DIR: "files", VCR_FILE_STORAGE: "database",
      VCR_MAIL_FROM: "Metro Health reports <reports@metro.example>", VCR_NOW: "2026-03-01T09:00:00+11:00", VCR_POLL_MS: "250", VCR_DEBUG: "1",
      VCR_TRUST_PROXY: "loopback, 10.0.0.0/8", VCR_INGEST_CONCURRENCY: "4", VCR_INGEST_QUEUE: "0",
      VCR_QUOTA_QUEUED_EMAILS: "3", VCR_QUOTA_BYTES_PER_DAY: "1000000",
      VCR_LOG_LEVEL: "warn", VCR_METRICS_TOKEN: "metrics-0123456789abcdefghij"
    })
    expect(config).toEqual({
      databaseUrl: "postgres://vcr:secret@127.0.0.1:5432/vcr", publicUrl: "https://reports.example.org", port: 0,
      smtpUrl: "smtps://u:p@mail.example.org:465", outboxDir: "out", mailFrom: "Metro Health reports <reports@metro.example>",
      filesDir: "files", fileStorage: "database", now: Date.UTC(2026, 1, 28, 22), pollMs: 250, ingestConcurrency: 4, ingestQueue: 0, quotaQueuedEmails: 3, quotaBytesPerDay: 1_000_000, debug: true,
      trustProxy: ["loopback", "10.0.0.0/8"], secureCookies: true, logLevel: "warn", metricsToken: "metrics-0123456789abcdefghij"
    })
  })

  it("decodes trust proxy settings and makes cookies Secure by default only for an https public URL", () => {
    expect(decodeConfiguration({ VCR_TRUST_PROXY: "true" }).trustProxy).toBe(true)
    expect(decodeConfiguration({ VCR_TRUST_PROXY: "1" }).trustProxy).toBe(1)
    expect(decodeConfiguration({ VCR_TRUST_PROXY: "192.0.2.7" }).trustProxy).toEqual(["192.0.2.7"])
    expect(failure({ VCR_TRUST_PROXY: "the proxy" }).problems.map((p) => p.variable)).toEqual(["VCR_TRUST_PROXY"])
    expect(decodeConfiguration({ VCR_PUBLIC_URL: "http://127.0.0.1:8080" }).secureCookies).toBe(false)
    expect(decodeConfiguration({ VCR_PUBLIC_URL: "https://reports.example.org", VCR_SECURE_COOKIES: "false" }).secureCookies).toBe(false)
    expect(decodeConfiguration({ VCR_SECURE_COOKIES: "true" }).secureCookies).toBe(true)
    expect(failure({ VCR_METRICS_TOKEN: "short secret" }).problems).toEqual([{ variable: "VCR_METRICS_TOKEN", rule: "must be at least 24 characters without spaces" }])
    expect(failure({ VCR_SECURE_COOKIES: "maybe" }).problems).toEqual([{ variable: "VCR_SECURE_COOKIES", rule: 'must be true or false (got "maybe")' }])
  })

  it("reports two bad variables in one error naming each and its rule", () => {
    const error = failure({ PORT: "80a", VCR_FILE_STORAGE: "disk", VCR_FILES_DIR: "fine" })
    expect(error.problems).toEqual([
      { variable: "PORT", rule: 'must be a whole number from 0 to 65535 (got "80a")' },
      { variable: "VCR_FILE_STORAGE", rule: 'must be folder or database (got "disk")' }
    ])
    expect(error.message).toBe(
      'the environment is invalid: PORT must be a whole number from 0 to 65535 (got "80a"); VCR_FILE_STORAGE must be folder or database (got "disk")'
    )
  })

  it("keeps the message on one line whatever a value holds", () => {
    const error = failure({ VCR_MAIL_FROM: "x <a@example.org>\r\nBcc: c@example.org", VCR_FILE_STORAGE: "a\nb" })
    expect(error.message).not.toMatch(/[\r\n]/)
    expect(error.message).toContain('VCR_FILE_STORAGE must be folder or database (got "a\\nb")')
  })

  it("refuses a VCR_MAIL_FROM that is not one address", () => {
    for (const from of ["not an address", "a@example.org, b@example.org", "x <a@example.org>\r\nBcc: c@example.org"]) {
      expect(failure({ VCR_MAIL_FROM: from }).problems.map((p) => p.variable)).toEqual(["VCR_MAIL_FROM"])
    }
  })

  it("names a bad database, SMTP or public URL without echoing it (it may hold a password)", () => {
    const error = failure({ VCR_DATABASE_URL: "mysql://root:hunter2@db/vcr", VCR_SMTP_URL: "http://u:hunter2@mail", VCR_PUBLIC_URL: "reports.example.org", VCR_NOW: "yesterday" })
    expect(error.problems.map((p) => p.variable)).toEqual(["VCR_DATABASE_URL", "VCR_PUBLIC_URL", "VCR_SMTP_URL", "VCR_NOW"])
    expect(error.message).not.toContain("hunter2")
    expect(error.message).toContain("VCR_SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465")
  })

  it("stops `vcr serve` with exit code 2 and that one line, before opening the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vcr-config-"))
    const env = { ...process.env, VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}`, PORT: "http", VCR_POLL_MS: "never" }
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [cliBundle, "serve", "--files", join(dir, "files")], { env }, (_e, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }))
    })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe(
      'vcr: the environment is invalid: PORT must be a whole number from 0 to 65535 (got "http"); ' +
        'VCR_POLL_MS must be a whole number of milliseconds from 1 to 3600000 (got "never")\n'
    )
    expect(existsSync(join(dir, "vcr.db"))).toBe(false)
  })

  it("documents every variable the API and the CLI read in the README's configuration table", () => {
    const root = join(import.meta.dirname, "../../..")
    const sources = [join(root, "apps/api/src/config.ts"), ...readdirSync(join(root, "apps/cli/src")).filter((f) => f.endsWith(".ts")).map((f) => join(root, "apps/cli/src", f))]
    const read = new Set(sources.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\b(VCR_[A-Z_]*[A-Z]|PORT)\b(?!__)/g)].map((m) => m[1]!)))
    const readme = readFileSync(join(root, "README.md"), "utf8")
    expect([...read].filter((name) => !readme.includes(`| \`${name}\` |`)).sort()).toEqual([])
    expect(read.size).toBeGreaterThan(15)
  })
})
