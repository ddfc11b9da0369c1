/**
 * The configuration of the API, `vcr serve` and its in-process worker: the only reader of the environment in
 * apps/api. Every variable is decoded once at start-up; wrong values stop start-up with ONE ConfigurationError
 * naming each bad variable and its rule (exit code 2 in the CLI). Blank values count as unset. Whether a
 * database or SMTP URL is usable is decided by the store and the email package, not here.
 */
import { Instant } from "@vcr/core"
import { checkFrom, checkSmtpUrl, DEFAULT_FROM } from "@vcr/email"
import { parseDatabaseUrl } from "@vcr/store"
import { Schema } from "effect"
import { isIP } from "node:net"
import { logLevels, type LogLevel } from "./logging.ts"

/** The decoded environment. */
export interface Configuration {
  /** VCR_DATABASE_URL: the store (`--db` wins over it). */
  readonly databaseUrl: string
  /** VCR_PUBLIC_URL without trailing slashes: the page's base URL in emailed and sign-in links; else the local address. */
  readonly publicUrl: string | undefined
  /** PORT: where `vcr serve` listens (`--port` wins over it). */
  readonly port: number
  /** VCR_SMTP_URL: send emails over SMTP; unset writes them to the outbox folder. */
  readonly smtpUrl: string | undefined
  /** VCR_OUTBOX_DIR: the folder of `.eml` files when there is no SMTP URL. */
  readonly outboxDir: string
  /** VCR_MAIL_FROM: the From header of every email (one address, with or without a display name). */
  readonly mailFrom: string
  /** VCR_FILES_DIR: the folder of generated report files (`--files` wins over it). */
  readonly filesDir: string
  /** VCR_FILE_STORAGE: keep files in the folder or in the database; unset picks by database. */
  readonly fileStorage: "folder" | "database" | undefined
  /** VCR_NOW: a fixed "now" (epoch ms) for reproducible runs and tests. */
  readonly now: number | undefined
  /** VCR_POLL_MS: how long an idle worker waits before looking for work again. */
  readonly pollMs: number
  /** VCR_INGEST_CONCURRENCY: event pushes (`POST /api/v1/events`) imported at once. */
  readonly ingestConcurrency: number
  /** VCR_INGEST_QUEUE: further pushes that wait for a slot before the answer is 429. */
  readonly ingestQueue: number
  /** VCR_QUOTA_QUEUED_EMAILS: emailed reports one user may have waiting at once. */
  readonly quotaQueuedEmails: number
  /** VCR_QUOTA_BYTES_PER_DAY: bytes of report files one user may store in 24 hours. */
  readonly quotaBytesPerDay: number
  /** VCR_TOKEN: the service token `vcr push` sends when `--token` is not given. */
  readonly pushToken: string | undefined
  /** VCR_DEBUG: any value prints the cause of a 500 on stderr. */
  readonly debug: boolean
  /**
   * VCR_TRUST_PROXY: which proxies' X-Forwarded-For/-Proto to believe (express's `trust proxy`): `false` (the
   * default), `true`, a number of hops, or addresses, subnets and the names loopback, linklocal, uniquelocal.
   */
  readonly trustProxy: TrustProxy
  /** VCR_SECURE_COOKIES: mark the session cookies `Secure`; defaults to true when VCR_PUBLIC_URL is https. */
  readonly secureCookies: boolean
  /** VCR_LOG_LEVEL: the least severe log level written (pino's levels; default info). */
  readonly logLevel: LogLevel
  /** VCR_METRICS_TOKEN: the bearer token `GET /metrics` requires; unset turns the route off (404). */
  readonly metricsToken: string | undefined
}

/** Express's `trust proxy` setting: off, on, a hop count, or a list of addresses, subnets and names. */
export type TrustProxy = boolean | number | ReadonlyArray<string>

/** One bad variable and the rule it breaks. */
export interface ConfigurationProblem {
  readonly variable: string
  readonly rule: string
}

/** The environment broke rules; `message` names every bad variable and its rule on one line. */
export class ConfigurationError extends Schema.TaggedError<ConfigurationError>()("ConfigurationError", {
  problems: Schema.Array(Schema.Struct({ variable: Schema.String, rule: Schema.String })),
  message: Schema.String
}) {}

const fileStorages = ["folder", "database"] as const

/** The environment as the process sees it. */
export type Environment = Readonly<Record<string, string | undefined>>

