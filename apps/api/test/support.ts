/**
 * A running app over a fresh SQLite store holding the acceptance scenario, a second organisation and one
 * account per role, with a clock the tests move. Each test file gets its own store and port.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openStore, type Store } from "@vcr/store"
import { afterAll, beforeAll } from "vitest"
import { startSmtpServer, type TestSmtpServer } from "../../../packages/email/test/smtp-fixture.ts"
import { acceptanceDir } from "../../../test-support/fixtures.ts"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { createToken, serve, type AppOptions } from "../src/index.ts"

export { acceptanceDir }

/** The built command line (what ships), for tests that compare the API with `vcr`; `pnpm test` builds it first. */
export const cliBundle = join(import.meta.dirname, "../../cli/dist/vcr.js")
export const day = { from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney" }

const extra = `
{"type":"organisation","id":"org-2","name":"Coastal Care","created_at":"2024-01-10T00:00:00Z"}
{"type":"clinic","id":"cl-x","organisation_id":"org-2","name":"Secret Clinic","status":"open","created_at":"2024-01-11T00:00:00Z"}
{"type":"user","id":"u-oadmin","name":"Oscar OrgAdmin","email":"oscar@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-ocoord","name":"Cora Coordinator","email":"cora@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-orep","name":"Rita Reporter","email":"rita@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-cadmin","name":"Carl ClinicAdmin","email":"carl@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-clerk","name":"Cleo Clerk","email":"cleo@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-team","name":"Tom Team","email":"tom@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-ref","name":"Rob Referrer","email":"rob@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"user","id":"u-other","name":"Xena Other","email":"xena@example.org","created_at":"2024-01-01T00:00:00Z"}
{"type":"organisation_role","user_id":"u-oadmin","organisation_id":"org-1","role":"organisation_admin","granted_at":"2024-01-02T00:00:00Z"}
{"type":"organisation_role","user_id":"u-ocoord","organisation_id":"org-1","role":"organisation_coordinator","granted_at":"2024-01-02T00:00:00Z"}
{"type":"organisation_role","user_id":"u-orep","organisation_id":"org-1","role":"organisation_reporter","granted_at":"2024-01-02T00:00:00Z"}
{"type":"clinic_role","user_id":"u-cadmin","clinic_id":"cl-a","role":"clinic_admin","granted_at":"2024-01-02T00:00:00Z"}
{"type":"clinic_role","user_id":"u-clerk","clinic_id":"cl-a","role":"clinic_clerk","granted_at":"2024-01-02T00:00:00Z"}
{"type":"clinic_role","user_id":"u-team","clinic_id":"cl-a","role":"team_member","granted_at":"2024-01-02T00:00:00Z"}
{"type":"clinic_role","user_id":"u-ref","clinic_id":"cl-a","role":"service_referrer","granted_at":"2024-01-02T00:00:00Z"}
{"type":"organisation_role","user_id":"u-other","organisation_id":"org-2","role":"organisation_admin","granted_at":"2024-01-02T00:00:00Z"}
`

/** The second organisation and one account per role, as import lines. */
export const extraLines = extra.split("\n")

export const roleUsers = ["u-oadmin", "u-ocoord", "u-orep", "u-cadmin", "u-clerk", "u-team", "u-ref", "u-other"] as const
export type RoleUser = (typeof roleUsers)[number]

export interface Running {
  readonly url: string
  readonly store: Store
  readonly dir: string
  readonly filesDir: string
  readonly tokens: Record<RoleUser, string>
  readonly clock: { now: number }
  readonly logs: Array<Record<string, unknown>>
  readonly close: () => Promise<void>
  /** fetch with a bearer token. */
  readonly as: (user: RoleUser, path: string, init?: RequestInit) => Promise<Response>
  readonly files: () => Array<string>
}

/** Starts a fresh app. */
export const start = async (options: {
  limits?: { signIn?: number; downloads?: number }
  /** A database URL to use instead of a fresh SQLite file (the caller owns the database). */
  databaseUrl?: string
  /** More app options (trust proxy, cookies, metrics). */
  app?: Partial<AppOptions>
} = {}): Promise<Running> => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-api-"))
  const filesDir = join(dir, "files")
  const store = await openStore(options.databaseUrl ?? `sqlite:${join(dir, "vcr.db")}`)
  await store.migrate()
  await store.importLines(readFileSync(join(acceptanceDir, "input.ndjson"), "utf8").split("\n"))
  await store.importLines(extra.split("\n"))
  const clock = { now: Date.parse("2026-11-26T00:00:00Z") }
  const tokens = {} as Record<RoleUser, string>
  for (const u of roleUsers) tokens[u] = await createToken(store, u, clock.now)
  const logs: Array<Record<string, unknown>> = []
  const server = await serve({
    store, filesDir, port: 0, now: () => clock.now, log: (r) => logs.push(r), mail: { outboxDir: join(dir, "outbox") },
    ...(options.limits === undefined ? {} : { limits: options.limits }), ...options.app
  })
  const url = `http://127.0.0.1:${server.port}`
  return {
    url, store, dir, filesDir, tokens, clock, logs,
    as: (user, path, init = {}) =>
      fetch(url + path, { ...init, headers: { Authorization: `Bearer ${tokens[user]}`, ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.headers ?? {}) } }),
    files: () => {
      try {
        return readdirSync(filesDir)
      } catch {
        return []
      }
    },
    close: async () => {
      await server.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The databases of the tests that run the whole app on both. */
export const bothDatabases = ["SQLite", "PostgreSQL"] as const

/**
 * For the calling `describe`: before its tests, the app on `database` (a fresh file, or a fresh PostgreSQL database;
 * `ready` stays false when no server answers, outside CI, and the tests skip), `prepared`, and a test SMTP server;
 * after them, both closed and the database dropped.
 */
export const appWithMail = (database: (typeof bothDatabases)[number], prepared: (app: Running) => void = () => undefined) => {
  const running = { ready: false } as { ready: boolean; app: Running; smtp: TestSmtpServer }
  let drop = async (): Promise<void> => undefined
  beforeAll(async () => {
    let databaseUrl: string | undefined
    if (database === "PostgreSQL") {
      if (!(await postgresAvailable())) return
      const db = await freshPostgres()
      drop = db.drop
      databaseUrl = db.url
    }
    running.app = await start(databaseUrl === undefined ? {} : { databaseUrl })
    prepared(running.app)
    running.smtp = await startSmtpServer()
    running.ready = true
  }, 120_000)
  afterAll(async () => {
    await running.smtp?.close()
    await running.app?.close()
    await drop()
  })
  return running
}
