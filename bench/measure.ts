/**
 * Shared benchmark plumbing: run one measurement in a child process (so peak RSS belongs to that
 * measurement alone) and print tables. Timings are reported, never asserted.
 */
import { execFileSync } from "node:child_process"
import { join } from "node:path"

export interface Measurement {
  readonly name: string
  readonly rows: number
  readonly seconds: number
  readonly maxRssMb: number
  readonly bytes?: number
  readonly extra?: Record<string, string | number>
}

/** Runs `bench/<script> <args>` in a child process that prints one JSON Measurement on its last line. */
export const inChild = (script: string, args: ReadonlyArray<string>): Measurement => {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, script), ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"]
  })
  const last = out.trim().split("\n").pop()!
  return JSON.parse(last) as Measurement
}

/** Peak resident set size of this process so far, MB. */
export const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** Prints measurements as a table, each throughput also as a ratio to the baseline. */
export const table = (rows: ReadonlyArray<Measurement>, baseline?: string) => {
  const base = rows.find((r) => r.name === baseline)
  const rate = (m: Measurement) => m.rows / m.seconds
  const lines = [["measurement", "rows", "seconds", "rows/s", "x baseline", "peak RSS MB", "size MB"]]
  for (const m of rows) {
    lines.push([
      m.name,
      String(m.rows),
      m.seconds.toFixed(2),
      Math.round(rate(m)).toString(),
      base === undefined ? "" : (rate(m) / rate(base)).toFixed(2),
      String(m.maxRssMb),
      m.bytes === undefined ? "" : (m.bytes / 1e6).toFixed(1)
    ])
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  for (const l of lines) console.log(l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "))
}
