/**
 * Ingest throughput over HTTP against `vcr import` of the same file, in the same run (SPEC §11.6): writes a demo
 * NDJSON file, imports it with the built CLI into one fresh database, then, into another, pushes it to `vcr serve`
 * with `vcr push` (chunked) and as one streamed request. Wall times of the client commands; the server is started
 * first and not timed. Needs `pnpm build:cli`.
 *   node --import tsx bench/ingest.ts [participantRows=100000] [--postgres postgres://…/db1,postgres://…/db2]
 */
import * as Demo from "@vcr/demo"
import { execFileSync, spawn } from "node:child_process"
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import { Readable } from "node:stream"
import { sized } from "./import.ts"

const root = join(import.meta.dirname, "..")
const vcrBundle = join(root, "apps/cli/dist/vcr.js")
const out = join(import.meta.dirname, "out")

const vcr = (args: ReadonlyArray<string>, db: string): string =>
  execFileSync(process.execPath, [vcrBundle, ...args], { env: { ...process.env, VCR_DATABASE_URL: db }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })

const timed = <A>(run: () => A): { result: A; seconds: number } => {
  const started = performance.now()
  const result = run()
  return { result, seconds: (performance.now() - started) / 1000 }
}

/** Starts `vcr serve` on a free port; resolves with its URL and a stop function. */
const serve = (db: string) =>
  new Promise<{ url: string; peakRssMb: () => number; stop: () => Promise<void> }>((resolve, reject) => {
    const child = spawn(process.execPath, [vcrBundle, "serve", "--port", "0", "--no-worker", "--files", join(out, "files")], {
      env: { ...process.env, VCR_DATABASE_URL: db }, stdio: ["ignore", "pipe", "inherit"]
    })
    let text = ""
    child.stdout.on("data", (d: Buffer) => {
      text += d.toString()
      const m = /at (http:\/\/[^/\s]+)\//.exec(text)
      if (m !== null) resolve({
        url: m[1]!,
        // The server's peak resident set so far (Linux), MB: flat in the body size if bodies are streamed.
        peakRssMb: () => {
          const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))
          return hwm === null ? Number.NaN : Math.round(Number(hwm[1]) / 1024)
        },
        stop: () => (child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise((done) => { child.once("exit", () => done()); child.kill("SIGTERM") }))
      })
    })
    child.once("exit", (code) => reject(new Error(`vcr serve exited with ${code}`)))
  })

const sqliteUrl = (name: string) => {
  const file = join(out, `ingest-${name}.db`)
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true })
  return `sqlite:${file}`
}

const rows = Number(process.argv[2] ?? 100_000)
const pgIndex = process.argv.indexOf("--postgres")
const postgres = pgIndex > 0 ? process.argv[pgIndex + 1]!.split(",") : undefined
mkdirSync(out, { recursive: true })

// The file: demo data of about `rows` participant rows, written once.
const file = join(out, `ingest-${rows}.ndjson`)
let events = 0
await new Promise<void>((resolve, reject) => {
  const sink = createWriteStream(file)
  sink.once("error", reject).once("finish", resolve)
  Readable.from((function* () {
    for (const record of Demo.generateDemo(sized(rows))) {
      if (record.type === "event") events++
      yield `${JSON.stringify(record)}\n`
    }
  })()).pipe(sink)
})
const bytes = statSync(file).size
console.error(`file: ${events} events, ${(bytes / 1e6).toFixed(1)} MB`)

const databases = (name: string) => postgres ?? [sqliteUrl(`${name}-import`), sqliteUrl(`${name}-http`), sqliteUrl(`${name}-single`)]
const dbs = databases("run")
const results: Array<{ name: string; seconds: number; serverRssMb?: number }> = []

const imported = timed(() => vcr(["import", file], dbs[0]!))
results.push({ name: "vcr import <file> (baseline)", seconds: imported.seconds })
console.error(imported.result.trim())

for (const [i, chunkBytes] of [[1, 8 * 1024 * 1024], [2, 1024 * 1024]] as const) {
  const db = i === 1 ? dbs[1]! : (postgres === undefined ? sqliteUrl(`run-http-small`) : dbs[2]!)
  vcr(["db", "migrate"], db)
  const token = vcr(["token", "create", "--service", "bench", "--scope", "ingest"], db).trim()
  const server = await serve(db)
  try {
    const pushed = timed(() => vcr(["push", file, "--url", server.url, "--token", token, "--chunk-bytes", String(chunkBytes)], db))
    results.push({ name: `vcr push, ${chunkBytes / (1024 * 1024)} MB chunks`, seconds: pushed.seconds, serverRssMb: server.peakRssMb() })
    console.error(pushed.result.trim())
    if (i === 2 && bytes <= 50 * 1024 * 1024 && postgres === undefined) {
      // The same file as one request, streamed from disk (what `curl --data-binary @file` does), into a fresh database.
      await server.stop()
      const single = sqliteUrl("run-single")
      vcr(["db", "migrate"], single)
      const token2 = vcr(["token", "create", "--service", "bench", "--scope", "ingest"], single).trim()
      const server2 = await serve(single)
      try {
        const started = performance.now()
        const res = await fetch(`${server2.url}/api/v1/events`, {
          method: "POST", body: Readable.toWeb(createReadStream(file)) as ReadableStream, duplex: "half",
          headers: { Authorization: `Bearer ${token2}`, "Content-Type": "application/x-ndjson" }
        } as RequestInit)
        const body = await res.text()
        results.push({ name: "one POST of the whole file (streamed)", seconds: (performance.now() - started) / 1000, serverRssMb: server2.peakRssMb() })
        console.error(res.status, body)
      } finally {
        await server2.stop()
      }
      continue
    }
  } finally {
    await server.stop()
  }
}

const base = results[0]!.seconds
console.log(`${events} events, ${(bytes / 1e6).toFixed(1)} MB, ${postgres === undefined ? "SQLite" : "PostgreSQL"}`)
console.log("| measurement | seconds | events/s | x vcr import | server peak RSS MB |")
console.log("| --- | ---: | ---: | ---: | ---: |")
for (const r of results) {
  console.log(`| ${r.name} | ${r.seconds.toFixed(2)} | ${Math.round(events / r.seconds)} | ${(base / r.seconds).toFixed(2)} | ${r.serverRssMb ?? ""} |`)
}
