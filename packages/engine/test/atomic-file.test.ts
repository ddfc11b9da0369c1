/**
 * Large files through `writeFileAtomically`: flushed to disk as they grow (through a handle of their own, seen in
 * the process's open descriptors while the write runs), written whole, and every descriptor closed afterwards,
 * whether the write succeeds or fails midway.
 */
import { createHash } from "node:crypto"
import { readdirSync, readlinkSync } from "node:fs"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Writable } from "node:stream"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { writeFileAtomically } from "../src/atomic-file.ts"

/** The files this process holds open, by path (Linux). */
const openFiles = (): Array<string> =>
  readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)]
    } catch {
      return []
    }
  })

const piece = Buffer.alloc(1 << 20, "vcr,report,row\r\n")
const megabytes = 80

/** Writes `megabytes` pieces, pausing now and then so the flush has its turn; notes the most handles on the file. */
const writeLarge = (seen: { most: number }, failAfter?: number) => async (stream: Writable) => {
  for (let i = 0; i < megabytes; i++) {
    if (failAfter !== undefined && i === failAfter) throw new Error("the rows stopped")
    if (!stream.write(piece)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()))
    if (i % 4 === 3) {
      await new Promise((resolve) => setTimeout(resolve, 30))
      seen.most = Math.max(seen.most, openFiles().filter((f) => f.includes(".tmp")).length)
    }
  }
  stream.end()
}

describe.runIf(process.platform === "linux")("writing a large file atomically", () => {
  let dir = ""
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vcr-flush-"))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("flushes it as it grows through a handle of its own, writes it whole and closes every descriptor", async () => {
    const before = openFiles().length
    const path = join(dir, "large.csv")
    const seen = { most: 0 }
    const { bytes } = await writeFileAtomically(path, writeLarge(seen))
    expect(bytes).toBe(megabytes * piece.length)
    // The stream's descriptor and the flushing handle, both on the temporary file.
    expect(seen.most).toBe(2)
    const expected = createHash("sha256")
    for (let i = 0; i < megabytes; i++) expected.update(piece)
    expect(createHash("sha256").update(await readFile(path)).digest("hex")).toBe(expected.digest("hex"))
    expect(await readdir(dir)).toEqual(["large.csv"])
    expect(openFiles().length).toBe(before)
  })

  it("removes the temporary file, keeps the previous one and closes every descriptor when the write fails after flushes began", async () => {
    const before = openFiles().length
    const path = join(dir, "large.csv")
    await writeFile(path, "previous")
    const seen = { most: 0 }
    await expect(writeFileAtomically(path, writeLarge(seen, 60))).rejects.toThrow("the rows stopped")
    expect(seen.most).toBe(2)
    expect(await readdir(dir)).toEqual(["large.csv"])
    expect(await readFile(path, "utf8")).toBe("previous")
    expect(openFiles().length).toBe(before)
  })
})
