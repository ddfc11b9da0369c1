/**
 * How cost grows with history (issue 11): for each size of a ladder of participant rows, a fresh store is filled
 * with demo data of that size (the same density, more months: 1M rows is four months, 10M forty), then measured:
 *   - import: the ordinary import path (generate + decode + store + project), events/s and peak RSS;
 *   - a one-month report: `vcr report consultations --out <csv>` of October 2026, on the bundled CLI;
 *   - tiles: `vcr summary --format json` of the same month, on the bundled CLI.
 * Each in its own process (peak RSS from /usr/bin/time for the CLI, the process's own for the import), on
 * SQLite and, with --postgres, on a fresh PostgreSQL database per size (dropped afterwards).
 *
 *   pnpm build:cli && node --import tsx bench/scale.ts [rows ...] [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--no-sqlite] [--keep]
 *   --keep: SQLite stores stay in bench/out/scale-<rows>.db, and a store kept by an earlier run is reused (its
 *   import not measured again, shown as "kept"), so later code's report and tiles can be measured on the same data.
 *   (default ladder: 1000000 3000000 10000000; sizes from 500000; a 10M SQLite file takes ~6 GB on disk)
 *
 * The expected shape: the month's report costs the same at every size (its range holds the same rows), and the
 * tiles do not grow with the history either. Progress: one line on stderr every 10 seconds.
 */
import * as Demo from "@vcr/demo"
import { openStore } from "@vcr/store"
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { sized } from "./import.ts"
import { cliBundle, maxRssMb, timedCli } from "./measure.ts"

const now = "2026-11-26T07:00:00Z"
const month = { from: "2026-10-01", to: "2026-10-31" }
const out = join(import.meta.dirname, "out")

/**
 * Demo options of about `rows` participant rows at the density of bench/import.ts's 1M rows over four months:
 * 500k rows is two months (the least that holds all of October), 1M four, 3M twelve, 10M forty.
 */
export const scaled = (rows: number): Demo.DemoOptions => {
  if (rows < 500_000) throw new RangeError(`the ladder starts at 500000 rows (two months, so October is whole), got ${rows}`)
  return { ...sized(1_000_000, now), months: Math.round((4 * rows) / 1_000_000) }
}

const organisationsOf = (options: Demo.DemoOptions): Array<string> => {
  const ids: Array<string> = []
  for (const r of Demo.generateDemo(options)) {
    if (r.type === "organisation") ids.push(String(r.id))
    else if (r.type === "event") break
  }
  return ids
}

/** The import, in this (child) process: JSON measurement on stdout's last line. */
const importChild = async (rows: number, url: string) => {
  const store = await openStore(url)
  await store.migrate()
  let events = 0
  let shown = Date.now()
  const options = scaled(rows)
  function* lines() {
    for (const record of Demo.generateDemo(options)) {
      if (record.type === "event") events++
      yield JSON.stringify(record)
    }
  }
  const started = performance.now()
  const summary = await store.importLines(lines(), {
    onProgress: (p) => {
      if (Date.now() - shown < 10_000) return
      shown = Date.now()
      const what = p.phase === "projecting" ? `projecting ${p.components?.done} of ${p.components?.total} components` : `reading: ${p.events} events`
      process.stderr.write(`  ${url.startsWith("sqlite") ? "SQLite" : "PostgreSQL"} ${rows}: ${what}, ${Math.round((performance.now() - started) / 1000)} s\n`)
    }
  })
  const seconds = (performance.now() - started) / 1000
  const counts = await store.counts()
  await store.close()
  console.log(JSON.stringify({
    seconds, events, maxRssMb: maxRssMb(), components: summary.components,
    participantRows: (counts.segment_participants ?? 0) + (counts.room_call_participants ?? 0)
  }))
}

/** The bundled CLI under /usr/bin/time at this bench's instant: wall seconds and peak RSS (MB). */
const timed = (url: string, args: ReadonlyArray<string>) => timedCli(url, args, join(out, "scale-time.txt"), { env: { VCR_NOW: now } })

interface Row {
  store: string
  rows: number
  participantRows: number
  months: number
  importSeconds: number
  eventsPerSecond: number
  importRssMb: number
  reportRows: number
  reportSeconds: number
  reportRssMb: number
  tilesSeconds: number
  tilesRssMb: number
}

