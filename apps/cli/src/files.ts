/**
 * Writing outputs: to stdout, or atomically to a file (a temporary file beside it, renamed when complete,
 * removed on any failure), so a failed or interrupted run never leaves a partial report at the target path.
 */
import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import { mkdir, rename, rm } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import { once } from "node:events"
import type { Writable } from "node:stream"

/** A temporary path beside `target`, hidden and unique. */
export const temporaryPathFor = (target: string) =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`)

/** Runs `write` against a temporary file and renames it onto `target` only when `write` succeeds. */
export const writeAtomically = async <T>(target: string, write: (temporaryPath: string) => Promise<T>): Promise<T> => {
  await mkdir(dirname(target), { recursive: true })
  const temporary = temporaryPathFor(target)
  try {
    const result = await write(temporary)
    await rename(temporary, target)
    return result
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Writes text chunks to a stream, honouring back-pressure. */
export const pipeChunks = async (chunks: AsyncIterable<string>, out: Writable): Promise<void> => {
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, "drain")
  }
}

/** Writes text chunks to a file atomically. */
export const writeChunksToFile = (target: string, chunks: AsyncIterable<string>) =>
  writeAtomically(target, async (temporary) => {
    const out = createWriteStream(temporary)
    try {
      await pipeChunks(chunks, out)
    } finally {
      out.end()
      await once(out, "close")
    }
  })
