/**
 * The store contract on PostgreSQL at 127.0.0.1:5432 (or VCR_TEST_POSTGRES_URL): one fresh database per run,
 * created with an ICU en-US default collation so that the store's own code-point order is what is tested, and
 * dropped at the end. Each case starts from an empty public schema. Without a server the suite is skipped with
 * a message, except under CI=true, where it fails.
 */
import { randomBytes } from "node:crypto"
import pg from "pg"
import { afterAll, beforeAll, describe, it } from "vitest"
import { contract } from "./store.contract.ts"

const adminUrl = process.env.VCR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

const reachable = async (): Promise<unknown> => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query("select 1")
    return undefined
  } catch (error) {
    return error
  } finally {
    await client.end().catch(() => {})
  }
}

const admin = async <A>(url: string, run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const unreachable = await reachable()

if (unreachable !== undefined && process.env.CI !== "true") {
  console.warn(
    `PostgreSQL store suite skipped: no server answered at ${adminUrl} (${String(unreachable)}). ` +
      "Start PostgreSQL (`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set " +
      "VCR_TEST_POSTGRES_URL, then run `pnpm exec vitest run packages/store` again."
  )
  describe.skipIf(true)("store contract on postgres (no server)", () => {
    it("needs PostgreSQL", () => {})
  })
} else if (unreachable !== undefined) {
  describe("store contract on postgres", () => {
    it("needs PostgreSQL under CI", () => {
      throw new Error(`PostgreSQL is required when CI=true but did not answer at ${adminUrl}: ${String(unreachable)}`)
    })
  })
} else {
  const name = `vcr_test_${process.pid}_${randomBytes(4).toString("hex")}`
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const testUrl = url.toString()

  beforeAll(async () => {
    await admin(adminUrl, async (client) => {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`)
      } catch {
        await client.query(`CREATE DATABASE "${name}"`)
      }
    })
  })
  afterAll(async () => {
    await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
  })

  contract("postgres", async () => {
    await admin(testUrl, (client) => client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return testUrl
  })
}
