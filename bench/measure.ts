/**
 * Shared benchmark plumbing: run one measurement in a child process (so peak RSS belongs to that
 * measurement alone) and print tables. Timings are reported, never asserted.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"

export interface Measurement {
  readonly name: string
  readonly rows: number
  readonly seconds: number
  readonly maxRssMb: number
  readonly bytes?: number
  readonly extra?: Record<string, string | number>
}

/** The bundled CLI, as users run it. */
export const cliBundle = join(import.meta.dirname, "../apps/cli/dist/vcr.js")

/**
 * Runs a bundle of the CLI (this checkout's by default) under /usr/bin/time, which writes to `timing`: wall
 * seconds, peak RSS (MB) and what the command printed. `env` is added to this process's environment.
 */
export const timedCli = (
  url: string, args: ReadonlyArray<string>, timing: string, options: { readonly bundle?: string; readonly env?: Record<string, string> } = {}
): { seconds: number; maxRssMb: number; stdout: string } => {
  const stdout = execFileSync("/usr/bin/time", ["-o", timing, "-f", "%e %M", process.execPath, options.bundle ?? cliBundle, "--db", url, ...args], {
    encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "inherit"]
  })
  const [seconds, kb] = readFileSync(timing, "utf8").trim().split("\n").pop()!.split(" ").map(Number)
  return { seconds: seconds!, maxRssMb: Math.round(kb! / 1024), stdout }
}

/** Takes `--name value` options and `--name` flags out of `args` (changed in place), leaving the positional ones. */
export const argsOf = (args: Array<string>) => ({
  option: (name: string): string | undefined => {
    const i = args.indexOf(name)
    return i < 0 ? undefined : args.splice(i, 2)[1]
  },
  flag: (name: string): boolean => {
    const i = args.indexOf(name)
    if (i >= 0) args.splice(i, 1)
    return i >= 0
  }
})

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

/** A child bench's command line: `--only <writer> <rows>` (one measurement, in this process) or `[rows] [--repeat n]`. */
export const benchArgs = <W extends string>(argv: ReadonlyArray<string>, writers: ReadonlyArray<W>, defaultRows: number) => {
  const only = argv.indexOf("--only")
  if (only >= 0) {
    const writer = argv[only + 1] as W
    if (!writers.includes(writer)) throw new Error(`unknown writer "${writer}": one of ${writers.join(", ")}`)
    return { only: { writer, rows: Number(argv[only + 2] ?? defaultRows) }, rows: 0, repeat: 0 }
  }
  const repeatAt = argv.indexOf("--repeat")
  const repeat = repeatAt >= 0 ? Number(argv[repeatAt + 1]) : 1
  const positional = argv.filter((_, i) => repeatAt < 0 || (i !== repeatAt && i !== repeatAt + 1))
  const rows = Number(positional[0] ?? defaultRows)
  if (!Number.isInteger(rows) || rows < 10) throw new Error(`rows must be an integer of at least 10, got ${positional[0]}`)
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat needs a positive integer`)
  return { only: undefined, rows, repeat }
}

/** The faster of two measurements of the same thing, with the higher of their peak RSS. */
export const fastest = (kept: Measurement | undefined, m: Measurement): Measurement =>
  kept === undefined ? m : { ...(m.seconds < kept.seconds ? m : kept), maxRssMb: Math.max(m.maxRssMb, kept.maxRssMb) }
