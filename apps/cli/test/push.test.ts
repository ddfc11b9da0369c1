/**
 * `vcr push` and service tokens through the built CLI against `vcr serve` on a real port, on SQLite and PostgreSQL:
 * a file pushed in small chunks gives the acceptance reports, pushing it again changes nothing, a bad line is
 * named by its line in the file, and a revoked token stops working.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { createServer } from "node:http"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { push } from "../src/push.ts"
import { acceptanceDir, freshPostgres, postgresAvailable, repoRoot, vcr, vcrBundle } from "./support.ts"

const input = join(acceptanceDir, "input.ndjson")
const expected = (file: string) => JSON.parse(readFileSync(join(acceptanceDir, file), "utf8"))

const suite = (name: string, database: () => Promise<{ url: string; drop: () => Promise<void> } | undefined>) => {
  describe(`vcr push on ${name}`, () => {
    let db: { url: string; drop: () => Promise<void> } | undefined
    let server: ChildProcess | undefined
    let url = ""
    let token = ""
    const dir = mkdtempSync(join(tmpdir(), "vcr-push-"))
    const env = () => ({ VCR_DATABASE_URL: db!.url })

    beforeAll(async () => {
      db = await database()
      if (db === undefined) return
      const created = await vcr(["token", "create", "--service", "video-platform", "--scope", "ingest"], env())
      expect(created.code).toBe(0)
      token = created.stdout.trim()
      const child = spawn(process.execPath, [vcrBundle, "serve", "--port", "0", "--no-worker", "--files", join(dir, "files")], {
        cwd: repoRoot, env: { ...process.env, ...env() }, stdio: ["ignore", "pipe", "pipe"]
      })
      server = child
      url = await new Promise<string>((resolve, reject) => {
        let out = ""
        child.stdout!.on("data", (d: Buffer) => {
          out += d.toString()
          const m = /at (http:\/\/[^/\s]+)\//.exec(out)
          if (m !== null) resolve(m[1]!)
        })
        child.once("exit", (code) => reject(new Error(`vcr serve exited with ${code}`)))
      })
    })
    afterAll(async () => {
      if (server !== undefined) {
        const exited = new Promise((resolve) => server!.once("exit", resolve))
        server.kill("SIGTERM")
        await exited
      }
      await db?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    it("pushes a file in chunks; the reports equal the acceptance files; pushing again changes nothing", async (t) => {
      if (db === undefined) return t.skip()
      const first = await vcr(["push", input, "--url", url, "--token", token, "--chunk-bytes", "2000"], env())
      expect(first.stderr).toBe("")
      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/^pushed 35 lines in \d+ requests: 22 new events, 0 duplicates ignored, 13 directory records, 0 logins; \d+ components projected\n$/)
      expect(Number(/in (\d+) requests/.exec(first.stdout)![1])).toBeGreaterThan(3)
      const again = await vcr(["push", input, "--url", `${url}/`, "--chunk-bytes", "2000"], { ...env(), VCR_TOKEN: token })
      expect(again.code).toBe(0)
      expect(again.stdout).toMatch(/: 0 new events, 22 duplicates ignored, 13 directory records/)
      for (const [file, report] of [["expected-consultations.json", "consultations"], ["expected-clinics.json", "clinics"]]) {
        const out = await vcr(["report", report!, "--org", "org-1", "--from", "2026-03-02", "--to", "2026-03-02", "--tz", "Australia/Sydney", "--format", "json"], env())
        expect(out.code).toBe(0)
        expect(JSON.parse(out.stdout).rows).toEqual(expected(file!).rows)
      }
    })

    it("names a bad line by its line number in the file, exit 2, and leaves later chunks unsent", async (t) => {
      if (db === undefined) return t.skip()
      const lines = readFileSync(input, "utf8").trimEnd().split("\n")
      lines.splice(30, 0, '{"type":"login","user_id":"u-doc","at":"2026-03-02T09:00:00"}')
      lines.push('{"type":"organisation","id":"org-late","created_at":"2025-01-01T00:00:00Z"}')
      const bad = join(dir, "bad.ndjson")
      writeFileSync(bad, `${lines.join("\n")}\n`)
      const out = await vcr(["push", bad, "--url", url, "--token", token, "--chunk-bytes", "2000"], env())
      expect(out.code).toBe(2)
      expect(out.stderr).toMatch(/^vcr: line 31: .*"at"/)
      const report = await vcr(["report", "organisations", "--org", "org-late", "--from", "2026-03-02", "--to", "2026-03-02", "--format", "json"], env())
      expect(report.code).toBe(2)
    })

    it("lists tokens without their secrets and revokes one by its id: the server refuses it at once", async (t) => {
      if (db === undefined) return t.skip()
      const list = await vcr(["token", "list"], env())
      expect(list.code).toBe(0)
      expect(list.stdout).not.toContain(token)
      const row = list.stdout.split("\n").find((l) => l.includes("video-platform"))!
      expect(row).toMatch(/^[0-9a-f]{12}\s+service\s+video-platform\s+ingest\s+\d{4}-/)
      const revoked = await vcr(["token", "revoke", row.split(/\s+/)[0]!], env())
      expect(revoked.code).toBe(0)
      const refused = await vcr(["push", input, "--url", url, "--token", token], env())
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/401/)
      expect((await vcr(["token", "revoke", "abcdef"], env())).code).toBe(2)
    })
  })
}

suite("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-push-db-"))
  return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
})
suite("PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined))

describe("vcr push retries", () => {
  it("retries a chunk after a 503, a 429 (waiting its Retry-After) and a dropped connection, then sends the next", async () => {
    const bodies: Array<string> = []
    let requests = 0
    const server = createServer((req, res) => {
      let body = ""
      req.on("data", (d: Buffer) => (body += d.toString()))
      req.on("end", () => {
        requests++
        if (requests === 1) return void res.writeHead(503).end("{}")
        if (requests === 2) return void res.writeHead(429, { "Retry-After": "7", "Content-Type": "application/json" }).end('{"error":{"code":"too_many_requests","message":"busy","field":null}}')
        if (requests === 3) return void res.socket!.destroy()
        bodies.push(body)
        res.writeHead(200, { "Content-Type": "application/json" })
          .end(JSON.stringify({ events: { inserted: 1, duplicates: 0 }, directory: 0, logins: 0, components: 1, bytes: body.length }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const port = (server.address() as { port: number }).port
    const dir = mkdtempSync(join(tmpdir(), "vcr-push-retry-"))
    const file = join(dir, "two.ndjson")
    writeFileSync(file, '{"type":"login","user_id":"a","at":"2026-03-02T09:00:00Z"}\n{"type":"login","user_id":"b","at":"2026-03-02T09:00:00Z"}\n')
    const waits: Array<number> = []
    try {
      const summary = await push(file, { url: `http://127.0.0.1:${port}`, token: "t", chunkBytes: 60, attempts: 5, sleep: async (ms) => void waits.push(ms) })
      expect(summary).toMatchObject({ lines: 2, requests: 2, events: { inserted: 2, duplicates: 0 } })
      expect(bodies).toEqual(['{"type":"login","user_id":"a","at":"2026-03-02T09:00:00Z"}\n', '{"type":"login","user_id":"b","at":"2026-03-02T09:00:00Z"}\n'])
      expect(waits).toEqual([500, 7000, 2000])
    } finally {
      server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
