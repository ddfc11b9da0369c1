/**
 * Writing a file so that it appears complete or not at all, the one implementation in vcr: the content goes to
 * `.<name>.<random>.tmp` in the target's folder (same filesystem, so the rename is atomic), is flushed to disk
 * (fsync before close) and renamed over the target; on any failure the temporary file is removed and the error
 * rethrown, so a previous file at the target is kept.
 */
import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import { mkdir, rename, rm } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import type { Writable } from "node:stream"
import { finished } from "node:stream/promises"

/** The temporary path used while writing `path`. */
export const temporaryPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`)

/**
 * Runs `write` with a stream to a temporary file beside `path` (its folder is created if missing) and renames it
 * onto `path` once `write` has resolved and the file is flushed and closed. `write` must end the stream (or let
 * its producer end it). `mode` is the new file's permissions (default 0o644). Resolves with `write`'s result and the bytes written.
 */
export const writeFileAtomically = async <A>(
  path: string,
  write: (stream: Writable) => Promise<A>,
  options: { readonly mode?: number } = {}
): Promise<{ result: A; bytes: number }> => {
  await mkdir(dirname(path), { recursive: true })
  const temporary = temporaryPath(path)
  const stream = createWriteStream(temporary, { flags: "wx", mode: options.mode ?? 0o644, flush: true, highWaterMark: 1 << 20 })
  try {
    const result = await write(stream)
    await finished(stream)
    await rename(temporary, path)
    return { result, bytes: stream.bytesWritten }
  } catch (error) {
    stream.on("error", () => undefined) // a write still in flight may fail after this; it no longer matters
    stream.destroy()
    await finished(stream).catch(() => undefined)
    await rm(temporary, { force: true })
    throw error
  }
}