/** The participant rows of a kept store (its import is not measured again). */
const keptImport = async (url: string) => {
  const store = await openStore(url)
  const counts = await store.counts()
  await store.close()
  return { seconds: Number.NaN, events: Number.NaN, maxRssMb: Number.NaN, participantRows: (counts.segment_participants ?? 0) + (counts.room_call_participants ?? 0) }
}

const measure = async (name: string, rows: number, url: string, kept = false): Promise<Row> => {
  const imported = kept ? await keptImport(url) : JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--import-child", String(rows), url], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"]
    }).trim().split("\n").pop()!
  ) as { seconds: number; events: number; maxRssMb: number; participantRows: number }
  const orgs = organisationsOf(scaled(rows)).flatMap((id) => ["--org", id])
  const csv = join(out, `scale-${name}-${rows}.csv`)
  const report = timed(url, ["report", "consultations", ...orgs, "--from", month.from, "--to", month.to, "--tz", "Australia/Sydney", "--out", csv])
  const reportRows = readFileSync(csv, "utf8").split("\n").filter((l) => l !== "").length - 1
  rmSync(csv, { force: true })
  const tiles = timed(url, ["summary", ...orgs, "--from", month.from, "--to", month.to, "--tz", "Australia/Sydney", "--format", "json"])
  JSON.parse(tiles.stdout)
  return {
    store: name, rows, participantRows: imported.participantRows, months: scaled(rows).months!,
    importSeconds: imported.seconds, eventsPerSecond: imported.events / imported.seconds, importRssMb: imported.maxRssMb,
    reportRows, reportSeconds: report.seconds, reportRssMb: report.maxRssMb, tilesSeconds: tiles.seconds, tilesRssMb: tiles.maxRssMb
  }
}

const print = (rows: ReadonlyArray<Row>) => {
  const header = ["store", "participant rows", "months", "import s", "events/s", "import RSS MB", "month report rows", "report s", "report RSS MB", "tiles s", "tiles RSS MB"]
  const lines = [header, ...rows.map((r) => [
    r.store, r.participantRows.toLocaleString("en-AU"), String(r.months),
    ...(Number.isNaN(r.importSeconds) ? ["kept", "kept", "kept"] : [r.importSeconds.toFixed(0), Math.round(r.eventsPerSecond).toLocaleString("en-AU"), String(r.importRssMb)]), r.reportRows.toLocaleString("en-AU"), r.reportSeconds.toFixed(1), String(r.reportRssMb), r.tilesSeconds.toFixed(1), String(r.tilesRssMb)
  ])]
  console.log(`| ${header.join(" | ")} |\n|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`)
  for (const l of lines.slice(1)) console.log(`| ${l.join(" | ")} |`)
}

const main = async () => {
  const args = process.argv.slice(2)
  const child = args.indexOf("--import-child")
  if (child >= 0) return importChild(Number(args[child + 1]), args[child + 2]!)
  if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run pnpm build:cli first`)
  const pgAt = args.indexOf("--postgres")
  const admin = pgAt >= 0 ? args[pgAt + 1]! : undefined
  const ladder = args.filter((a, i) => /^\d+$/.test(a) && (pgAt < 0 || i !== pgAt + 1)).map(Number)
  const sizes = ladder.length > 0 ? ladder : [1_000_000, 3_000_000, 10_000_000]
  mkdirSync(out, { recursive: true })
  const results: Array<Row> = []
  for (const rows of sizes) {
    if (!args.includes("--no-sqlite")) {
      const file = join(out, `scale-${rows}.db`)
      const keep = args.includes("--keep")
      const kept = keep && existsSync(file)
      if (!kept) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true })
      results.push(await measure("SQLite", rows, `sqlite:${file}`, kept))
      if (!keep) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true })
      print(results.slice(-1))
    }
    if (admin !== undefined) {
      const name = `vcr_scale_${rows}_${process.pid}`
      const client = new pg.Client({ connectionString: admin })
      await client.connect()
      await client.query(`create database ${name}`)
      try {
        const url = new URL(admin)
        url.pathname = `/${name}`
        results.push(await measure("PostgreSQL", rows, url.toString()))
        print(results.slice(-1))
      } finally {
        await client.query(`drop database if exists ${name} with (force)`)
        await client.end()
      }
    }
  }
  console.log(`\nScale ladder, Node ${process.version}, month ${month.from} to ${month.to}, now ${now}\n`)
  print(results)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main()
