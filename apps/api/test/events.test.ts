/**
 * `POST /api/v1/events` over a real port on SQLite and PostgreSQL (SPEC §11.6): concurrent shuffled pushes give the
 * acceptance reports and tiles, every malformed-line kind is a 400 with nothing stored, conflicts 409, oversized
 * bodies 413, other media types 415, only ingest tokens may post and they read nothing else, pushes are audited.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openStore, type Store } from "@vcr/store"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { shuffled } from "../../../packages/store/test/fixtures.ts"
import { createEngine } from "@vcr/engine"
import { createLoginLink, createToken, serve } from "../src/index.ts"
import { acceptanceDir, day } from "./support.ts"

const expected = (file: string) => JSON.parse(readFileSync(join(acceptanceDir, file), "utf8"))
const acceptance = readFileSync(join(acceptanceDir, "input.ndjson"), "utf8").split("\n").filter((l) => l.trim() !== "")
const line = (record: Record<string, unknown>) => JSON.stringify(record)
const ndjson = (lines: ReadonlyArray<string>) => `${lines.join("\n")}\n`

const chunks = <A>(items: ReadonlyArray<A>, n: number): Array<Array<A>> =>
  Array.from({ length: n }, (_, i) => items.filter((_, k) => k % n === i))

interface Database {
  readonly url: string
  readonly drop: () => Promise<void>
}

const suite = (name: string, database: () => Promise<Database | undefined>) => {
  describe(`POST /api/v1/events on ${name}`, () => {
    let db: Database | undefined
    let store: Store
    let url = ""
    let ingest = ""
    let close = async () => {}
    const dir = mkdtempSync(join(tmpdir(), "vcr-events-"))
    const user = { token: "" }

    beforeAll(async () => {
      db = await database()
      if (db === undefined) return
      store = await openStore(db.url)
      await store.migrate()
      const now = Date.parse("2026-11-26T00:00:00Z")
      const engine = await createEngine({ database: store, now: () => now })
      ingest = await engine.access.serviceToken("video-platform", "ingest")
      await engine.close()
      user.token = await createToken(store, "u-admin", now)
      const server = await serve({
        store, filesDir: join(dir, "files"), port: 0, now: () => now, log: () => undefined, limits: { downloads: 1000 },
        ingest: { stagingDir: dir, concurrent: 2, queued: 16 }
      })
      url = `http://127.0.0.1:${server.port}`
      close = server.close
    })
    afterAll(async () => {
      await close()
      await store?.close()
      await db?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    const push = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
      fetch(`${url}/api/v1/events`, {
        method: "POST", body, headers: { Authorization: `Bearer ${ingest}`, "Content-Type": "application/x-ndjson", ...headers },
        ...(body instanceof ReadableStream ? { duplex: "half" } : {})
      } as RequestInit)
    const asUser = (path: string, init: RequestInit = {}) =>
      fetch(url + path, { ...init, headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json", ...(init.headers ?? {}) } })
    const counts = () => store.counts()

    it("stores the acceptance scenario pushed in five shuffled chunks by five concurrent clients, twice: reports and tiles equal the acceptance files", async (t) => {
      if (db === undefined) return t.skip()
      for (const [round, seed] of [[1, 7], [2, 11]] as const) {
        const answers = await Promise.all(chunks(shuffled(acceptance, seed), 5).map((c) => push(ndjson(c))))
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
        const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ events: { inserted: number; duplicates: number }; records: number }>
        const inserted = bodies.reduce((n, b) => n + b.events.inserted, 0)
        const duplicates = bodies.reduce((n, b) => n + b.events.duplicates, 0)
        expect(bodies.reduce((n, b) => n + b.records, 0)).toBe(acceptance.length)
        expect([inserted, duplicates]).toEqual(round === 1 ? [22, 0] : [0, 22])
      }
      const reports: Array<[string, string, number]> = [
        ["expected-organisations.json", "organisations", 0], ["expected-clinics.json", "clinics", 0], ["expected-clinics-min5.json", "clinics", 5],
        ["expected-service-providers.json", "service-providers", 0], ["expected-service-provider-summary.json", "service-provider-summary", 0],
        ["expected-room-calls.json", "room-calls", 0], ["expected-consultations.json", "consultations", 0], ["expected-consultations-min5.json", "consultations", 5]
      ]
      for (const [file, report, minimum] of reports) {
        const res = await asUser(`/api/v1/organisations/org-1/reports/${report}/downloads`, {
          method: "POST", body: JSON.stringify({ ...day, minimum_duration_minutes: minimum, format: "json" })
        })
        expect(res.status, file).toBe(200)
        const actual = (await res.json()) as { rows: unknown; parameters: unknown }
        expect(actual.rows, file).toEqual(expected(file).rows)
        expect(actual.parameters, file).toEqual(expected(file).parameters)
      }
      for (const [file, minimum] of [["expected-summary.json", 0], ["expected-summary-min5.json", 5]] as const) {
        const res = await asUser(`/api/v1/organisations/org-1/tiles?from=${day.from}&to=${day.to}&timezone=${day.timezone}&minimum_duration_minutes=${minimum}`)
        expect(res.status).toBe(200)
        expect(((await res.json()) as { tiles: unknown }).tiles).toEqual(expected(file).tiles)
      }
    })

    it("includes the pushed sessions in tiles requested right after the 200", async (t) => {
      if (db === undefined) return t.skip()
      const res = await push(ndjson([
        line({ type: "event", id: "t-1", event: "waiting_area.entered", at: "2026-03-03T09:00:00+11:00", session_id: "s-t", segment_id: "g-t", queued_call_id: "q-t", clinic_id: "cl-a", participant_id: "p-t" }),
        line({ type: "event", id: "t-2", event: "participant.joined", at: "2026-03-03T09:02:00+11:00", segment_id: "g-t", participant_id: "p-h", role: "host", user_id: "u-nurse" }),
        line({ type: "event", id: "t-3", event: "participant.left", at: "2026-03-03T09:12:00+11:00", segment_id: "g-t", participant_id: "p-h" }),
        line({ type: "event", id: "t-4", event: "participant.left", at: "2026-03-03T09:12:00+11:00", segment_id: "g-t", participant_id: "p-t" })
      ]))
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ events: { inserted: 4, duplicates: 0 }, components: 1 })
      const tiles = await asUser("/api/v1/organisations/org-1/tiles?from=2026-03-03&to=2026-03-03&timezone=Australia/Sydney")
      const consultations = ((await tiles.json()) as { tiles: Array<{ report: string; figures: Record<string, number> }> }).tiles.find((x) => x.report === "consultations")!
      expect(consultations.figures).toMatchObject({ consultations: 1, consultation_duration: 600 })
    })

    const badLines: ReadonlyArray<readonly [string, string, RegExp]> = [
      ["an instant without offset", line({ type: "login", user_id: "u-doc", at: "2026-03-02T09:00:00" }), /"at"/],
      ["an unknown type", line({ type: "meeting", id: "m-1" }), /"type"/],
      ["a missing required field", line({ type: "clinic", id: "cl-q", status: "open", created_at: "2024-01-01T00:00:00Z" }), /organisation_id/],
      ["bad JSON", '{"type":"organisation","id":"org-9",', /JSON/],
      ["an id that is not a string", line({ type: "user", id: 7, created_at: "2024-01-01T00:00:00Z" }), /"id"/]
    ]
    for (const [what, bad, reason] of badLines) {
      it(`answers 400 naming the line for ${what}, and stores nothing`, async (t) => {
        if (db === undefined) return t.skip()
        const before = await counts()
        const res = await push(ndjson([
          line({ type: "organisation", id: "org-9", name: "Never stored", created_at: "2025-01-01T00:00:00Z" }),
          line({ type: "event", id: "e-99", event: "waiting_area.entered", at: "2026-03-03T09:00:00Z", session_id: "s-99", segment_id: "g-99", queued_call_id: "q-99", clinic_id: "cl-a", participant_id: "p-99" }),
          "   ",
          bad,
          line({ type: "organisation", id: "org-10", created_at: "2025-01-01T00:00:00Z" })
        ]))
        expect(res.status).toBe(400)
        const error = ((await res.json()) as { error: { code: string; message: string } }).error
        expect(error.code).toBe("malformed_line")
        expect(error.message).toMatch(/^line 4: /)
        expect(error.message).toMatch(reason)
        expect(await counts()).toEqual(before)
        expect(await store.organisation("org-9")).toBeUndefined()
      })
    }

    it("answers 409 for an event id already stored with other content, and stores nothing of that body", async (t) => {
      if (db === undefined) return t.skip()
      const first = line({ type: "event", id: "c-1", event: "participant.left", at: "2025-06-01T09:00:00Z", segment_id: "g-c", participant_id: "p-c" })
      expect((await push(ndjson([first]))).status).toBe(200)
      const before = await counts()
      const res = await push(ndjson([line({ type: "organisation", id: "org-11", created_at: "2025-01-01T00:00:00Z" }), first.replace("09:00", "09:01")]))
      expect(res.status).toBe(409)
      expect(await res.json()).toEqual({ error: { code: "event_conflict", message: 'line 2: event "c-1" is already stored with different content (R13)', field: "id" } })
      expect(await counts()).toEqual(before)
      const again = await push(ndjson([first]))
      expect(await again.json()).toMatchObject({ events: { inserted: 0, duplicates: 1 } })
      const other = line({ type: "event", id: "c-2", event: "participant.left", at: "2025-06-01T09:00:00Z", segment_id: "g-c", participant_id: "p-d" })
      const within = await push(ndjson([other, other, other.replace("p-d", "p-e")]))
      expect(within.status).toBe(409)
      expect(((await within.json()) as { error: { message: string } }).error.message).toMatch(/^line 3: event "c-2"/)
      expect(await counts()).toEqual(before)
    })

    it("answers 413 for a 60 MB body, declared or streamed, and stores nothing", async (t) => {
      if (db === undefined) return t.skip()
      const before = await counts()
      const row = `${line({ type: "login", user_id: "u-big", at: "2026-03-02T09:00:00Z" })}\n`
      const big = row.repeat(Math.ceil((60 * 1024 * 1024) / row.length))
      const declared = await push(big)
      expect(declared.status).toBe(413)
      expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("payload_too_large")
      let sent = 0
      const chunk = new TextEncoder().encode(row.repeat(16_384))
      const streamed = await push(new ReadableStream({
        pull(controller) {
          if (sent >= 60 * 1024 * 1024) return controller.close()
          sent += chunk.length
          controller.enqueue(chunk)
        }
      }))
      expect(streamed.status).toBe(413)
      expect(await counts()).toEqual(before)
    })

    it("answers 415 for a text/plain body", async (t) => {
      if (db === undefined) return t.skip()
      const res = await push(ndjson([line({ type: "login", user_id: "u-doc", at: "2026-03-02T09:00:00Z" })]), { "Content-Type": "text/plain" })
      expect(res.status).toBe(415)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type")
    })

    it("refuses a user's token and a signed-in session (403), and a missing token (401)", async (t) => {
      if (db === undefined) return t.skip()
      const body = ndjson([line({ type: "login", user_id: "u-doc", at: "2026-03-02T09:00:00Z" })])
      const byUser = await asUser("/api/v1/events", { method: "POST", body, headers: { "Content-Type": "application/x-ndjson" } })
      expect(byUser.status).toBe(403)
      expect(((await byUser.json()) as { error: { code: string } }).error.code).toBe("ingest_scope_required")
      const link = await createLoginLink(store, "u-admin", Date.parse("2026-11-26T00:00:00Z"))
      const signedIn = await fetch(`${url}/auth/link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: link }) })
      const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
      const csrf = cookie.match(/vcr_csrf=([^;]+)/)![1]!
      const bySession = await fetch(`${url}/api/v1/events`, { method: "POST", body, headers: { cookie, "X-CSRF-Token": csrf, "Content-Type": "application/x-ndjson" } })
      expect(bySession.status).toBe(403)
      expect((await fetch(`${url}/api/v1/events`, { method: "POST", body, headers: { "Content-Type": "application/x-ndjson" } })).status).toBe(401)
    })

    it("gives an ingest token 404 on every other route", async (t) => {
      if (db === undefined) return t.skip()
      const auth = { Authorization: `Bearer ${ingest}`, "Content-Type": "application/json" }
      const reads = [
        ["GET", "/api/v1/me"], ["GET", "/api/v1/history"], ["GET", "/api/v1/events"],
        ["GET", `/api/v1/organisations/org-1/tiles?from=${day.from}&to=${day.to}`],
        ["GET", "/api/v1/organisations/org-1/reporting-configuration"],
        ["POST", "/api/v1/organisations/org-1/reports/clinics/downloads"], ["POST", "/api/v1/organisations/org-1/reports/clinics/emails"],
        ["GET", "/api/v1/schedules"], ["POST", "/api/v1/schedules"]
      ] as const
      for (const [method, path] of reads) {
        const res = await fetch(url + path, { method, headers: auth, ...(method === "POST" ? { body: JSON.stringify({ ...day, format: "csv" }) } : {}) })
        expect(res.status, `${method} ${path}`).toBe(404)
      }
    })

    it("audits each push with the service, counts, bytes and outcome, never the lines", async (t) => {
      if (db === undefined) return t.skip()
      const log = (await store.access.auditLog(10_000)).filter((r) => r.action === "ingest")
      const outcomes = new Set(log.map((r) => r.outcome))
      for (const o of ["ok", "malformed_line", "event_conflict", "payload_too_large", "too_large", "unsupported_media_type"]) expect(outcomes).toContain(o)
      const ok = log.find((r) => r.outcome === "ok")!
      expect(JSON.parse(ok.detail!)).toMatchObject({ service: "video-platform", bytes: expect.any(Number), lines: expect.any(Number), events: { inserted: expect.any(Number) } })
      const text = JSON.stringify(log)
      for (const secret of ["Metro Health", "u-big", "Never stored", ingest]) expect(text).not.toContain(secret)
    })
  })
}

suite("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-events-db-"))
  return { url: `sqlite:${join(dir, "vcr.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
})
suite("PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined))
