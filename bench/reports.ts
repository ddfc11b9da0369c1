/**
 * Report and tiles benchmark (issue 11): on a store of N participant rows (demo data built through the ordinary
 * import when missing), measures in one run, each in its own child process:
 *   - raw: the driver's own scan of the joined, ordered facts the Consultations report reads (sessions ⋈
 *     segments ⋈ segment_participants of the range, in report order): better-sqlite3 `.raw(true).iterate()`, or
 *     on PostgreSQL a `pg-cursor` in array mode; no report logic. The reference of the CSV and JSON ratios.
 *     On PostgreSQL also "raw COPY": the same query's `COPY ... TO STDOUT` bytes received and their rows counted,
 *     values left unparsed (what the store's streams read, at its floor); the table shows its ratios too.
 *   - csv, json: `vcr report consultations` on the bundled CLI (`node apps/cli/dist/vcr.js`), whole history,
 *     to a file; wall time from spawn to exit (start-up included) and the process's own peak RSS.
 *   - raw window: the driver's scan of the tiles window's facts (sessions ⋈ segments with their hosts, room calls
 *     with theirs), the reference of the tiles ratio; tiles: `Generation.summary` in process (the ratio), and
 *     `vcr summary --format json` on the bundled CLI (wall time and peak RSS).
 *   node --import tsx bench/reports.ts [--dir <folder>] [--postgres <server-url>] [--no-tiles] [--no-sqlite] [participantRows ...]
 * Defaults: 100000 1000000, stores under bench/out. With --postgres, each size also runs against a PostgreSQL
 * database `vcr_bench_reports_<rows>` on that server, created and imported when missing (kept for the next run).
 * `--no-tiles` measures the reports only; `--no-sqlite` only PostgreSQL; `--repeat <n>` runs raw, CSV and JSON n
 * times, interleaved, and keeps the fastest of each (with the highest peak RSS): the machine may be shared;
 * `--before <vcr.js>` also runs CSV and JSON on another build of the CLI (an older commit checked out beside this
 * one), in the same rounds, for before/now ratios from one run. The tiles run `--repeat` rounds too, interleaved
 * (raw window, tiles in process, `vcr summary`; with `--before`, that checkout's tiles in process through its own
 * copy of this file, and its CLI), and print medians with CPU time (user and system, of the measured part: the
 * client's alone on PostgreSQL) and the warm figures (the fastest of three more runs in the same process).
 * `--no-reports` measures the tiles only.
 */
import { Generation, reportIds } from "@vcr/core"
import * as Demo from "@vcr/demo"
import { openStore } from "@vcr/store"
import Sqlite from "better-sqlite3"
import { Effect } from "effect"
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import pg from "pg"
import { to as copyTo } from "pg-copy-streams"
import Cursor from "pg-cursor"
import { importDemo, sized } from "./import.ts"
import { argsOf, cliBundle, fastest, inChild, maxRssMb, table, type Measurement } from "./measure.ts"

const root = join(import.meta.dirname, "..")
const bundle = cliBundle
const probe = join(import.meta.dirname, "startup-probe.cjs")
const now = "2026-11-26T07:00:00Z"
const zone = "Australia/Sydney"
const whole = { from: "2026-07-01", to: "2026-11-26" }
const window = { from: "2026-09-27", to: "2026-11-26" }

const organisationsOf = (rows: number) => {
  const ids: Array<string> = []
  for (const r of Demo.generateDemo(sized(rows))) {
    if (r.type === "organisation") ids.push(String(r.id))
    else if (r.type === "event") break
  }
  return ids
}

/** The joined, ordered facts of the Consultations report over `[start, end)`, as the store's own query reads them. */
const consultationFacts = (p: (i: number) => string) => `
  select s.session_id, s.entry_at, s.consultation_ms, g.segment_id, g.clinic_id, g.queued_call_id, g.entry_at, g.answered_at,
    g.wait_ms, g.end_at, g.consultation_ms, g.transfer_at, g.transferred_to_clinic_id, g.transferred_to_segment_id,
    g.abandoned_at, g.participants, sp.participant_id, sp.kind, sp.user_id, sp.joined_at, sp.left_at, sp.attendance_ms,
    sp.incomplete, sp.min_sent_kbps, sp.max_sent_kbps, sp.avg_sent_kbps, sp.min_received_kbps, sp.max_received_kbps,
    sp.avg_received_kbps
  from sessions s join segments g on g.session_id = s.session_id join segment_participants sp on sp.segment_id = g.segment_id
  where s.entry_at >= ${p(1)} and s.entry_at < ${p(2)}
  order by s.entry_at, s.session_id, g.entry_at, g.start_seq, g.segment_id, sp.ord`

