/**
 * Import benchmark (issue 11): the import as users run it against the floor of any import into this schema, in
 * one run, on SQLite and on PostgreSQL. For each size (participant rows of demo data; default 200000 1000000):
 *   - the file: demo NDJSON of about that many participant rows, written once to `<dir>/import-<rows>.ndjson`;
 *   - import: `vcr import <file>` on the bundled CLI into a fresh, migrated store; wall time and peak RSS (from
 *     /usr/bin/time), events/s;
 *   - ceiling: every row that import wrote (events, links, logins, the directory and every fact table), read into
 *     memory first, then written into another fresh store of the same schema as the database's own bulk path
 *     would: on SQLite one prepared statement per table in one transaction, on PostgreSQL `COPY ... FROM STDIN`
 *     per table in one transaction. Only the writes are timed. Its events/s is what an import could reach if
 *     reading, decoding, linking and projecting cost nothing: the import's reference (x ceiling).
 * Then the targets: 80,000 events/s on SQLite (PostgreSQL's figure beside it), and flat memory (peak RSS of the
 * largest size over the smallest).
 *   pnpm build:cli && node --import tsx bench/import.ts [participantRows ...] [--dir <folder>] [--postgres <server-url>] [--no-sqlite] [--before <vcr.js>]
 * `--before <vcr.js>`: the same file also imported by another build of the CLI (an older commit's, built beside this
 * one) into a fresh store, just before this one's, for a before/now ratio from the same run.
 * With --postgres, two databases per size on that server (`vcr_bench_import_<rows>` and `..._ceiling`), created
 * fresh and dropped afterwards.
 */
import * as Demo from "@vcr/demo"
import { openStore } from "@vcr/store"
import Sqlite from "better-sqlite3"
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { from as copyFrom, to as copyTo } from "pg-copy-streams"
import { argsOf, cliBundle, maxRssMb, timedCli } from "./measure.ts"

/** Demo options that give about `rows` participant rows over four months. */
export const sized = (rows: number, now = "2026-11-26T07:00:00Z"): Demo.DemoOptions => {
  const base = { seed: 7, now, months: 4, organisations: 4, clinicsPerOrganisation: 10, sessionsPerClinicPerDay: 1 }
  const perUnit = Demo.estimateParticipantRows(base)
  return { ...base, sessionsPerClinicPerDay: Math.max(1, Math.round(rows / perUnit)) }
}

/** Imports demo data of about `rows` participant rows into `url` in this process (the other benches' stores). */
export const importDemo = async (rows: number, url: string) => {
  const options = sized(rows)
  const store = await openStore(url)
  await store.migrate()
  let events = 0
  function* lines() {
    for (const record of Demo.generateDemo(options)) {
      if (record.type === "event") events++
      yield JSON.stringify(record)
    }
  }
  const started = performance.now()
  let shown = 0
  const summary = await store.importLines(lines(), {
    onProgress: (p) => {
      if (performance.now() - shown < 5_000) return
      shown = performance.now()
      process.stderr.write(`  ${p.phase}: ${p.lines} lines, ${p.events} events\n`)
    }
  })
  const seconds = (performance.now() - started) / 1000
  const counts = await store.counts()
  await store.close()
  return { name: "import (generate + decode + store + project)", rows: events, seconds, maxRssMb: maxRssMb(), extra: { participantRows: (counts.segment_participants ?? 0) + (counts.room_call_participants ?? 0), components: summary.components } }
}

/** The tables an import writes, in the order it first writes them. */
const importedTables = [
  "organisations", "clinics", "users", "organisation_roles", "clinic_roles", "rooms", "reporting_configurations", "logins",
  "events", "links", "sessions", "segments", "segment_hosts", "segment_participants", "room_calls", "room_call_participants",
  "clinic_hosts", "room_hosts"
] as const

interface Ceiling {
  readonly events: number
  readonly seconds: number
  readonly tables: ReadonlyArray<{ readonly table: string; readonly rows: number; readonly seconds: number }>
}

