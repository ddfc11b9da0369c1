/**
 * `vcr trends`: the consultation and room-call figures per day, week or month of a range up to 13 months, with the
 * totals and the previous period's (SPEC §11.1), computed by the engine and printed as a table or as the API's
 * JSON. Only commander loads up front; the engine is imported when the command runs.
 */
import type { Bucket, Figures, RunInput, TrendsDocument } from "@vcr/core"
import { type Command, Option } from "commander"
import type { GlobalOptions } from "./store.ts"

const columns: ReadonlyArray<readonly [keyof Figures, string]> = [
  ["consultations", "consultations"],
  ["consultation_duration", "consultation s"],
  ["abandoned", "abandoned"],
  ["transferred", "transferred"],
  ["average_wait_duration", "avg wait s"],
  ["p90_wait_duration", "p90 wait s"],
  ["room_calls", "room calls"],
  ["room_call_duration", "room call s"]
]

const table = (rows: ReadonlyArray<readonly [string, Figures]>): Array<string> => {
  const cells = [["", ...columns.map(([, h]) => h)], ...rows.map(([label, f]) => [label, ...columns.map(([k]) => (f[k] === null ? "-" : String(f[k])))])]
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd())
}

const bucketRows = (buckets: ReadonlyArray<Bucket>): Array<readonly [string, Figures]> =>
  buckets.map((b) => [b.start.slice(0, 10), b.figures] as const)

/** A readable table of the trends: one line per bucket (labelled by its first local date), totals and the previous period. */
export const trendsText = (doc: TrendsDocument): string => {
  const p = doc.parameters
  const lines = [
    `Trends for ${p.organisation_ids.join(", ")}${p.clinic_id === null ? "" : ` (clinic ${p.clinic_id})`}, ${p.from} to ${p.to} (${p.timezone}), minimum ${p.minimum_duration_minutes} min, by ${doc.granularity}`,
    "",
    ...table([...bucketRows(doc.buckets), ["total", doc.totals], [`previous ${doc.previous.from} to ${doc.previous.to}`, doc.previous.totals]])
  ]
  for (const clinic of doc.clinics ?? []) lines.push("", `Clinic ${clinic.clinic_name ?? ""} (${clinic.clinic_id})`, ...table(bucketRows(clinic.buckets)))
  return lines.join("\n") + "\n"
}

/** Adds the options and the action of `vcr trends` to a command that already has the run options. */
export const trendsCommand = <O extends object>(command: Command, toInput: (o: O) => RunInput, globals: () => GlobalOptions): Command =>
  command
    .description("print the consultation and room-call figures per day, week or month, with totals and the previous period (ranges up to 13 months)")
    .addOption(new Option("--granularity <size>", "day, week or month (default: day up to 62 days, week up to 26 weeks, month beyond)").choices(["day", "week", "month"]))
    .addOption(new Option("--by <breakdown>", "clinic: add each clinic's buckets").choices(["clinic"]))
    .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
    .action(async (o: O & { granularity?: string; by?: string; format: "text" | "json" }) => {
      const { withEngine } = await import("./engine.ts")
      const doc = await withEngine(globals(), (engine) => engine.trends({ ...toInput(o), granularity: o.granularity, by: o.by }))
      process.stdout.write(o.format === "json" ? JSON.stringify(doc, null, 2) + "\n" : trendsText(doc))
    })