/** The tiles window's facts: sessions with their segments (hosts included), then room calls. */
const windowFacts = (p: (i: number) => string) => [`
  select s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms, g.segment_id, g.clinic_id, g.answered_at, g.wait_ms,
    g.consultation_ms, g.transfer_at, g.transferred_in, g.abandoned_at, g.hosts_json
  from sessions s join segments g on g.session_id = s.session_id
  where s.entry_at >= ${p(1)} and s.entry_at < ${p(2)}
  order by s.entry_at, s.session_id, g.entry_at, g.start_seq, g.segment_id`, `
  select room_call_id, room_id, start_at, duration_ms, hosts_json from room_calls
  where start_at >= ${p(1)} and start_at < ${p(2)} order by start_at, room_call_id`]

const rangeOf = async (url: string, rows: number, range: { from: string; to: string }) => {
  const store = await openStore(url)
  try {
    const run = await Effect.runPromise(Generation.openRun({ organisationIds: organisationsOf(rows), ...range, timezone: zone }, store, Date.parse(now)))
    return [run.parameters.rangeStart, run.parameters.rangeEnd] as const
  } finally {
    await store.close()
  }
}

/** Counts the rows of `queries` with the driver alone: raw arrays, nothing built per row. */
const rawScan = async (url: string, queries: ReadonlyArray<string>, params: ReadonlyArray<number>): Promise<number> => {
  let count = 0
  if (url.startsWith("sqlite:")) {
    const db = new Sqlite(url.slice("sqlite:".length), { readonly: true })
    for (const q of queries) for (const _ of db.prepare(q.replace(/\$\d/g, "?")).raw(true).iterate(...params)) count++
    db.close()
    return count
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  for (const q of queries) {
    const cursor = client.query(new Cursor(q, [...params], { rowMode: "array" }))
    for (;;) {
      const batch = await cursor.read(1000)
      if (batch.length === 0) break
      count += batch.length
    }
    await cursor.close()
  }
  await client.end()
  return count
}

/** Counts the rows of `queries` as PostgreSQL's COPY text (rows are lines; values not parsed): the floor of a COPY read. */
const rawCopy = async (url: string, queries: ReadonlyArray<string>, params: ReadonlyArray<number>): Promise<number> => {
  let count = 0
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  for (const q of queries) {
    const inlined = q.replace(/\$(\d+)/g, (_, i: string) => String(params[Number(i) - 1]))
    for await (const chunk of client.query(copyTo(`copy (${inlined}) to stdout`, { highWaterMark: 1 << 16 }))) {
      const bytes = chunk as Buffer
      for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++
    }
  }
  await client.end()
  return count
}

/** Runs the bundled CLI; wall time from spawn to exit and its peak RSS (from the probe on descriptor 3). */
const cli = (name: string, url: string, args: ReadonlyArray<string>, rows: number, file?: string, cliBundle = bundle): Measurement => {
  const started = performance.now()
  const child = spawnSync(process.execPath, ["-r", probe, cliBundle, "--db", url, ...args], {
    cwd: root, env: { ...process.env, VCR_NOW: now }, stdio: ["ignore", "pipe", "inherit", "pipe"], maxBuffer: 64 * 1024 * 1024
  })
  const seconds = (performance.now() - started) / 1000
  if (child.status !== 0) throw new Error(`vcr ${args.join(" ")} exited with ${child.status}`)
  return {
    name, rows, seconds, maxRssMb: Math.round(Number(child.output[3]?.toString()) / 1024),
    ...(file === undefined ? {} : { bytes: statSync(file).size })
  }
}

const measureInChild = async (kind: string, url: string, rows: number): Promise<Measurement> => {
  if (kind.startsWith("raw")) {
    const params = await rangeOf(url, rows, kind.startsWith("raw-window") ? window : whole)
    const placeholder = (i: number) => `$${i}`
    const queries = kind.startsWith("raw-window") ? windowFacts(placeholder) : [consultationFacts(placeholder)]
    const started = performance.now()
    const cpu = process.cpuUsage()
    const count = await (kind.endsWith("COPY") ? rawCopy : rawScan)(url, queries, params)
    return { name: kind, rows: count, seconds: (performance.now() - started) / 1000, maxRssMb: maxRssMb(), extra: { cpu: cpuSeconds(cpu) } }
  }
  // tiles in process: the figure the tiles ratio uses (no process start-up). The first run (cold: the code is
  // compiled as it runs) is the measurement; three more give the warm figures (the fastest), in `extra`.
  const store = await openStore(url)
  await store.migrate()
  const organisationIds = organisationsOf(rows)
  const runs: Array<{ seconds: number; cpu: number; figures: string }> = []
  for (let i = 0; i < 4; i++) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    const summary = await Effect.runPromise(Generation.summary({ organisationIds, ...window, timezone: zone }, store, Date.parse(now)))
    runs.push({ seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu), figures: JSON.stringify(summary.tiles.map((t) => t.figures)) })
  }
  await store.close()
  if (runs.some((r) => r.figures !== runs[0]!.figures)) throw new Error("the tiles differ between runs")
  const warm = runs.slice(1).reduce((a, b) => (b.seconds < a.seconds ? b : a))
  const count = Number(JSON.parse(runs[0]!.figures)[reportIds.indexOf("consultations")].consultations)
  return {
    name: "tiles (in process)", rows: count, seconds: runs[0]!.seconds, maxRssMb: maxRssMb(),
    extra: { cpu: runs[0]!.cpu, warmSeconds: warm.seconds, warmCpu: Math.min(...runs.slice(1).map((r) => r.cpu)), figures: runs[0]!.figures }
  }
}