/** SQLite: every row of the store at `source` inserted into a fresh, migrated store at `file` (see the header). */
const sqliteCeiling = async (source: string, file: string): Promise<Ceiling> => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true })
  const store = await openStore(`sqlite:${file}`)
  await store.migrate()
  await store.close()
  const from = new Sqlite(source, { readonly: true })
  const to = new Sqlite(file)
  to.pragma("journal_mode = WAL")
  to.pragma("synchronous = NORMAL")
  to.pragma("cache_size = -2000") // as the store opens it
  const tables: Array<Ceiling["tables"][number]> = []
  to.exec("begin immediate")
  for (const table of importedTables) {
    const read = from.prepare(`select * from "${table}"`).raw(true)
    const columns = read.columns().map((c) => `"${c.name}"`)
    const rows = read.all() as Array<Array<unknown>>
    const insert = to.prepare(`insert into "${table}" (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`)
    const started = performance.now()
    for (const row of rows) insert.run(row)
    tables.push({ table, rows: rows.length, seconds: (performance.now() - started) / 1000 })
  }
  const started = performance.now()
  to.exec("commit")
  tables.push({ table: "(commit)", rows: 0, seconds: (performance.now() - started) / 1000 })
  const events = (from.prepare("select count(*) as n from events").get() as { n: number }).n
  from.close()
  to.close()
  return { events, tables, seconds: tables.reduce((sum, t) => sum + t.seconds, 0) }
}

/** PostgreSQL: every row of the database at `source` copied into a fresh, migrated one at `target` (see the header). */
const postgresCeiling = async (source: string, target: string): Promise<Ceiling> => {
  const store = await openStore(target)
  await store.migrate()
  await store.close()
  const from = new pg.Client({ connectionString: source })
  const to = new pg.Client({ connectionString: target })
  await from.connect()
  await to.connect()
  try {
    const tables: Array<Ceiling["tables"][number]> = []
    await to.query("begin")
    for (const table of importedTables) {
      const chunks: Array<Buffer> = []
      for await (const chunk of from.query(copyTo(`copy "${table}" to stdout`))) chunks.push(chunk as Buffer)
      const rows = chunks.reduce((n, c) => n + c.reduce((k, b) => k + (b === 10 ? 1 : 0), 0), 0)
      const started = performance.now()
      await new Promise<void>((resolve, reject) => {
        const sink = to.query(copyFrom(`copy "${table}" from stdin`))
        sink.once("finish", resolve).once("error", reject)
        for (const chunk of chunks) sink.write(chunk)
        sink.end()
      })
      tables.push({ table, rows, seconds: (performance.now() - started) / 1000 })
    }
    const started = performance.now()
    await to.query("commit")
    tables.push({ table: "(commit)", rows: 0, seconds: (performance.now() - started) / 1000 })
    const events = Number((await from.query("select count(*) as n from events")).rows[0].n)
    return { events, tables, seconds: tables.reduce((sum, t) => sum + t.seconds, 0) }
  } finally {
    await from.end()
    await to.end()
  }
}

/** Writes the demo NDJSON of about `rows` participant rows to `file` (atomically), unless it is there. */
const demoFile = async (rows: number, file: string): Promise<void> => {
  if (existsSync(file)) return
  const partial = `${file}.partial`
  const sink = createWriteStream(partial)
  for (const record of Demo.generateDemo(sized(rows))) {
    if (!sink.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => sink.once("drain", () => resolve()))
  }
  await new Promise<void>((resolve, reject) => {
    sink.once("error", reject)
    sink.end(() => resolve())
  })
  renameSync(partial, file)
}

interface Result {
  readonly store: string
  readonly rows: number
  readonly events: number
  readonly importSeconds: number
  readonly importRssMb: number
  readonly ceiling: Ceiling
  /** With --before: the other build's import of the same file. */
  readonly before?: { readonly seconds: number; readonly maxRssMb: number }
}

