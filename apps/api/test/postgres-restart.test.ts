/**
 * A real PostgreSQL restart while the API is under load (issue 12): the process stays up, every answer during
 * the restart is 200 or 503 with Retry-After, and tiles answer 200 again afterwards. It restarts a private cluster
 * of its own (test-support/private-postgres.ts), so other test files and other runs on the machine's server are
 * not cut; only where none can be started does it restart the shared server (hence its own file, run alone).
 * The load is bounded in time and count.
 */
import { execFile } from "node:child_process"
import { readdirSync } from "node:fs"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { privateCluster, type PrivateCluster } from "../../../test-support/private-postgres.ts"
import { day, start, type Running } from "./support.ts"

const run = promisify(execFile)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The local cluster's restart command, when this machine runs PostgreSQL through Debian's pg_ctlcluster as root. */
const restartCommand = (): [string, Array<string>] | undefined => {
  try {
    const versions = readdirSync("/etc/postgresql")
    if (versions.length !== 1 || process.getuid?.() !== 0) return undefined
    return ["pg_ctlcluster", ["--skip-systemctl-redirect", versions[0]!, "main", "restart", "-m", "fast"]]
  } catch {
    return undefined
  }
}

const tiles = `/api/v1/organisations/org-1/tiles?from=${day.from}&to=${day.to}&timezone=${encodeURIComponent(day.timezone)}`

describe("a PostgreSQL restart under load", () => {
  let app: Running | undefined
  let db: { url: string; drop: () => Promise<void> } | undefined
  let cluster: PrivateCluster | undefined
  let restart: (() => Promise<unknown>) | undefined
  beforeAll(async () => {
    cluster = await privateCluster()
    if (cluster !== undefined) {
      db = await freshPostgres(cluster.adminUrl)
      restart = cluster.restart
    } else {
      const command = restartCommand()
      if (command === undefined || !(await postgresAvailable())) return
      db = await freshPostgres()
      restart = () => run(command[0], command[1], { timeout: 60_000 })
    }
    app = await start({ databaseUrl: db.url })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    if (cluster !== undefined) return cluster.destroy()
    // The cluster may still be starting when the last test ends: a few tries.
    for (let i = 0; i < 20 && db !== undefined; i++) {
      try {
        await db.drop()
        break
      } catch {
        await sleep(500)
      }
    }
  }, 30_000)

  it("keeps the server up, answers 503 with Retry-After while the database is down and 200 after", { timeout: 90_000, retry: 1 }, async ({ skip }) => {
    if (app === undefined || restart === undefined) return skip()
    const a = app
    expect((await a.as("u-oadmin", tiles)).status).toBe(200)
    const answers: Array<{ status: number; retryAfter: string | null }> = []
    const failures: Array<string> = []
    let loading = true
    // Four clients asking for tiles in a loop, at most 400 requests each.
    const client = async () => {
      for (let i = 0; loading && i < 400; i++) {
        try {
          const r = await a.as("u-oadmin", tiles)
          await r.arrayBuffer()
          answers.push({ status: r.status, retryAfter: r.headers.get("retry-after") })
        } catch (error) {
          failures.push(String(error))
        }
        await sleep(5)
      }
    }
    const clients = [client(), client(), client(), client()]
    await sleep(300)
    await restart()
    await sleep(500)
    loading = false
    await Promise.all(clients)

    // The server answered every request (it did not exit or drop connections) with 200 or 503 + Retry-After.
    expect(failures).toEqual([])
    expect(answers.length).toBeGreaterThan(0)
    expect(answers.filter((x) => x.status !== 200 && x.status !== 503)).toEqual([])
    expect(answers.filter((x) => x.status === 503 && x.retryAfter === null)).toEqual([])

    // And it recovers: tiles answer 200 once PostgreSQL accepts connections again.
    let status = 0
    for (let i = 0; i < 60 && status !== 200; i++) {
      const r = await a.as("u-oadmin", tiles)
      await r.arrayBuffer()
      status = r.status
      if (status !== 200) await sleep(500)
    }
    expect(status).toBe(200)
  })
})
