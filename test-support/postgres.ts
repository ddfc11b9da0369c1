/**
 * PostgreSQL for whole-stack tests: a fresh database per run at 127.0.0.1:5432 (or VCR_TEST_POSTGRES_URL),
 * dropped afterwards; without a server the suite is skipped with a plain message, except under CI=true.
 */
import { randomBytes } from "node:crypto"
import pg from "pg"

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

/** Creates a fresh database (on the shared server, or the one `server` names) and returns its URL and a function that drops it. */
export const freshPostgres = async (server: string = adminUrl): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `vcr_test_${process.pid}_${randomBytes(4).toString("hex")}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}
