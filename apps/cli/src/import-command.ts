/**
 * `vcr import <file>`: reads the NDJSON file (or standard input) line by line into the engine's ingest, all or
 * nothing, and prints what was stored. Progress goes to standard error (see progress.ts): the bytes read of the
 * file's size while reading, then the components projected.
 */
import type { ImportProgress } from "@vcr/store"
import { constants, createReadStream } from "node:fs"
import { access, stat } from "node:fs/promises"
import { createInterface } from "node:readline"
import { withEngine } from "./engine.ts"
import { UsageError } from "./failure.ts"
import { progressEvery, startProgress, type Progress } from "./progress.ts"
import type { GlobalOptions } from "./store.ts"

/** The store's import progress shown on `progress`; `bytes` gives what was read of `total` when known. */
export const showImport = (progress: Progress, bytes?: { read: () => number; total: number }) => (p: ImportProgress) => {
  const events = `${p.events.toLocaleString("en-AU")} events`
  if (p.phase === "projecting" && p.components !== undefined) {
    progress.update({ phase: "projecting", done: p.components.done, total: p.components.total, unit: "components", detail: events })
  } else if (bytes !== undefined) {
    progress.update({ phase: "reading", done: bytes.read(), total: bytes.total, unit: "bytes", detail: events })
  } else {
    progress.update({ phase: "reading", done: p.events, unit: "events", detail: `${p.lines.toLocaleString("en-AU")} lines` })
  }
}

export const commandImport = async (globals: GlobalOptions, file: string) => {
  const every = progressEvery(globals.progressEvery)
  let total: number | undefined
  if (file !== "-") {
    await access(file, constants.R_OK).catch((error: unknown) => {
      throw new UsageError(`cannot read the file "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    })
    total = (await stat(file)).size
  }
  let read = 0
  const linesOf = (input: NodeJS.ReadableStream) => {
    read = 0
    input.on("data", (chunk: Buffer) => (read += chunk.length))
    // Take the iterator at once: readline buffers lines only for an iterator that exists (the engine opens first).
    const iterator = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]()
    return { [Symbol.asyncIterator]: () => iterator }
  }
  // A file can be read again if the import must be retried (another writer held the database); standard input cannot.
  const lines = file === "-" ? linesOf(process.stdin) : () => linesOf(createReadStream(file))
  const progress = startProgress({ everySeconds: every })
  try {
    const onProgress = showImport(progress, total === undefined ? undefined : { read: () => read, total })
    const summary = await withEngine(globals, (engine) => engine.ingest(lines, { onProgress }))
    progress.stop()
    process.stdout.write(
      `imported ${summary.lines} lines: ${summary.events.inserted} new events, ${summary.events.duplicates} duplicates ignored, ` +
        `${summary.directory} directory records, ${summary.logins} logins; ${summary.components} components projected\n`
    )
  } finally {
    progress.stop()
  }
}
