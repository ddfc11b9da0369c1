/**
 * Start-up of the shipped command line (issue 9): wall time and peak RSS of `node apps/cli/dist/vcr.js --help`
 * and `--version` against `node -e 0` measured in the same run, each a fresh child process, runs interleaved,
 * medians reported with the ratio to the baseline. Target: `vcr --help` under 0.3 s and 100 MB. The
 * TypeScript sources run through tsx (how `pnpm vcr` ran before the bundle) are shown for comparison.
 *
 *   pnpm bench:startup [runs]     # builds the CLI first; default 15 runs of each
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const bundle = join(root, "apps/cli/dist/vcr.js")
const probe = join(import.meta.dirname, "startup-probe.cjs")
const runs = Number(process.argv[2] ?? 15)

interface Case {
  readonly name: string
  readonly args: ReadonlyArray<string>
  readonly runs: number
}

const cases: ReadonlyArray<Case> = [
  { name: "node -e 0 (baseline)", args: ["-e", "0"], runs },
  { name: "vcr --help", args: [bundle, "--help"], runs },
  { name: "vcr --version", args: [bundle, "--version"], runs },
  { name: "sources via tsx --help", args: ["--import", "tsx", join(root, "apps/cli/src/main.ts"), "--help"], runs: Math.min(runs, 5) }
]

/** One run: wall time from spawn to exit, and the child's own peak RSS from the probe. */
const once = (args: ReadonlyArray<string>): { ms: number; rssMb: number } => {
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ["-r", probe, ...args], { cwd: root, stdio: ["ignore", "ignore", "inherit", "pipe"] })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${child.status}`)
  const kb = Number(child.output[3]?.toString())
  return { ms, rssMb: kb / 1024 }
}

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const main = () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`pnpm build:cli\` first`)
  const samples = new Map(cases.map((c) => [c.name, [] as Array<{ ms: number; rssMb: number }>]))
  once(["-e", "0"]) // warm the file cache before anything is timed
  once([bundle, "--help"])
  for (let i = 0; i < runs; i++) {
    for (const c of cases) if (i < c.runs) samples.get(c.name)!.push(once(c.args))
  }
  const rows = cases.map((c) => {
    const s = samples.get(c.name)!
    return { name: c.name, runs: s.length, ms: median(s.map((x) => x.ms)), rssMb: median(s.map((x) => x.rssMb)) }
  })
  const base = rows[0]!
  const lines = [["measurement", "runs", "median ms", "x node -e 0", "median peak RSS MB", "x node -e 0"]]
  for (const r of rows) {
    lines.push([r.name, String(r.runs), r.ms.toFixed(0), (r.ms / base.ms).toFixed(2), r.rssMb.toFixed(1), (r.rssMb / base.rssMb).toFixed(2)])
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  console.log(`node ${process.version}, ${runs} runs interleaved, medians`)
  for (const l of lines) console.log(l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "))
  const help = rows[1]!
  console.log(`vcr --help: ${help.ms.toFixed(0)} ms (target < 300), ${help.rssMb.toFixed(1)} MB (target < 100)`)
}

main()
