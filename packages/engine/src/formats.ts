/**
 * The file formats of SPEC §8 and how a prepared report is written in each: XLSX through @vcr/xlsx, CSV and JSON
 * through core's text writers. Writing is a plain loop over the row iterator (no Effect per row), honouring the
 * destination's back-pressure.
 */
import { InvalidParameter, Output, type ParametersJson, type Prepared } from "@vcr/core"
import { writeWorkbookToStream } from "@vcr/xlsx"
import type { Writable } from "node:stream"
import { finished } from "node:stream/promises"

export type Format = "xlsx" | "csv" | "json"
/** The formats, in the order the API and the CLI list them. */
export const formats: ReadonlyArray<Format> = ["xlsx", "csv", "json"]

/** Media types of the formats. */
export const mediaType: Record<Format, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8"
}

/** Checks a format name; a bad one is an InvalidParameter naming the field `format`. */
export const decodeFormat = (raw: string): Format | InvalidParameter =>
  (formats as ReadonlyArray<string>).includes(raw)
    ? (raw as Format)
    : new InvalidParameter({ field: "format", code: "invalid_format", message: `format must be one of ${formats.join(", ")} (got "${raw}")` })

/** A download's file name: report, scope and dates, safe in a header. */
export const fileName = (report: string, parameters: Pick<ParametersJson, "from" | "to" | "clinic_id">, format: Format): string =>
  `${report}${parameters.clinic_id === null ? "" : `-${parameters.clinic_id}`}-${parameters.from}-to-${parameters.to}.${format}`.replace(/[^A-Za-z0-9._-]/g, "_")

/** The bytes of a CSV or JSON report, in chunks. */
const textChunks = (prepared: Prepared, format: "csv" | "json"): AsyncIterable<Uint8Array> =>
  format === "json" ? Output.jsonBytes(prepared.context, prepared.rows) : Output.csvBytes(prepared.context, prepared.rows)

/** The destination's failure, if it has failed or closed early (an error is emitted once: later writes only see this). */
const failureOf = (out: Writable): unknown =>
  out.errored ?? (out.destroyed ? new Error("the destination closed before the report was complete") : undefined)

/**
 * Writes one chunk and resolves once the stream has passed it on (its write callback); rejects as soon as the
 * stream fails or closes instead (a full disk must not hang us).
 */
const written = (out: Writable, chunk: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    const settle = (error: unknown) => {
      out.off("error", onError).off("close", onClose)
      if (error === undefined || error === null) resolve()
      else reject(error)
    }
    const onError = (error: unknown) => settle(error)
    const onClose = () => settle(failureOf(out) ?? new Error("the destination closed before the report was complete"))
    out.on("error", onError).on("close", onClose)
    out.write(chunk, settle)
  })

const ignore = () => undefined

/**
 * Writes chunks to a stream, the next one made while the last is being written but no further ahead: with two
 * chunks in flight at most, chunks die young, where a megabyte of them queued in a file stream (waiting for
 * 'drain') lived long enough to be promoted and piled up until a full collection (measured: +50 MB of RSS over
 * a 1M-row report). Rejects promptly if the stream fails (ENOSPC, a closed socket).
 */
const pipeChunks = async (chunks: AsyncIterable<Uint8Array>, out: Writable): Promise<void> => {
  let writing: Promise<void> | undefined
  for await (const chunk of chunks) {
    const failed = failureOf(out)
    if (failed !== undefined) throw failed
    const next = written(out, chunk)
    // Its failure is the stream's, seen through `writing` or `failureOf`; it must not go unhandled meanwhile.
    next.catch(ignore)
    if (writing !== undefined) await writing
    writing = next
  }
  if (writing !== undefined) await writing
  const failed = failureOf(out)
  if (failed !== undefined) throw failed
}

/**
 * Writes a prepared report to `out` in `format`. With `end` (the default) the stream is ended and the promise
 * settles when it has finished or failed (a write that fails after the last chunk still rejects); standard
 * output is left open. On failure the stream is left as it is for the caller to destroy.
 */
export const render = async (prepared: Prepared, format: Format, out: Writable, options: { readonly end?: boolean } = {}): Promise<void> => {
  if (format === "xlsx") {
    // The workbook writer always ends its stream (the zip's central directory is the last write).
    await writeWorkbookToStream({ context: prepared.context, rows: prepared.rows, stream: out })
    return
  }
  // The failure is read from `out.errored`; this listener only keeps an early 'error' from being unhandled.
  out.on("error", ignore)
  try {
    await pipeChunks(textChunks(prepared, format), out)
    if (options.end ?? true) {
      out.end()
      await finished(out)
    }
  } finally {
    out.off("error", ignore)
  }
}
