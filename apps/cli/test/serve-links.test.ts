/**
 * `vcr serve` and `vcr login-link` agree on the page's URL: VCR_PUBLIC_URL when set, else the local address on the
 * port actually served. Through the built CLI: serve on a free port prints where it listens on stderr, the link
 * login-link prints for that port signs in on that server, and the link a sign-in email carries (outbox) does too.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot, vcr, vcrBundle } from "./support.ts"

const dir = mkdtempSync(join(tmpdir(), "vcr-serve-links-"))
const outbox = join(dir, "outbox")
const env = { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}`, VCR_OUTBOX_DIR: outbox, PORT: "", VCR_PUBLIC_URL: "", VCR_NOW: "" }
const servers: Array<ChildProcess> = []

/** Starts `vcr serve --port 0`; resolves with its stderr lines once it says where it listens. */
const startServe = (extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [vcrBundle, "serve", "--port", "0", "--no-worker", "--files", join(dir, "files")], {
    cwd: repoRoot, env: { ...process.env, ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"]
  })
  servers.push(child)
  return new Promise<{ url: string; stderr: () => string }>((resolve, reject) => {
    let err = ""
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString()
      const m = /^vcr serve: listening on (http:\/\/127\.0\.0\.1:\d+); links point to \S+\n/m.exec(err)
      if (m !== null) setTimeout(() => resolve({ url: m[1]!, stderr: () => err }), 100)
    })
    child.once("exit", (code) => reject(new Error(`vcr serve exited with ${code}: ${err}`)))
  })
}

const redeem = (url: string, link: string) =>
  fetch(`${url}/auth/link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: new URLSearchParams(new URL(link).hash.slice(1)).get("token") }) })

beforeAll(async () => {
  const input = join(dir, "users.ndjson")
  writeFileSync(input, [
    { type: "organisation", id: "org-1", name: "Metro", created_at: "2024-01-01T00:00:00Z" },
    { type: "user", id: "u-a", name: "Ann Admin", email: "ann@example.org", created_at: "2024-01-01T00:00:00Z" },
    { type: "organisation_role", user_id: "u-a", organisation_id: "org-1", role: "organisation_admin", granted_at: "2024-01-02T00:00:00Z" }
  ].map((l) => JSON.stringify(l)).join("\n") + "\n")
  expect((await vcr(["import", input], env)).code).toBe(0)
})
afterAll(async () => {
  for (const child of servers) {
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.kill("SIGTERM")
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
})

describe("vcr serve and vcr login-link agree on the URL", () => {
  it("without VCR_PUBLIC_URL: serve names the port it listens on, and login-link --port gives a link that signs in there", async () => {
    const served = await startServe()
    const port = new URL(served.url).port
    expect(port).not.toBe("0")
    expect(served.stderr()).toContain(`vcr serve: listening on ${served.url}; links point to ${served.url}\n`)
    expect(served.stderr()).toContain(`vcr login-link --user <id> --port ${port}`)
    const printed = await vcr(["login-link", "--user", "u-a", "--port", port], env)
    expect(printed.code).toBe(0)
    const link = printed.stdout.trim()
    expect(link.startsWith(`${served.url}/signin#token=vcr_link_`)).toBe(true)
    expect((await redeem(served.url, link)).status).toBe(200)
    // Without --port, login-link uses PORT, as serve does without --port.
    expect((await vcr(["login-link", "--user", "u-a"], env)).stdout).toMatch(/^http:\/\/127\.0\.0\.1:8080\/signin#token=/)
    expect((await vcr(["login-link", "--user", "u-a"], { ...env, PORT: port })).stdout.startsWith(`${served.url}/signin#token=`)).toBe(true)
    expect(await vcr(["login-link", "--user", "u-a", "--port", "http"], env)).toMatchObject({ code: 2, stdout: "" })
  })

  it("without VCR_PUBLIC_URL: an emailed sign-in link names the port actually served and signs in there", async () => {
    const served = await startServe()
    const res = await fetch(`${served.url}/api/v1/sign-in-links`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "ann@example.org", next: "/history/h-1" }) })
    expect(res.status).toBe(202)
    let files: Array<string> = []
    for (let i = 0; i < 100 && files.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      try {
        files = readdirSync(outbox).filter((f) => f.endsWith(".eml"))
      } catch {
        files = []
      }
    }
    expect(files).toHaveLength(1)
    const eml = readFileSync(join(outbox, files[0]!), "utf8")
    expect(eml).toMatch(/^To: ann@example\.org\r?$/m)
    const link = eml.replace(/=\r?\n/g, "").replace(/=3D/g, "=").match(/http:\/\/127\.0\.0\.1:\d+\/signin\?next=%2Fhistory%2Fh-1#token=[A-Za-z0-9_-]+/)![0]
    expect(link.startsWith(`${served.url}/signin?next=`)).toBe(true)
    expect((await redeem(served.url, link)).status).toBe(200)
  })

  it("with VCR_PUBLIC_URL: both use it", async () => {
    const publicUrl = "https://reports.example.org"
    const served = await startServe({ VCR_PUBLIC_URL: `${publicUrl}/` })
    expect(served.stderr()).toContain(`vcr serve: listening on ${served.url}; links point to ${publicUrl}\n`)
    expect(served.stderr()).not.toContain("--port")
    const printed = await vcr(["login-link", "--user", "u-a", "--port", "9"], { ...env, VCR_PUBLIC_URL: publicUrl })
    expect(printed.stdout).toMatch(/^https:\/\/reports\.example\.org\/signin#token=vcr_link_[A-Za-z0-9_-]+\n$/)
  })
})
