/**
 * The outbox: where messages go when no SMTP server is configured (development, demos, air-gapped installs).
 * Each message is a complete RFC 5322 `.eml` file, written to a hidden temporary file in the same folder,
 * flushed and renamed, so a reader of the folder never sees a half-written message.
 */
import { randomBytes } from "node:crypto"
import { mkdir, open, rename, rm } from "node:fs/promises"
import { join, resolve } from "node:path"

/** The outbox folder used when none is given. */
export const DEFAULT_OUTBOX_DIR = "vcr-outbox"

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** `20250131T235959123Z`: sorts in time order and is a valid file name everywhere (no colons). */
const timestamp = (date: Date): string =>
  `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T` +
  `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}${pad(date.getUTCMilliseconds(), 3)}Z`

/** The file name of a new message: `<timestamp>-<random>.eml`. */
export const outboxFileName = (now: Date = new Date()): string => `${timestamp(now)}-${randomBytes(6).toString("hex")}.eml`

/** Writes `content` as a new `.eml` file in `dir` (created if missing) and returns its absolute path. */
export const writeToOutbox = async (dir: string, content: Uint8Array): Promise<string> => {
  const folder = resolve(dir)
  await mkdir(folder, { recursive: true })
  const name = outboxFileName()
  const path = join(folder, name)
  const temporary = join(folder, `.${name}.${randomBytes(6).toString("hex")}.tmp`)
  try {
    const handle = await open(temporary, "wx", 0o600)
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
    return path
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