/** CPU seconds (user and system) of this process since `from`. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from)
  return (used.user + used.system) / 1e6
}


/** A child of the `--before` checkout's own bench/reports.ts (this file copied there), as `inChild`. */
const beforeChild = (beforeRoot: string, args: ReadonlyArray<string>): Measurement => {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(beforeRoot, "bench/reports.ts"), ...args], {
    cwd: beforeRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"]
  })
  return JSON.parse(out.trim().split("\n").pop()!) as Measurement
}

const build = async (url: string, rows: number) => {
  console.error(`building ${url} (${rows} participant rows)…`)
  const m = await importDemo(rows, url)
  console.error(`  import: ${Math.round(m.rows / m.seconds)} events/s, peak RSS ${m.maxRssMb} MB`)
}

/** A PostgreSQL database of the bench on `server`, created and imported when missing. */
const postgresStore = async (server: string, rows: number): Promise<string> => {
  const name = `vcr_bench_reports_${rows}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1
  if (!exists) await admin.query(`create database ${name}`)
  await admin.end()
  const target = new URL(server)
  target.pathname = `/${name}`
  const url = target.toString()
  if (!exists) await build(url, rows)
  return url
}

/** Every target of issue 11 this bench measures, with its figure from this run and whether it is met. */
const printTargets = (verdicts: ReadonlyArray<{ label: string; rows: number; csv?: number; json?: number; reportRssMb?: number; tiles?: number; tilesSeconds?: number; tilesRssMb?: number }>) => {
  const met = (ok: boolean) => (ok ? "met" : "NOT MET")
  console.log("\nTargets (ratios against the reference of the same run)")
  for (const v of verdicts) {
    const parts: Array<string> = []
    if (v.csv !== undefined) parts.push(`CSV x raw ${v.csv.toFixed(2)} (>= 0.6 ${met(v.csv >= 0.6)})`, `JSON x raw ${v.json!.toFixed(2)} (>= 0.5 ${met(v.json! >= 0.5)})`, `report peak RSS ${v.reportRssMb} MB (< 150 ${met(v.reportRssMb! < 150)})`)
    if (v.tiles !== undefined) parts.push(`tiles x raw window ${v.tiles.toFixed(2)} (<= 1.5 ${met(v.tiles <= 1.5)})`, `tiles ${v.tilesSeconds!.toFixed(2)} s (< 1 s ${met(v.tilesSeconds! < 1)})`, `vcr summary peak RSS ${v.tilesRssMb} MB (< 150 ${met(v.tilesRssMb! < 150)})`)
    console.log(`  ${v.label} ${v.rows}: ${parts.join("; ")}`)
  }
  for (const label of new Set(verdicts.map((v) => v.label))) {
    const mine = verdicts.filter((v) => v.label === label)
    if (mine.length < 2) continue
    const [small, large] = [mine[0]!, mine[mine.length - 1]!]
    for (const [what, a, b] of [["report", small.reportRssMb, large.reportRssMb], ["vcr summary", small.tilesRssMb, large.tilesRssMb]] as const) {
      if (a === undefined || b === undefined) continue
      console.log(`  ${label} ${what} peak RSS ${small.rows} -> ${large.rows}: ${a} -> ${b} MB, x${(b / a).toFixed(2)} (within 10% ${met(b / a <= 1.1)})`)
    }
  }
}

const args = process.argv.slice(2)
if (args[0] === "--child") {
  console.log(JSON.stringify(await measureInChild(args[1]!, args[2]!, Number(args[3]))))
} else {
  const { option, flag } = argsOf(args)
  const dir = option("--dir") ?? join(import.meta.dirname, "out")
  const postgres = option("--postgres")
  const repeat = Number(option("--repeat") ?? 1)
  const before = option("--before")
  const withTiles = !flag("--no-tiles")
  const withReports = !flag("--no-reports")
  const sqlite = !flag("--no-sqlite")
  const sizes = args.map(Number)
  const out = join(import.meta.dirname, "out")
  mkdirSync(out, { recursive: true })
  mkdirSync(dir, { recursive: true })
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`pnpm build:cli\` first`)
  /** What each store and size gave against its targets (printed at the end). */
  const verdicts: Array<{ label: string; rows: number; csv?: number; json?: number; reportRssMb?: number; tiles?: number; tilesSeconds?: number; tilesRssMb?: number }> = []
  for (const rows of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
    const stores: Array<[string, string]> = []
    if (sqlite) {
      const file = join(dir, `bench-${rows}.db`)
      if (!existsSync(file)) await build(`sqlite:${file}`, rows)
      stores.push(["SQLite", `sqlite:${file}`])
    }
    if (postgres !== undefined) stores.push(["PostgreSQL", await postgresStore(postgres, rows)])
    const orgs = organisationsOf(rows).flatMap((id) => ["--org", id])
    for (const [label, url] of stores) {
      // Migrating once before anything is timed: the CLI runs below then find the schema up to date.
      const store = await openStore(url)
      await store.migrate()
      await store.close()
      const report = (format: string, cliBundle?: string) => {
        const target = join(out, `consultations-${rows}.${format}`)
        // A fresh file each time: replacing the last round's (775 MB for the 1M JSON) costs its removal in the rename.
        rmSync(target, { force: true })
        const name = `${format} (vcr report${cliBundle === undefined ? "" : ", before"})`
        return cli(name, url, ["report", "consultations", ...orgs, "--from", whole.from, "--to", whole.to, "--tz", zone, "--format", format, "--out", target], 0, target, cliBundle)
      }
      let raw: Measurement | undefined
      const kept = new Map<string, Measurement>()
      const keep = (m: Measurement) => kept.set(m.name, fastest(kept.get(m.name), { ...m, rows: raw!.rows }))
      const copies = url.startsWith("postgres")
      for (let run = 0; run < (withReports ? repeat : 0); run++) {
        raw = fastest(raw, inChild("reports.ts", ["--child", "raw", url, String(rows)]))
        if (copies) keep(inChild("reports.ts", ["--child", "raw COPY", url, String(rows)]))
        for (const format of ["csv", "json"]) {
          if (before !== undefined) keep(report(format, before))
          keep(report(format))
        }
      }
      const verdict: (typeof verdicts)[number] = { label, rows }
      verdicts.push(verdict)
      if (withReports) {
        console.log(`\n${label}, ${rows} participant rows: consultations over the whole history (rows = joined fact rows), x raw`)
        table([raw!, ...kept.values()], "raw")
        const csv = kept.get("csv (vcr report)")!
        const json = kept.get("json (vcr report)")!
        Object.assign(verdict, { csv: raw!.seconds / csv.seconds, json: raw!.seconds / json.seconds, reportRssMb: Math.max(csv.maxRssMb, json.maxRssMb) })
        if (copies) {
          console.log("  x raw COPY (the same rows through COPY, unparsed):")
          table([...kept.values()], "raw COPY")
        }
      }
      if (!withTiles) continue
      // Tiles: per round, each in its own process and interleaved, the raw window, the tiles in process (cold) of
      // this checkout and of the `--before` one (its own bench/reports.ts child), then `vcr summary` of each.
      const beforeRoot = before === undefined ? undefined : resolve(dirname(before), "../../..")
      const tilesRounds = new Map<string, Array<Measurement>>()
      const record = (m: Measurement) => tilesRounds.set(m.name, [...(tilesRounds.get(m.name) ?? []), m])
      const summaryArgs = ["summary", ...orgs, "--from", window.from, "--to", window.to, "--tz", zone, "--format", "json"]
      for (let run = 0; run < repeat; run++) {
        record(inChild("reports.ts", ["--child", "raw-window", url, String(rows)]))
        if (url.startsWith("postgres")) record(inChild("reports.ts", ["--child", "raw-window COPY", url, String(rows)]))
        if (beforeRoot !== undefined) record({ ...beforeChild(beforeRoot, ["--child", "tiles", url, String(rows)]), name: "tiles, before (in process)" })
        record(inChild("reports.ts", ["--child", "tiles", url, String(rows)]))
        if (before !== undefined) record(cli("tiles (vcr summary, before)", url, summaryArgs, 0, undefined, before))
        record(cli("tiles (vcr summary)", url, summaryArgs, 0))
      }
      const figures = new Set([...tilesRounds.values()].flat().map((m) => m.extra?.figures).filter((f) => f !== undefined))
      if (figures.size > 1) throw new Error(`the tiles differ between runs or builds: ${[...figures].join(" / ")}`)
      const median = (xs: ReadonlyArray<number>) => {
        const sorted = [...xs].sort((a, b) => a - b)
        return sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2
      }
      const of = (m: Array<Measurement>, key: string) => median(m.map((x) => Number(x.extra?.[key] ?? Number.NaN)))
      const rawRuns = tilesRounds.get("raw-window")!
      const rawSeconds = median(rawRuns.map((m) => m.seconds))
      const rawCpu = of(rawRuns, "cpu")
      console.log(`${label}, ${rows} participant rows: tiles for ${window.from}..${window.to}, medians of ${repeat} interleaved round(s); x raw window (lower is better; target <= 1.5 and < 1 s)`)
      console.log(`  ${"measurement".padEnd(28)} ${"wall s".padStart(7)} ${"x raw".padStart(6)} ${"CPU s".padStart(6)} ${"x raw".padStart(6)} ${"warm s".padStart(7)} ${"warm CPU".padStart(8)} ${"x raw".padStart(6)}  peak RSS`)
      for (const [name, runs] of tilesRounds) {
        const seconds = median(runs.map((m) => m.seconds))
        const cpu = of(runs, "cpu")
        const warmCpu = of(runs, "warmCpu")
        const cells = [
          seconds.toFixed(3).padStart(7), (seconds / rawSeconds).toFixed(2).padStart(6),
          Number.isNaN(cpu) ? "".padStart(6) : cpu.toFixed(3).padStart(6), Number.isNaN(cpu) ? "".padStart(6) : (cpu / rawCpu).toFixed(2).padStart(6),
          Number.isNaN(warmCpu) ? "".padStart(7) : of(runs, "warmSeconds").toFixed(3).padStart(7),
          Number.isNaN(warmCpu) ? "".padStart(8) : warmCpu.toFixed(3).padStart(8), Number.isNaN(warmCpu) ? "".padStart(6) : (warmCpu / rawCpu).toFixed(2).padStart(6)
        ]
        console.log(`  ${name.padEnd(28)} ${cells.join(" ")}  ${Math.max(...runs.map((m) => m.maxRssMb))} MB${name === "raw-window" ? ` (${runs[0]!.rows} rows)` : ""}`)
        console.log(`  ${"".padEnd(28)} rounds: ${runs.map((m) => m.seconds.toFixed(2)).join(", ")}`)
      }
      const tiles = tilesRounds.get("tiles (in process)")!
      const summaries = tilesRounds.get("tiles (vcr summary)")!
      Object.assign(verdict, {
        tiles: median(tiles.map((m) => m.seconds)) / rawSeconds, tilesSeconds: median(tiles.map((m) => m.seconds)),
        tilesRssMb: Math.max(...summaries.map((m) => m.maxRssMb))
      })
      const copyRuns = tilesRounds.get("raw-window COPY")
      if (copyRuns !== undefined) {
        const copySeconds = median(copyRuns.map((m) => m.seconds))
        const copyCpu = of(copyRuns, "cpu")
        for (const [name, runs] of tilesRounds) {
          if (!name.includes("in process")) continue
          console.log(`  ${name} x raw-window COPY: wall ${(median(runs.map((m) => m.seconds)) / copySeconds).toFixed(2)}, CPU ${(of(runs, "cpu") / copyCpu).toFixed(2)}`)
        }
      }
    }
  }
  printTargets(verdicts)
}