const main = async () => {
  const args = process.argv.slice(2)
  const { option, flag } = argsOf(args)
  const dir = option("--dir") ?? join(import.meta.dirname, "out")
  const postgres = option("--postgres")
  const sqlite = !flag("--no-sqlite")
  const before = option("--before")
  const sizes = args.length > 0 ? args.map(Number) : [200_000, 1_000_000]
  if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`pnpm build:cli\` first`)
  mkdirSync(dir, { recursive: true })
  const timing = join(dir, "import-time.txt")
  const results: Array<Result> = []
  for (const rows of sizes) {
    const file = join(dir, `import-${rows}.ndjson`)
    await demoFile(rows, file)
    if (sqlite) {
      const db = join(dir, `import-${rows}.db`)
      const fresh = () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true })
        timedCli(`sqlite:${db}`, ["db", "migrate"], timing)
      }
      let earlier: Result["before"]
      if (before !== undefined) {
        fresh()
        earlier = timedCli(`sqlite:${db}`, ["import", file], timing, { bundle: before })
      }
      fresh()
      const imported = timedCli(`sqlite:${db}`, ["import", file], timing)
      console.error(`SQLite ${rows}: ${imported.stdout.trim()}`)
      const ceiling = await sqliteCeiling(db, join(dir, `import-${rows}-ceiling.db`))
      results.push({ store: "SQLite", rows, events: ceiling.events, importSeconds: imported.seconds, importRssMb: imported.maxRssMb, ceiling, ...(earlier ? { before: earlier } : {}) })
      for (const f of [db, join(dir, `import-${rows}-ceiling.db`)]) for (const suffix of ["", "-wal", "-shm"]) rmSync(f + suffix, { force: true })
    }
    if (postgres !== undefined) {
      const admin = new pg.Client({ connectionString: postgres })
      await admin.connect()
      const names = [`vcr_bench_import_${rows}`, `vcr_bench_import_${rows}_ceiling`]
      const url = (name: string) => {
        const u = new URL(postgres)
        u.pathname = `/${name}`
        return u.toString()
      }
      try {
        const fresh = async () => {
          for (const name of names) {
            await admin.query(`drop database if exists ${name}`)
            await admin.query(`create database ${name}`)
          }
          timedCli(url(names[0]!), ["db", "migrate"], timing)
        }
        let earlier: Result["before"]
        if (before !== undefined) {
          await fresh()
          earlier = timedCli(url(names[0]!), ["import", file], timing, { bundle: before })
        }
        await fresh()
        const imported = timedCli(url(names[0]!), ["import", file], timing)
        console.error(`PostgreSQL ${rows}: ${imported.stdout.trim()}`)
        const ceiling = await postgresCeiling(url(names[0]!), url(names[1]!))
        results.push({ store: "PostgreSQL", rows, events: ceiling.events, importSeconds: imported.seconds, importRssMb: imported.maxRssMb, ceiling, ...(earlier ? { before: earlier } : {}) })
      } finally {
        for (const name of names) await admin.query(`drop database if exists ${name}`)
        await admin.end()
      }
    }
  }

  console.log("\nImport (`vcr import <file>` on the bundled CLI) x ceiling (every row it wrote, inserted raw in one transaction)")
  console.log(`  ${"store".padEnd(11)} ${"rows".padStart(8)} ${"events".padStart(8)} ${"import s".padStart(9)} ${"events/s".padStart(9)} ${"ceiling s".padStart(10)} ${"events/s".padStart(9)} ${"x ceiling".padStart(10)} ${"peak RSS".padStart(9)}`)
  for (const r of results) {
    const rate = r.events / r.importSeconds
    const top = r.events / r.ceiling.seconds
    console.log(`  ${r.store.padEnd(11)} ${String(r.rows).padStart(8)} ${String(r.events).padStart(8)} ${r.importSeconds.toFixed(1).padStart(9)} ${Math.round(rate).toString().padStart(9)} ${r.ceiling.seconds.toFixed(2).padStart(10)} ${Math.round(top).toString().padStart(9)} ${(rate / top).toFixed(2).padStart(10)} ${`${r.importRssMb} MB`.padStart(9)}`)
  }
  for (const r of results) {
    if (r.before === undefined) continue
    console.log(`  ${r.store} ${r.rows}, before (--before): ${r.before.seconds.toFixed(1)} s, ${Math.round(r.events / r.before.seconds)} events/s, peak RSS ${r.before.maxRssMb} MB; now x before: ${(r.before.seconds / r.importSeconds).toFixed(2)}`)
  }
  for (const r of results) {
    console.log(`\n  ${r.store} ${r.rows}, ceiling by table:`)
    for (const t of r.ceiling.tables) {
      console.log(`    ${t.table.padEnd(24)} ${String(t.rows).padStart(9)} rows ${t.seconds.toFixed(2).padStart(6)} s${t.rows > 0 ? ` ${(1e6 * t.seconds / t.rows).toFixed(2).padStart(6)} us/row` : ""}`)
    }
  }
  console.log("\nTargets")
  for (const store of ["SQLite", "PostgreSQL"]) {
    const mine = results.filter((r) => r.store === store)
    if (mine.length === 0) continue
    for (const r of mine) {
      const rate = Math.round(r.events / r.importSeconds)
      const verdict = store === "SQLite" ? (rate >= 80_000 ? "met" : "not met") : "stated"
      console.log(`  ${store} ${r.rows}: ${rate} events/s (target 80000 on SQLite: ${verdict}); the ceiling allows ${Math.round(r.events / r.ceiling.seconds)}`)
    }
    if (mine.length > 1) {
      const [small, large] = [mine[0]!, mine[mine.length - 1]!]
      const growth = large.importRssMb / small.importRssMb
      console.log(`  ${store} peak RSS ${small.rows} -> ${large.rows}: ${small.importRssMb} -> ${large.importRssMb} MB, x${growth.toFixed(2)} (flat, within 10%: ${growth <= 1.1 ? "met" : "not met"})`)
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
