/**
 * Report benchmark (issue 3): on a database of N participant rows (made by bench/import.ts when missing),
 * measures in one run, each in its own child process for a clean peak RSS:
 *   - baseline: stream the same sessions and participants out of the store, no report logic;
 *   - the Waiting Area Consultations report to CSV and to JSON (files under bench/out);
 *   - the summary tiles for a two-month-minus-a-day range.
 *   node --import tsx bench/reports.ts [participantRows ...]     (default: 100000 1000000)
 */
import { Generation, Output, Parameters } from "@vcr/core"
import * as Demo from "@vcr/demo"
import { openStore } from "@vcr/store"
import { Effect } from "effect"
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs"
import { once } from "node:events"
import { join } from "node:path"
import { benchDatabase, importDemo, sized } from "./import.ts"
import { inChild, maxRssMb, table, type Measurement } from "./measure.ts"

const now = Date.parse("2026-11-26T07:00:00Z")
const organisationsOf = (rows: number) => {
  const ids: Array<string> = []
  for (const r of Demo.generateDemo(sized(rows))) {
    if (r.type === "organisation") ids.push(String(r.id))
    else if (r.type === "event") break
  }
  return ids
}
const whole = (rows: number) => ({ organisationIds: organisationsOf(rows), from: "2026-07-01", to: "2026-11-26", timezone: "Australia/Sydney" })

const measureOne = async (kind: string, rows: number): Promise<Measurement> => {
  const store = await openStore(`sqlite:${benchDatabase(rows)}`)
  const started = performance.now()
  let count = 0
  let bytes: number | undefined
  if (kind === "baseline") {
    const run = await Effect.runPromise(Generation.openRun(whole(rows), store, now))
    const { rangeStart: start, rangeEnd: end } = run.parameters
    for await (const s of store.sessions({ start, end, clinicIds: run.clinics.map((c) => c.id), participants: true })) {
      for (const g of s.segments) count += g.participants.length
    }
  } else if (kind === "csv" || kind === "json") {
    const prepared = await Effect.runPromise(Generation.prepare("consultations", whole(rows), store, { now, generatedBy: "bench" }))
    async function* counted(): AsyncGenerator<unknown> {
      for await (const r of prepared.rows) {
        count++
        yield r
      }
    }
    const file = join(import.meta.dirname, "out", `consultations-${rows}.${kind}`)
    const out = createWriteStream(file)
    for await (const chunk of kind === "csv" ? Output.csv(prepared.context, counted()) : Output.json(prepared.context, counted())) {
      if (!out.write(chunk)) await once(out, "drain")
    }
    out.end()
    await once(out, "close")
    bytes = statSync(file).size
  } else if (kind === "tiles") {
    const summary = await Effect.runPromise(Generation.summary({ ...whole(rows), from: "2026-09-27", to: "2026-11-26" }, store, now))
    count = Number(summary.tiles.find((t) => t.report === "consultations")!.figures.consultations)
  }
  const seconds = (performance.now() - started) / 1000
  await store.close()
  return { name: `${kind} @ ${rows}`, rows: count, seconds, maxRssMb: maxRssMb(), ...(bytes === undefined ? {} : { bytes }) }
}

if (process.argv[2] === "--child") {
  console.log(JSON.stringify(await measureOne(process.argv[3]!, Number(process.argv[4]))))
} else {
  const sizes = process.argv.slice(2).map(Number)
  mkdirSync(join(import.meta.dirname, "out"), { recursive: true })
  for (const rows of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
    if (!existsSync(benchDatabase(rows))) {
      console.error(`building ${benchDatabase(rows)} (${rows} participant rows)…`)
      const m = await importDemo(rows, `sqlite:${benchDatabase(rows)}`)
      console.error(`  import: ${Math.round(m.rows / m.seconds)} events/s, peak RSS ${m.maxRssMb} MB`)
    }
    const results = ["baseline", "csv", "json", "tiles"].map((kind) => inChild("reports.ts", ["--child", kind, String(rows)]))
    console.log(`\n${rows} participant rows (consultations report over the whole history; tiles for 2026-09-27..2026-11-26, rows = counted sessions)`)
    table(results, `baseline @ ${rows}`)
  }
  void Parameters
}
