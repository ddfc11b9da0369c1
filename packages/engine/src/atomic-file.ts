/**
 * Writing a file so that it appears complete or not at all, the one implementation in vcr: the content goes to
 * `.<name>.<pid>.<random>.tmp` in the target's folder (same filesystem, so the rename is atomic), is flushed to
 * disk (fsync before close; a large file is flushed as it grows, so that the last flush has only its tail to
 * write) and renamed over the target; on any failure the temporary file is removed and the
 * error rethrown, so a previous file at the target is kept. A process killed mid-write leaves its temporary file;
 * `removeOrphanedTemporaries` (run at start and by the sweeper) destroys it, since it may hold report data.
 */
import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import type { Writable } from "node:stream"
import { finished } from "node:stream/promises"

/** The temporary path used while writing `path`: hidden, named for the writing process, recognisable. */
export const temporaryPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`)

const temporaryName = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/

/** Whether a process of this machine with that id is running (EPERM: it runs as someone else). */
const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === "EPERM"
  }
}

/** How long a temporary file may go unmodified before it counts as orphaned whoever wrote it (another machine). */
export const staleTemporaryMs = 60 * 60_000

/**
 * Removes the temporary files in `dir` left by writers that died: those named for a process of this machine that
 * no longer runs, and any not modified for `staleTemporaryMs` (a writer on another machine sharing the folder).
 * A live writer's file is kept. `now` is real time (file times are). Returns how many were removed.
 */
export const removeOrphanedTemporaries = async (dir: string, now: number): Promise<number> => {
  const names = await readdir(dir).catch(() => [] as Array<string>)
  let removed = 0
  for (const name of names) {
    const pid = temporaryName.exec(name)?.[1]
    if (pid === undefined) continue
    const path = join(dir, name)
    const modified = (await stat(path).catch(() => undefined))?.mtimeMs
    if (modified === undefined) continue
    const dead = Number(pid) !== process.pid && !running(Number(pid))
    if (dead || modified < now - staleTemporaryMs) {
      await rm(path, { force: true })
      removed += 1
    }
  }
  return removed
}

/**
 * Bytes written past the last flush at which the next starts, while the file is still being written. The kernel
 * holds a file's writes in memory until something flushes them, so without this the final fsync of a 775 MB JSON
 * report wrote all of it at the end, with nothing else to do (0.67 s of a 7.8 s run); flushed as it grows, the
 * disk writes while the report is still being made.
 */
const FLUSH_EVERY = 32 * 1024 * 1024

/** How often a write in progress looks whether to flush (the look is one comparison). */
const FLUSH_LOOK_MS = 100

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
  // Flushes while writing go through a handle of their own (an fsync flushes the file, whichever descriptor asks),
  // so none is ever in flight on the stream's descriptor when the stream closes it.
  let reader: Promise<FileHandle | undefined> | undefined
  let flushedTo = 0
  let flushing: Promise<void> | undefined
  // A failed flush is kept for the end: after a failed fsync, Linux may answer the next one with success.
  let flushError: unknown
  const look = setInterval(() => {
    const at = stream.bytesWritten
    if (flushing !== undefined || at - flushedTo < FLUSH_EVERY) return
    // A handle that cannot be opened (no descriptor left) only means no early flush: the final fsync still runs.
    reader ??= open(temporary, "r").catch(() => undefined)
    flushing = reader.then((handle) => handle?.datasync()).then(
      () => void (flushedTo = at),
      (error: unknown) => void (flushError ??= error)
    ).finally(() => void (flushing = undefined))
  }, FLUSH_LOOK_MS)
  look.unref()
  const stopFlushing = async () => {
    clearInterval(look)
    await flushing
    await (await reader)?.close().catch(() => undefined)
  }
  try {
    const result = await write(stream)
    await finished(stream)
    await stopFlushing()
    if (flushError !== undefined) throw flushError
    await rename(temporary, path)
    return { result, bytes: stream.bytesWritten }
  } catch (error) {
    await stopFlushing()
    stream.on("error", () => undefined) // a write still in flight may fail after this; it no longer matters
    stream.destroy()
    await finished(stream).catch(() => undefined)
    await rm(temporary, { force: true })
    throw error
  }
}
