/**
 * `vcr report` and `vcr summary`: the engine writes the report (to standard output, or atomically to a file) and
 * computes the tiles; this module picks the format from the options and prints the tiles as text or JSON.
 */
import type { Engine, Format } from "@vcr/engine"
import type { RunInput, Summary } from "@vcr/core"
import { basename } from "node:path"
import { UsageError } from "./failure.ts"
import type { Progress } from "./progress.ts"

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

/** Writes one report; to a file with `progress`, the bytes written are shown on it. Bad input fails before any byte is written. */
export const renderReport = async (
  engine: Engine,
  reportId: string,
  input: RunInput,
  options: { format: Format; out: string | undefined; progress?: Progress }
): Promise<void> => {
  const request = { report: reportId, ...input, format: options.format, generatedBy: cliActor }
  const progress = options.progress
  const phase = `writing ${options.out === undefined ? "" : basename(options.out)}`
  const onProgress = progress === undefined ? undefined : (p: { bytes: number }) => progress.update({ phase, done: p.bytes, unit: "bytes" })
  if (options.out !== undefined) await engine.report({ ...request, path: options.out, onProgress })
  else if (options.format === "xlsx") throw new UsageError("--format xlsx needs --out <path>")
  else await engine.report({ ...request, stream: process.stdout, end: false })
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
export const renderSummary = async (engine: Engine, input: RunInput, options: { format: "text" | "json" }) => {
  const summary = await engine.summary(input)
  process.stdout.write(options.format === "json" ? JSON.stringify(summary, null, 2) + "\n" : summaryText(summary))
}
