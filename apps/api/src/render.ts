/**
 * Rendering a prepared report to a file in any format of SPEC §8 (XLSX through @vcr/xlsx, CSV and JSON through
 * core's writers), atomically: a temporary file beside the target, renamed when complete. Shared by the HTTP
 * app, the background jobs and the CLI.
 */
import { Output, type Prepared } from "@vcr/core"
import { writeWorkbook } from "@vcr/xlsx"
import { randomBytes } from "node:crypto"
import { once } from "node:events"
import { createWriteStream } from "node:fs"
import { mkdir, rename, rm, stat } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import type { Writable } from "node:stream"

export type Format = "xlsx" | "csv" | "json"
export const formats: ReadonlyArray<Format> = ["xlsx", "csv", "json"]

/** Media types of the formats. */
export const mediaType: Record<Format, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8"
}

/** Writes text chunks to a stream, honouring back-pressure. */
export const pipeChunks = async (chunks: AsyncIterable<string>, out: Writable): Promise<void> => {
  for await (const chunk of chunks) if (!out.write(chunk)) await once(out, "drain")
}

/** Runs `write` against a temporary path beside `target` and renames it onto `target` only on success. */
export const writeAtomically = async <T>(target: string, write: (temporaryPath: string) => Promise<T>): Promise<T> => {
  await mkdir(dirname(target), { recursive: true })
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`)
  try {
    const result = await write(temporary)
    await rename(temporary, target)
    return result
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** The text chunks of a CSV or JSON report. */
export const textChunks = (prepared: Prepared, format: "csv" | "json") =>
  format === "json" ? Output.json(prepared.context, prepared.rows) : Output.csv(prepared.context, prepared.rows)

/** Renders a prepared report into `path` atomically; returns the file's size in bytes. */
export const renderToFile = async (prepared: Prepared, format: Format, path: string): Promise<number> => {
  if (format === "xlsx") {
    await mkdir(dirname(path), { recursive: true })
    await writeWorkbook({ context: prepared.context, rows: prepared.rows, path })
  } else {
    await writeAtomically(path, async (temporary) => {
      const out = createWriteStream(temporary)
      try {
        await pipeChunks(textChunks(prepared, format), out)
      } finally {
        out.end()
        await once(out, "close")
      }
    })
  }
  return (await stat(path)).size
}

/** A download's file name: report, scope and dates, safe in a header. */
export const fileName = (report: string, parameters: { from: string; to: string; clinic_id: string | null }, format: Format) =>
  `${report}${parameters.clinic_id === null ? "" : `-${parameters.clinic_id}`}-${parameters.from}-to-${parameters.to}.${format}`.replace(/[^A-Za-z0-9._-]/g, "_")
