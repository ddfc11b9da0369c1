/**
 * Rendering prepared reports and summaries in the formats of SPEC §8: CSV and JSON from core's writers,
 * XLSX from @vcr/xlsx; to standard output or atomically to a file.
 */
import { pipeChunks, renderToFile, textChunks, type Format } from "@vcr/api"
import { Generation, type RunInput, type Summary } from "@vcr/core"
import { Effect } from "effect"
import type { Store } from "@vcr/store"
import { UsageError } from "./failure.ts"

export type { Format }

/** The format: the option, else the output file's extension, else CSV. */
export const formatFromOptions = (format: string | undefined, out: string | undefined): Format => {
  if (format === "xlsx" || format === "csv" || format === "json") return format
  if (format !== undefined) throw new UsageError(`--format must be xlsx, csv or json (got "${format}")`)
  const ext = out?.toLowerCase().match(/\.(xlsx|csv|json)$/)?.[1]
  return (ext as Format | undefined) ?? "csv"
}

/** Who generated a report from the command line, as shown in the workbook's parameters. */
export const cliActor = "vcr command line"

/** Prepares and writes one report. Bad input fails before any byte is written. */
export const renderReport = async (
  store: Store,
  reportId: string,
  input: RunInput,
  options: { format: Format; out: string | undefined; now: number }
): Promise<void> => {
  const prepared = await Effect.runPromise(Generation.prepare(reportId, input, store, { now: options.now, generatedBy: cliActor }))
  if (options.out !== undefined) await renderToFile(prepared, options.format, options.out)
  else if (options.format === "xlsx") throw new UsageError("--format xlsx needs --out <path>")
  else await pipeChunks(textChunks(prepared, options.format), process.stdout)
}

/** A readable table of the tiles. */
export const summaryText = (summary: Summary): string => {
  const p = summary.parameters
  const lines = [
    `Summary for ${p.organisation_ids.join(", ")}${p.clinic_id === null ? "" : ` (clinic ${p.clinic_id})`}, ${p.from} to ${p.to} (${p.timezone}), minimum ${p.minimum_duration_minutes} min`,
    ""
  ]
  let category = ""
  for (const tile of summary.tiles) {
    if (tile.category !== category) {
      category = tile.category
      lines.push(category.charAt(0).toUpperCase() + category.slice(1))
    }
    lines.push(`  ${tile.title}`)
    const width = Math.max(...Object.keys(tile.figures).map((k) => k.length))
    for (const [key, value] of Object.entries(tile.figures)) lines.push(`    ${key.padEnd(width)}  ${value === null ? "-" : value}`)
  }
  return lines.join("\n") + "\n"
}

/** Computes and prints the summary tiles. */
export const renderSummary = async (store: Store, input: RunInput, options: { format: "text" | "json"; now: number }) => {
  const summary = await Effect.runPromise(Generation.summary(input, store, options.now))
  process.stdout.write(options.format === "json" ? JSON.stringify(summary, null, 2) + "\n" : summaryText(summary))
}
