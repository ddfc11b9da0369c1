/**
 * Test support for whole-stack CLI tests: run `vcr` as a subprocess, and make a fresh PostgreSQL database
 * per run (dropped after), or say plainly why the PostgreSQL suite is skipped.
 */
import { execFile } from "node:child_process"
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import pg from "pg"

const main = join(import.meta.dirname, "../src/main.ts")
export const repoRoot = join(import.meta.dirname, "../../..")
export const acceptanceDir = join(repoRoot, "../shared/acceptance/three-clinic-transfer")

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `vcr args…` with extra environment variables. */
export const vcr = (args: ReadonlyArray<string>, env: Record<string, string> = {}, input?: string): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: { ...process.env, ...env }, cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stdout, stderr })
    )
    if (input !== undefined) child.stdin?.end(input)
    else child.stdin?.end()
  })

const adminUrl = process.env.VCR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** Whether PostgreSQL answers; under CI it must. */
export const postgresAvailable = async (): Promise<boolean> => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`PostgreSQL is required in CI but did not answer at ${adminUrl}: ${String(error)}`)
    console.warn(
      `PostgreSQL suite skipped: no server at ${adminUrl}. Start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (or set VCR_TEST_POSTGRES_URL) and run the tests again."
    )
    return false
  }
}

/** Creates a fresh database and returns its URL and a function that drops it. */
export const freshPostgres = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `vcr_test_${process.pid}_${randomBytes(4).toString("hex")}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}