/** Decodes the environment, or throws one ConfigurationError listing every bad variable. */
export const decodeConfiguration = (env: Environment): Configuration => {
  const problems: Array<ConfigurationProblem> = []
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === undefined || value === "" ? undefined : value
  }
  /** The decoded value, or the fallback after recording the rule broken (value shown only when `shown`). */
  const check = <A>(name: string, fallback: A, decode: (value: string) => A | undefined, rule: string, shown = true): A => {
    const value = text(name)
    if (value === undefined) return fallback
    const decoded = decode(value)
    // JSON quoting keeps the message on one line whatever the value holds (a CR/LF, a quote).
    if (decoded === undefined) problems.push({ variable: name, rule: shown ? `${rule} (got ${JSON.stringify(value)})` : rule })
    return decoded ?? fallback
  }
  const oneOf = <const T extends string>(values: ReadonlyArray<T>) => (v: string): T | undefined => values.find((x) => x === v)
  const wholeNumber = (min: number, max: number) => (v: string): number | undefined =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined
  const usable = (valid: (v: string) => boolean) => (v: string): string | undefined => (valid(v) ? v : undefined)

  // URLs may carry passwords: their values are never echoed. Checked in this order, so problems list in it.
  const databaseUrl = check("VCR_DATABASE_URL", "sqlite:vcr.db", usable((v) => canParse(() => parseDatabaseUrl(v))),
    "must be sqlite:<path>, sqlite::memory: or postgres://user:password@host:5432/database", false)
  const publicUrl = check("VCR_PUBLIC_URL", undefined, (v) => (/^https?:\/\/[^/\s]+/i.test(v) && canParse(() => new URL(v)) ? v.replace(/\/+$/, "") : undefined),
    "must be an absolute http:// or https:// URL such as https://reports.example.org", false)
  const configuration: Configuration = {
    databaseUrl,
    publicUrl,
    port: check("PORT", 8080, wholeNumber(0, 65535), "must be a whole number from 0 to 65535"),
    smtpUrl: check("VCR_SMTP_URL", undefined, usable((v) => checkSmtpUrl(v) === undefined),
      "must be smtp://user:password@host:587 or smtps://user:password@host:465", false),
    outboxDir: text("VCR_OUTBOX_DIR") ?? "vcr-outbox",
    mailFrom: check("VCR_MAIL_FROM", DEFAULT_FROM, usable((v) => checkFrom(v) === undefined),
      'must be one address such as "Reports <reports@example.org>"'),
    filesDir: text("VCR_FILES_DIR") ?? "vcr-files",
    fileStorage: check("VCR_FILE_STORAGE", undefined, oneOf(fileStorages), `must be ${fileStorages.join(" or ")}`),
    now: check("VCR_NOW", undefined, Instant.parse, "must be an ISO 8601 instant with an offset, such as 2026-03-01T09:00:00+11:00"),
    pollMs: check("VCR_POLL_MS", 1000, wholeNumber(1, 3_600_000), "must be a whole number of milliseconds from 1 to 3600000"),
    ingestConcurrency: check("VCR_INGEST_CONCURRENCY", 2, wholeNumber(1, 64), "must be a whole number from 1 to 64"),
    ingestQueue: check("VCR_INGEST_QUEUE", 16, wholeNumber(0, 1000), "must be a whole number from 0 to 1000"),
    quotaQueuedEmails: check("VCR_QUOTA_QUEUED_EMAILS", 10, wholeNumber(1, 10_000), "must be a whole number from 1 to 10000"),
    quotaBytesPerDay: check("VCR_QUOTA_BYTES_PER_DAY", 200 * 1024 * 1024, wholeNumber(1, Number.MAX_SAFE_INTEGER), "must be a whole number of bytes of at least 1"),
    pushToken: text("VCR_TOKEN"),
    debug: text("VCR_DEBUG") !== undefined,
    trustProxy: check("VCR_TRUST_PROXY", false as TrustProxy, trustProxyOf,
      "must be true, false, a number of proxies from 0 to 32, or addresses and subnets separated by commas (loopback, linklocal, uniquelocal allowed)"),
    logLevel: check("VCR_LOG_LEVEL", "info" as LogLevel, oneOf(logLevels), `must be ${logLevels.join(", ")}`),
    // A secret: never echoed.
    metricsToken: check("VCR_METRICS_TOKEN", undefined, (v) => (/^\S{24,}$/.test(v) ? v : undefined), "must be at least 24 characters without spaces", false),
    secureCookies: check("VCR_SECURE_COOKIES", publicUrl?.toLowerCase().startsWith("https://") === true, (v) => booleans[v.toLowerCase()], "must be true or false")
  }
  if (problems.length > 0) {
    throw new ConfigurationError({
      problems,
      message: `the environment is invalid: ${problems.map((p) => `${p.variable} ${p.rule}`).join("; ")}`
    })
  }
  return configuration
}

const booleans: Record<string, boolean | undefined> = { true: true, false: false, "1": true, "0": false, yes: true, no: false }

const proxyNames = ["loopback", "linklocal", "uniquelocal"]

/** VCR_TRUST_PROXY's value, or undefined when it is none of the accepted forms. */
const trustProxyOf = (v: string): TrustProxy | undefined => {
  const flag = booleans[v.toLowerCase()]
  if (flag !== undefined && !/^[01]$/.test(v)) return flag
  if (/^\d+$/.test(v)) return Number(v) <= 32 ? Number(v) : undefined
  const entries = v.split(",").map((x) => x.trim()).filter((x) => x !== "")
  const valid = (x: string) => proxyNames.includes(x) || isIP(x.split("/")[0]!) !== 0 && (!x.includes("/") || /^\d{1,3}$/.test(x.split("/")[1]!))
  return entries.length > 0 && entries.every(valid) ? entries : undefined
}

const canParse = (parse: () => unknown): boolean => {
  try {
    parse()
    return true
  } catch {
    return false
  }
}

/** Decodes this process's environment (the one read of `process.env` in apps/api). */
export const readConfiguration = (): Configuration => decodeConfiguration(process.env)

/** The clock of a configuration: VCR_NOW when set, else the system clock. */
export const clockOf = (configuration: Configuration): (() => number) =>
  configuration.now === undefined ? () => Date.now() : () => configuration.now!
