/**
 * `vcr schedule create|list|delete` from the built CLI: an account's own schedules with their next occurrences in
 * the schedule's zone; bad input is exit 2 with one line naming the field and the rule and nothing written; another
 * account's schedule is not found.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, vcr } from "./support.ts"

describe("vcr schedule", () => {
  const dir = mkdtempSync(join(tmpdir(), "vcr-schedule-"))
  // 11:00 on Thursday 26 November 2026 in Sydney.
  const env = { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}`, VCR_NOW: "2026-11-26T00:00:00Z" }
  const create = ["schedule", "create", "--user", "u-admin", "--report", "clinics", "--org", "org-1", "--tz", "Australia/Sydney", "--range", "previous_week"]
  beforeAll(async () => {
    expect((await vcr(["import", join(acceptanceDir, "input.ndjson")], env)).code).toBe(0)
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("creates, lists and deletes an account's schedules", async () => {
    const made = await vcr([...create, "--recurrence", "monthly 28 07:00", "--format", "csv", "--locale", "zh-CN"], env)
    expect(made.code).toBe(0)
    const id = made.stdout.trim()
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    const text = await vcr(["schedule", "list", "--user", "u-admin"], env)
    expect(text.stdout.split("\n")[1]).toMatch(new RegExp(`^${id}\\s+clinics\\s+org-1\\s+monthly 28 07:00\\s+Australia/Sydney\\s+previous_week\\s+csv\\s+active\\s+2026-11-28T07:00:00\\+11:00\\s+-$`))
    const json = JSON.parse((await vcr(["schedule", "list", "--user", "u-admin", "--format", "json"], env)).stdout) as { schedules: Array<Record<string, unknown>> }
    expect(json.schedules).toHaveLength(1)
    expect(json.schedules[0]).toMatchObject({ id, locale: "zh-CN", format: "csv", last_run: null })
    expect(json.schedules[0]!.next_occurrences).toEqual([
      "2026-11-28T07:00:00+11:00", "2026-12-28T07:00:00+11:00", "2027-01-28T07:00:00+11:00", "2027-02-28T07:00:00+11:00", "2027-03-28T07:00:00+11:00"
    ])
    const other = await vcr(["schedule", "delete", id, "--user", "u-doc"], env)
    expect(other.code).toBe(2)
    expect(other.stderr).toBe(`vcr: schedule "${id}" not found\n`)
    expect((await vcr(["schedule", "delete", id, "--user", "u-admin"], env)).stdout).toBe(`deleted schedule ${id}\n`)
    expect((await vcr(["schedule", "list", "--user", "u-admin"], env)).stdout.trim().split("\n")).toHaveLength(1)
  })

  it("refuses bad input with exit 2, one line naming the field and the rule, and writes nothing", async () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [["--recurrence", "weekly Funday 08:00"], "recurrence must name a weekday"],
      [["--recurrence", "monthly 29 08:00"], "recurrence must give a day of month from 1 to 28"],
      [["--recurrence", "daily 08:00", "--locale", "fr"], "locale must be one of en, zh-CN"],
      [["--recurrence", "daily 08:00", "--min-duration", "abc"], "minimum_duration_minutes must be a number of minutes"],
      [["--recurrence", "daily 08:00", "--org", "org-nope"], 'organisation "org-nope" not found']
    ]
    for (const [extra, message] of cases) {
      const r = await vcr([...create, ...extra], env)
      expect(r.code, extra.join(" ")).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain(message)
      expect(r.stderr.trim().split("\n")).toHaveLength(1)
    }
    const doctor = await vcr([...create, "--recurrence", "daily 08:00"].map((a) => (a === "u-admin" ? "u-doc" : a)), env)
    expect(doctor.code).toBe(2)
    expect((await vcr(["schedule", "list", "--user", "u-admin"], env)).stdout.trim().split("\n")).toHaveLength(1)
  })
})
