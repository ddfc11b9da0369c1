/**
 * A private PostgreSQL cluster for tests that restart the server: initdb into a temporary folder and start it on a
 * free port, so a restart cuts only this test's connections and never those of other test files or of other test
 * runs sharing the machine's server (whose PostgreSQL tests would otherwise fail at random). Undefined where the
 * PostgreSQL binaries are missing; as root the cluster runs as the `postgres` user.
 */
import { execFile } from "node:child_process"
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { createServer, type AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

export interface PrivateCluster {
  /** A URL of the cluster's `postgres` database as superuser (freshPostgres's admin URL). */
  readonly adminUrl: string
  /** Restarts the server (fast shutdown, then start); resolves once it accepts connections again. */
  readonly restart: () => Promise<void>
  /** Stops the server and removes its folder. */
  readonly destroy: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

const binaries = (): string | undefined => {
  try {
    const versions = readdirSync("/usr/lib/postgresql").sort()
    const bin = join("/usr/lib/postgresql", versions.at(-1)!, "bin")
    return existsSync(join(bin, "initdb")) ? bin : undefined
  } catch {
    return undefined
  }
}

/** Starts a private cluster, or undefined where that is not possible here. */
export const privateCluster = async (): Promise<PrivateCluster | undefined> => {
  const bin = binaries()
  if (bin === undefined) return undefined
  const dir = mkdtempSync(join(tmpdir(), "vcr-pg-"))
  const root = process.getuid?.() === 0
  if (root) chownSync(dir, Number((await run("id", ["-u", "postgres"])).stdout.trim()), Number((await run("id", ["-g", "postgres"])).stdout.trim()))
  const as = (command: string, args: Array<string>) => (root ? run("runuser", ["-u", "postgres", "--", join(bin, command), ...args]) : run(join(bin, command), args))
  const port = await freePort()
  const options = ["-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", join(dir, "log")]
  try {
    await as("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres"])
    await as("pg_ctl", ["-D", join(dir, "data"), ...options, "-w", "start"])
  } catch {
    rmSync(dir, { recursive: true, force: true })
    return undefined
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => void (await as("pg_ctl", ["-D", join(dir, "data"), ...options, "-m", "fast", "-w", "restart"])),
    destroy: async () => {
      await as("pg_ctl", ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
