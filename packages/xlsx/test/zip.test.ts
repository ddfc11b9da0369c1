/**
 * The zip container under the workbook: Info-ZIP's `unzip -t` (CRCs and sizes, against the central directory
 * and the data descriptors) accepts what it writes, plain and with ZIP64 records, and the entries read back.
 */
import { execFileSync } from "node:child_process"
import { createWriteStream, existsSync } from "node:fs"
import { join } from "node:path"
import { finished } from "node:stream/promises"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ZipWriter } from "../src/zip.ts"
import { scratch, zipEntries } from "./fixtures.ts"

let directory = ""
let remove = async () => {}
beforeEach(async () => {
  ;({ directory, remove } = await scratch())
})
afterEach(() => remove())

const unzip = "/usr/bin/unzip"
const unzipAvailable = (): boolean => {
  if (existsSync(unzip)) return true
  if (process.env.CI === "true") throw new Error(`Info-ZIP unzip is required in CI at ${unzip} (apt-get install unzip)`)
  console.warn(`zip container check skipped: no ${unzip}`)
  return false
}

/** Writes a zip of two small parts and a streamed entry of `streamed` (in 64 KiB pieces) to a file. */
const writeZip = async (path: string, streamed: Buffer, options: { level: number; zip64Above?: number }) => {
  const file = createWriteStream(path)
  const zip = new ZipWriter(file, { ...options, modified: new Date("2026-03-02T09:30:42Z") })
  await zip.add("[Content_Types].xml", "<Types/>")
  const entry = zip.open("xl/worksheets/sheet1.xml")
  for (let at = 0; at < streamed.length; at += 65_536) {
    if (!entry.write(streamed.subarray(at, at + 65_536))) await entry.ready()
  }
  await entry.close()
  await zip.add("docProps/é.xml", Buffer.from("ünïcode name"))
  await zip.finish()
  await finished(file)
  return zip.bytes
}

const sheet = Buffer.from(
  Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 10_007}</v></c></row>`).join(""),
  "utf8"
)

describe.runIf(unzipAvailable())("ZipWriter", () => {
  it.each([
    ["deflated", 1],
    ["stored parts, deflated sheet", 0],
    ["level 9", 9]
  ])("writes a zip unzip -t accepts (%s), entries reading back exact", async (_, level) => {
    const path = join(directory, "a.zip")
    const bytes = await writeZip(path, sheet, { level })
    expect(execFileSync(unzip, ["-t", path], { encoding: "utf8" })).toContain("No errors detected")
    const entries = await zipEntries(path)
    expect([...entries.keys()]).toEqual(["[Content_Types].xml", "xl/worksheets/sheet1.xml", "docProps/é.xml"])
    expect(entries.get("xl/worksheets/sheet1.xml")).toBe(sheet.toString("utf8"))
    expect(entries.get("docProps/é.xml")).toBe("ünïcode name")
    expect(bytes).toBe((await import("node:fs")).statSync(path).size)
  })

  it("switches to ZIP64 records for sizes and offsets past the limit, and unzip -t accepts them", async () => {
    const path = join(directory, "b.zip")
    // A limit of 1,000 bytes: the sheet's sizes, the last part's offset and the directory's offset pass it.
    await writeZip(path, sheet, { level: 1, zip64Above: 1_000 })
    const listing = execFileSync(unzip, ["-t", path], { encoding: "utf8" })
    expect(listing).toContain("No errors detected")
    const verbose = execFileSync("/usr/bin/zipinfo", ["-v", path], { encoding: "utf8" })
    expect(verbose.match(/PKWARE 64-bit sizes/g)).toHaveLength(2) // the sheet (sizes) and the last part (offset)
    expect(verbose).toMatch(new RegExp(`uncompressed size:\\s+${sheet.length} bytes`))
    // The archive's own ZIP64 end records: the end of central directory points past them.
    const zip = await (await import("node:fs/promises")).readFile(path)
    expect(zip.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0)
    expect(zip.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBeGreaterThan(0)
  })

  it("stops with the destination's error, leaving the destination to the caller", async () => {
    const { Writable } = await import("node:stream")
    let written = 0
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length
        callback(written > 10_000 ? new Error("disk full") : null)
      }
    })
    failing.on("error", () => undefined)
    const zip = new ZipWriter(failing, { level: 0, modified: new Date() })
    const entry = zip.open("big.bin")
    const attempt = (async () => {
      for (let i = 0; i < 1_000; i++) {
        if (!entry.write(Buffer.alloc(65_536, i))) await entry.ready()
        await new Promise((resolve) => setImmediate(resolve))
      }
      await entry.close()
      await zip.finish()
    })()
    await expect(attempt).rejects.toThrow("disk full")
    zip.abort()
    expect(failing.writableEnded).toBe(false)
  })
})
