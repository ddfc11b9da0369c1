import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, vcr } from "./support.ts"

const dir = mkdtempSync(join(tmpdir(), "vcr-cli-trends-"))
const env = { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}`, VCR_NOW: "2026-11-26T00:00:00Z" }
const range = ["--org", "org-1", "--from", "2026-03-01", "--to", "2026-03-03", "--tz", "Australia/Sydney"]

beforeAll(async () => {
  const imported = await vcr(["import", join(acceptanceDir, "input.ndjson")], env)
  expect(imported.code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("vcr trends", () => {
  it("prints the API's JSON, whose totals are the summary's tiles", async () => {
    const out = await vcr(["trends", ...range, "--by", "clinic", "--format", "json"], env)
    expect(out.stderr).toBe("")
    expect(out.code).toBe(0)
    const doc = JSON.parse(out.stdout)
    expect(doc.granularity).toBe("day")
    expect(doc.buckets).toHaveLength(3)
    expect(doc.previous).toMatchObject({ from: "2026-02-26", to: "2026-02-28" })
    expect(doc.clinics).toHaveLength(3)
    const summary = JSON.parse((await vcr(["summary", ...range, "--format", "json"], env)).stdout)
    const tile = (id: string) => summary.tiles.find((t: { report: string }) => t.report === id).figures
    expect(doc.totals).toEqual({ ...tile("consultations"), ...tile("room-calls") })
  })

  it("prints a table by week, with the totals and the previous period", async () => {
    const out = await vcr(["trends", ...range, "--granularity", "week"], env)
    expect(out.code).toBe(0)
    const lines = out.stdout.split("\n")
    expect(lines[0]).toContain("by week")
    expect(lines.filter((l) => /^2026-03-0[12] /.test(l))).toHaveLength(2)
    expect(out.stdout).toMatch(/^total /m)
    expect(out.stdout).toMatch(/^previous 2026-02-26 to 2026-02-28 /m)
  })

  it("refuses 13 months with exit 2, naming the field", async () => {
    const out = await vcr(["trends", "--org", "org-1", "--from", "2025-01-01", "--to", "2026-02-01"], env)
    expect(out.code).toBe(2)
    expect(out.stderr).toContain("to")
    expect(out.stderr).toContain("13 months")
    expect((await vcr(["trends", ...range, "--granularity", "hour"], env)).code).toBe(2)
  })
})
