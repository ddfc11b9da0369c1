/**
 * How a team uses the vcr packages (the TypeScript twin of index.js, type-checked with moduleResolution
 * nodenext): NDJSON events in; the consultations report as XLSX and CSV and the summary tiles out, computed
 * once in memory (@vcr/core alone, Effect) and once on SQLite (@vcr/engine's Promise facade); they must agree.
 */
import { Generation, MemorySource, Output, Records, type InputRecord, type Prepared, type RunInput, type Summary } from "@vcr/core"
import { createEngine } from "@vcr/engine"
import { Effect } from "effect"
import { deepStrictEqual } from "node:assert"
import { createReadStream, readFileSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { createInterface } from "node:readline"

const input: RunInput = { organisationIds: ["org-harbour"], from: "2026-05-11", to: "2026-05-12", timezone: "Australia/Perth" }
const now = Date.parse("2026-06-01T00:00:00Z") // fixed, so every run writes the same files
const options = { now, generatedBy: "library-consumer" }

const csvOf = async (report: Prepared): Promise<string> => {
  let text = ""
  for await (const chunk of Output.csv(report.context, report.rows)) text += chunk
  return text
}
const tileLines = (summary: Summary): Array<string> => summary.tiles.map((tile) => `  ${tile.title}: ${JSON.stringify(tile.figures)}`)

// In memory: decode each line (a bad one is a MalformedLine naming the line and the rule), then run on records.
const records: Array<InputRecord> = []
readFileSync("events.ndjson", "utf8").split("\n").forEach((line, i) => {
  const record = Records.decodeLine(line, i + 1)
  if (record instanceof Error) throw record
  if (record !== undefined) records.push(record)
})
const memory = MemorySource.fromRecords(records)
const memoryCsv = await csvOf(await Effect.runPromise(Generation.prepare("consultations", input, memory, options)))
const memoryTiles = await Effect.runPromise(Generation.summary(input, memory, now))

// On SQLite through the engine: import the same file (all or nothing, safe to repeat), write the report to files
// (atomically; the folder is created) and compute the tiles.
await mkdir("out", { recursive: true }) // SQLite creates the database file, not its folder
const engine = await createEngine({ database: "sqlite:out/vcr.db", files: "out/history", now: () => now })
try {
  const imported = await engine.store.importLines(createInterface({ input: createReadStream("events.ndjson"), crlfDelay: Infinity }))
  const request = { report: "consultations", ...input, generatedBy: "library-consumer" }
  const workbook = await engine.report({ ...request, path: "out/consultations.xlsx" })
  const table = await engine.report({ ...request, path: "out/consultations.csv" })
  const sqliteCsv = readFileSync("out/consultations.csv", "utf8")
  const sqliteTiles = await engine.summary(input)

  deepStrictEqual(sqliteCsv, memoryCsv, "the report on SQLite differs from the report in memory")
  deepStrictEqual(sqliteTiles.tiles, memoryTiles.tiles, "the tiles on SQLite differ from the tiles in memory")
  console.log(`imported ${imported.lines} lines (${imported.events.inserted} new events) into out/vcr.db`)
  console.log(`wrote out/consultations.xlsx (${workbook.bytes} bytes) and out/consultations.csv (${table.bytes} bytes, ${sqliteCsv.split("\r\n").length - 2} rows)`)
  console.log(`tiles for ${input.from} to ${input.to} (${input.timezone}), the same in memory and on SQLite:`)
  console.log(tileLines(sqliteTiles).join("\n"))
} finally {
  await engine.close()
}
