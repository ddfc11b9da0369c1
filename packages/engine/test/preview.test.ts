import { InvalidParameter, reportIds } from "@vcr/core"
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Writable } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir } from "../../../test-support/fixtures.ts"
import { createEngine, Preview, type Engine } from "../src/index.ts"

// The acceptance scenario (three clinics, a transfer) on a fresh SQLite file.
let dir: string
let engine: Engine
const now = Date.parse("2026-03-09T00:00:00Z")
const run = { organisationIds: ["org-1"], from: "2026-03-02", to: "2026-03-02", timezone: "Australia/Sydney" }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "vcr-preview-"))
  engine = await createEngine({ database: `sqlite:${join(dir, "vcr.db")}`, files: join(dir, "files"), now: () => now })
  await engine.store.importLines((await readFile(join(acceptanceDir, "input.ndjson"), "utf8")).split("\n"))
})
afterAll(async () => {
  await engine.close()
  await rm(dir, { recursive: true, force: true })
})

/** The full JSON report, as a download writes it. */
const jsonReport = async (report: string, input: Record<string, unknown> = {}) => {
  const chunks: Array<Buffer> = []
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) })
  await engine.report({ report, ...run, ...input, format: "json", stream })
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { rows: Array<unknown>; columns: Array<unknown>; parameters: unknown; title: string }
}

describe("report preview (SPEC §11.2)", () => {
  it.each(reportIds)("holds the first rows of the %s JSON report, in order, and the exact total", async (report) => {
    const full = await jsonReport(report)
    // Every report but the room calls (none in the scenario) has rows; consultations has more than two.
    if (report !== "room-calls") expect(full.rows.length).toBeGreaterThan(report === "consultations" ? 2 : 0)
    for (const limit of [1, 2, 50]) {
      const preview = await engine.preview(report, run, { limit })
      expect(preview.rows).toEqual(full.rows.slice(0, limit))
      expect(preview.total_rows).toBe(full.rows.length)
      expect(preview.columns).toEqual(full.columns)
      expect(preview.parameters).toEqual(full.parameters)
      expect(Object.keys(preview)).toEqual(["report", "title", "parameters", "generated_at", "columns", "rows", "total_rows"])
    }
  })

  it("keeps the clinic narrowing and the minimum of the run", async () => {
    const input = { clinicId: "cl-a", minimumDurationMinutes: 5 }
    const full = await jsonReport("consultations", input)
    const preview = await engine.preview("consultations", { ...run, ...input }, { limit: "200" })
    expect(preview.rows).toEqual(full.rows)
    expect(preview.total_rows).toBe(full.rows.length)
  })

  it("answers 50 rows by default and an empty range with no rows", async () => {
    expect(Preview.decodeLimit(undefined)).toBe(50)
    const empty = await engine.preview("consultations", { ...run, from: "2026-03-05", to: "2026-03-05" })
    expect(empty).toMatchObject({ rows: [], total_rows: 0 })
  })

  it.each(["0", "201", "-1", "2.5", "ten", 0, 201, 1.5])("refuses the limit %s, naming the field and the rule", async (limit) => {
    const failure = await engine.preview("clinics", run, { limit }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(InvalidParameter)
    expect(failure).toMatchObject({ field: "limit", code: "invalid_limit", message: expect.stringContaining("from 1 to 200") })
  })

  it("refuses a long range, naming the rule, and writes nothing", async () => {
    const failure = await engine.preview("consultations", { ...run, from: "2026-01-01", to: "2026-03-02" }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ _tag: "InvalidParameter", field: "to", code: "range_too_long_for_preview", message: expect.stringContaining("shorter than two months") })
    await expect(readdir(join(dir, "files"))).rejects.toThrow()
  })

  it("refuses an unknown report and bad parameters like a download", async () => {
    expect(await engine.preview("nope", run).catch((e: unknown) => e)).toMatchObject({ _tag: "InvalidParameter", field: "report" })
    expect(await engine.preview("clinics", { ...run, to: "2026-03-32" }).catch((e: unknown) => e)).toMatchObject({ _tag: "InvalidParameter", field: "to" })
  })
})
