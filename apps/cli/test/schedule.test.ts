/**
 * `vcr schedule create|list|delete` from the built CLI: an account's own schedules with their next occurrences in
 * the schedule's zone; bad input is exit 2 with one line naming the field and the rule and nothing written; another
 * account's schedule is not found.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, repoRoot, vcr, vcrBundle } from "./support.ts"

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

  it("is fired by vcr worker at its occurrence: one emailed link, and the schedule's last run shows the entry", async () => {
    const made = await vcr([...create, "--recurrence", "daily 08:00", "--format", "csv"], env)
    expect(made.code).toBe(0)
    const id = made.stdout.trim()
    const outbox = join(dir, "outbox")
    // 08:00 on 27 November in Sydney, plus a second.
    const at = { ...env, VCR_NOW: "2026-11-26T21:00:01Z", VCR_OUTBOX_DIR: outbox, VCR_FILES_DIR: join(dir, "files"), VCR_POLL_MS: "100", VCR_PUBLIC_URL: "https://reports.example.org" }
    const worker = spawn(process.execPath, [vcrBundle, "worker"], { cwd: repoRoot, env: { ...process.env, ...at }, stdio: "ignore" })
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)))
    try {
      const emails = () => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [])
      for (let i = 0; i < 300 && emails().length === 0; i++) await new Promise((r) => setTimeout(r, 100))
      expect(emails()).toHaveLength(1)
      // A few more rounds at the same instant fire nothing more.
      await new Promise((r) => setTimeout(r, 500))
      expect(emails()).toHaveLength(1)
      const shown = JSON.parse((await vcr(["schedule", "list", "--user", "u-admin", "--format", "json"], at)).stdout) as {
        schedules: Array<{ id: string; last_run: { entry_id: string; late: boolean; skipped: number } | null }>
      }
      const lastRun = shown.schedules.find((s) => s.id === id)!.last_run!
      expect(lastRun).toMatchObject({ late: false, skipped: 0 })
      expect(readFileSync(join(outbox, emails()[0]!), "utf8")).toContain(`https://reports.example.org/history/${lastRun.entry_id}`)
    } finally {
      worker.kill("SIGTERM")
      expect(await exited).toBe(0)
    }
    expect((await vcr(["schedule", "delete", id, "--user", "u-admin"], env)).code).toBe(0)
  }, 60_000)
})
