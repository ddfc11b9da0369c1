/**
 * Import benchmark: generates demo data sized to N participant rows (default 1,000,000) with core's seeded
 * generator, imports it through the ordinary import path, and prints events/s and peak RSS.
 *   node --import tsx bench/import.ts [participantRows] [--db sqlite:bench/out/1m.db] [--raw]
 * With `--raw`, the reference instead: the same demo events inserted into a fresh store's `events` table with one
 * prepared better-sqlite3 statement in one transaction (no decoding, components or projection).
 */
import * as Demo from "@vcr/demo"
import { openStore } from "@vcr/store"
import Sqlite from "better-sqlite3"
import { mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { maxRssMb } from "./measure.ts"

/** Demo options that give about `rows` participant rows over four months. */
export const sized = (rows: number, now = "2026-11-26T07:00:00Z"): Demo.DemoOptions => {
  const base = { seed: 7, now, months: 4, organisations: 4, clinicsPerOrganisation: 10, sessionsPerClinicPerDay: 1 }
  const perUnit = Demo.estimateParticipantRows(base)
  return { ...base, sessionsPerClinicPerDay: Math.max(1, Math.round(rows / perUnit)) }
}

export const benchDatabase = (rows: number) => join(import.meta.dirname, "out", `bench-${rows}.db`)

/** Imports demo data of about `rows` participant rows into `url`; returns the measurement. */
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
  const summary = await store.importLines(lines(), {
    onProgress: (p) => process.stderr.write(`\r  ${p.lines} lines, ${p.events} events`)
  })
  const seconds = (performance.now() - started) / 1000
  process.stderr.write("\n")
  const counts = await store.counts()
  await store.close()
  return { name: "import (generate + decode + store + project)", rows: events, seconds, maxRssMb: maxRssMb(), extra: { participantRows: (counts.segment_participants ?? 0) + (counts.room_call_participants ?? 0), components: summary.components } }
}

/** Raw SQLite inserts of the same events (the reference): one prepared statement, one transaction. */
export const rawInsert = async (rows: number, file: string) => {
  const store = await openStore(`sqlite:${file}`)
  await store.migrate()
  await store.close()
  const database = new Sqlite(file)
  database.pragma("journal_mode = WAL")
  database.pragma("synchronous = NORMAL")
  const columns = [
    "id", "identity", "event", "at", "session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id", "role",
    "user_id", "room_id", "room_call_id", "to_clinic_id", "to_segment_id", "to_queued_call_id", "component"
  ]
  const insert = database.prepare(`insert into events (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`)
  let events = 0
  const started = performance.now()
  database.transaction(() => {
    for (const record of Demo.generateDemo(sized(rows))) {
      if (record.type !== "event") continue
      const line = JSON.stringify(record)
      const e = record as unknown as Record<string, unknown>
      insert.run(e.id, line, e.event, Date.parse(String(e.at)), ...columns.slice(4, 16).map((c) => e[c] ?? null), 0)
      events++
    }
  })()
  const seconds = (performance.now() - started) / 1000
  database.close()
  return { name: "raw SQLite inserts (generate + JSON + insert)", rows: events, seconds, maxRssMb: maxRssMb() }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000)
  const dbIndex = process.argv.indexOf("--db")
  let url = dbIndex > 0 ? process.argv[dbIndex + 1]! : undefined
  if (url === undefined) {
    mkdirSync(join(import.meta.dirname, "out"), { recursive: true })
    const file = benchDatabase(rows)
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true })
    url = `sqlite:${file}`
  }
  if (process.argv.includes("--raw")) {
    const file = url.replace(/^sqlite:/, "")
    const m = await rawInsert(rows, file)
    console.error(`raw: inserted ${m.rows} events in ${m.seconds.toFixed(1)} s: ${Math.round(m.rows / m.seconds)} events/s`)
    console.log(JSON.stringify(m))
    process.exit(0)
  }
  const m = await importDemo(rows, url)
  console.error(`imported ${m.rows} events (${m.extra.participantRows} participant rows) in ${m.seconds.toFixed(1)} s: ${Math.round(m.rows / m.seconds)} events/s, peak RSS ${m.maxRssMb} MB`)
  console.log(JSON.stringify(m))
}
