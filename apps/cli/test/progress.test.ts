/**
 * Progress on standard error when it is not a terminal: plain lines at the `--progress-every` interval (never
 * one per batch), the projection phase after the last line too, standard output left to the result.
 */
import * as Demo from "@vcr/demo"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough } from "node:stream"
import { afterAll, describe, expect, it } from "vitest"
import { progressLine, startProgress } from "../src/progress.ts"
import { vcr } from "./support.ts"

const dir = mkdtempSync(join(tmpdir(), "vcr-progress-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("plain progress lines", () => {
  it("prints the latest state once per interval, not once per update, and the next phase after the last line", async () => {
    const stream = new PassThrough()
    let text = ""
    stream.on("data", (chunk: Buffer) => (text += chunk.toString()))
    const progress = startProgress({ everySeconds: 0.1, stream: stream as unknown as NodeJS.WriteStream })
    const started = Date.now()
    let batches = 0
    while (Date.now() - started < 450) {
      batches++
      progress.update({ phase: "reading", done: batches * 1_000, total: 10_000_000, unit: "bytes", detail: `${batches * 500} events` })
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    progress.update({ phase: "projecting", done: 7, total: 10, unit: "components" })
    await new Promise((resolve) => setTimeout(resolve, 250))
    progress.stop()
    const lines = text.trim().split("\n")
    expect(batches).toBeGreaterThan(40)
    expect(lines.length).toBeGreaterThanOrEqual(3)
    expect(lines.length).toBeLessThanOrEqual(8) // ~0.7 s at one line per 0.1 s, whatever the batches
    expect(lines.slice(0, -1).every((l) => /^reading \d+% \([\d.]+ MB of 10 MB\), [\d.]+ MB\/s, [\d,]+ events$/.test(l))).toBe(true)
    expect(lines.at(-1)).toMatch(/^projecting 70% \(7 components of 10 components\), [\d.,]+ components\/s$/)
  })

  it("reads as a sentence", () => {
    expect(progressLine({ phase: "reading", done: 12_345_678, total: 29_100_000, unit: "bytes", detail: "40,000 events" }, 5_200_000)).toBe(
      "reading 42% (12.3 MB of 29.1 MB), 5.2 MB/s, 40,000 events"
    )
    expect(progressLine({ phase: "writing consultations.csv", done: 1_500_000, unit: "bytes" }, 750_000)).toBe(
      "writing consultations.csv 1.5 MB, 0.8 MB/s"
    )
  })
})

describe("vcr import with stderr not a terminal", () => {
  it("shows progress lines on stderr at the interval asked, the summary alone on stdout", async () => {
    const file = join(dir, "demo.ndjson")
    const options = { seed: 3, now: "2026-03-31T00:00:00Z", months: 1, organisations: 2, clinicsPerOrganisation: 4, sessionsPerClinicPerDay: 40 }
    writeFileSync(file, [...Demo.generateDemo(options)].map((r) => JSON.stringify(r)).join("\n") + "\n")
    const started = Date.now()
    const r = await vcr(["--progress-every", "0.1", "import", file], { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}` })
    const seconds = (Date.now() - started) / 1000
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^imported \d+ lines: (\d+) new events, 0 duplicates ignored, .*components projected\n$/)
    const events = Number(/(\d+) new events/.exec(r.stdout)![1])
    const lines = r.stderr.trim().split("\n").filter((l) => l !== "")
    expect(lines.length).toBeGreaterThanOrEqual(1)
    expect(lines.every((l) => /^(reading \d+% \([\d.]+ MB of [\d.]+ MB\)|projecting \d+% \([\d,]+ components of [\d,]+ components\)), /.test(l))).toBe(true)
    // Time-driven: at most one line per interval of the run, far fewer than the 500-event batches.
    expect(lines.length).toBeLessThanOrEqual(Math.ceil(seconds / 0.1) + 1)
    expect(lines.length).toBeLessThan(events / 500)
  }, 120_000)

  it("refuses a --progress-every out of range as bad input", async () => {
    const r = await vcr(["--progress-every", "0", "import", join(dir, "missing.ndjson")], { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}` })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("--progress-every must be a number of seconds from 0.05 to 3600")
  })
})
