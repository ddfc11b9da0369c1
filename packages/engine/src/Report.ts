/**
 * Running a report: validate and prepare it with core (one validator for every edge), then write it to a stream
 * or atomically to a file; the summary tiles of a short range; and the trends of a range up to 13 months. Time comes from Effect's Clock, data from
 * the Store port; the rows are written by a plain loop (see formats.ts).
 */
import { Generation, type Prepared, type RunInput, Trends, type TrendsInput } from "@vcr/core"
import { Clock, Effect } from "effect"
import type { Writable } from "node:stream"
import { writeFileAtomically } from "./atomic-file.ts"
import { WriteError } from "./errors.ts"
import { render, type Format } from "./formats.ts"
import { Store } from "./Store.ts"

/** Validates a report request and prepares it for writing, as of the Clock's now; nothing is written on any error. */
export const prepare = Effect.fnUntraced(function* (reportId: string, input: RunInput, generatedBy: string) {
  const store = yield* Store
  const now = yield* Clock.currentTimeMillis
  return yield* Generation.prepare(reportId, input, store, { now, generatedBy })
})

/** The summary tiles of a short range (a long one fails with RangeTooLongForTiles). */
export const summary = Effect.fnUntraced(function* (input: RunInput, options: { readonly organisationsReportIds?: ReadonlyArray<string> } = {}) {
  const store = yield* Store
  const now = yield* Clock.currentTimeMillis
  return yield* Generation.summary(input, store, now, options)
})

/** The trends of a range up to 13 months (SPEC §11.1): buckets, totals, the previous period, by clinic if asked. */
export const trends = Effect.fnUntraced(function* (input: TrendsInput) {
  const store = yield* Store
  const now = yield* Clock.currentTimeMillis
  return yield* Trends.trends(input, store, now)
})

const writeError = (target: string) => (cause: unknown) =>
  new WriteError({ target, message: `the report could not be written to ${target}: ${cause instanceof Error ? cause.message : String(cause)}`, cause })

/** Writes a prepared report to a stream; `end: false` leaves it open (standard output). */
export const toStream = (prepared: Prepared, format: Format, out: Writable, options: { readonly end?: boolean } = {}): Effect.Effect<void, WriteError> =>
  Effect.tryPromise({ try: () => render(prepared, format, out, options), catch: writeError("stream") })

/** Progress of a report being written to a file: bytes written so far. */
export interface FileProgress {
  readonly bytes: number
}

/** How often a report written to a file reports its progress. */
const progressEveryMs = 250

/**
 * Writes a prepared report to `path` atomically (temporary file beside it, fsync, rename); resolves with its size.
 * `onProgress` hears the bytes written every quarter second and once at the end (read from the file stream by a
 * timer: nothing is added per row).
 */
export const toFile = (prepared: Prepared, format: Format, path: string, onProgress?: (progress: FileProgress) => void): Effect.Effect<number, WriteError> =>
  Effect.tryPromise({
    try: async () => {
      const written = await writeFileAtomically(path, async (out) => {
        const bytes = () => ("bytesWritten" in out ? Number(out.bytesWritten) : 0) + out.writableLength
        const timer = onProgress === undefined ? undefined : setInterval(() => onProgress({ bytes: bytes() }), progressEveryMs)
        try {
          await render(prepared, format, out)
        } finally {
          clearInterval(timer)
        }
      })
      onProgress?.({ bytes: written.bytes })
      return written.bytes
    },
    catch: writeError(path)
  })
