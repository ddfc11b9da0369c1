/**
 * Which zip writer for the XLSX package (issue 11): the same worksheet XML (bench/xlsx.ts's rows serialised
 * by @vcr/xlsx's row writer, as the workbook writes them) streamed into a one-entry zip at deflate level 1
 * by each candidate, each in its own child process, with gzip level 1 of the same bytes as the reference.
 *
 *   node --import tsx bench/zip.ts [rows] [--repeat n]   # default 300,000 rows; prints a table
 *   node --import tsx bench/zip.ts --only <writer> <rows> # one measurement, JSON last line
 *
 * Candidates: Node's zlib behind @vcr/xlsx's own container (`zlib`), fflate's streaming Zip with its
 * synchronous deflater on the main thread (`fflate`) and with its worker-thread deflater (`fflate-async`),
 * yazl (zlib streams behind a well-kept container, `yazl`).
 */
import { Instant } from "@vcr/core"
import { AsyncZipDeflate, Zip, ZipDeflate } from "fflate"
import { createWriteStream } from "node:fs"
import { mkdtemp, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, type Writable } from "node:stream"
import { finished } from "node:stream/promises"
import { fileURLToPath } from "node:url"
import { createGzip } from "node:zlib"
import yazl from "yazl"
import { columnFormat } from "../packages/xlsx/src/column-format.ts"
import { RowWriter, type CellStyle } from "../packages/xlsx/src/sheet-xml.ts"
import { ZipWriter } from "../packages/xlsx/src/zip.ts"
import { benchArgs, fastest, inChild, maxRssMb, table, type Measurement } from "./measure.ts"
import { context, makePool } from "./xlsx.ts"

const writers = ["gzip1", "zlib", "fflate", "fflate-async", "yazl"] as const
type Writer = (typeof writers)[number]

const chunkBytes = 1 << 19

/** The worksheet XML of `count` rows, in ~512 KB buffers, as the workbook hands them to its zip entry. */
function* sheetChunks(count: number): Generator<Buffer> {
  const clock = new Instant.ZoneClock(context.parameters.timezone)
  const formats = context.report.columns.map((c) => columnFormat(c, clock))
  const styles: Array<CellStyle> = formats.map((f, i) => ({ styleId: i + 1, quotedStyleId: 100 + i, numberText: f.numberText }))
  const writer = new RowWriter(styles)
  const pool = makePool(4_096)
  const values = new Array<string | number | null>(formats.length)
  let buffer = Buffer.allocUnsafe(chunkBytes)
  let used = 0
  for (let r = 0; r < count; r++) {
    const row = pool[r % pool.length]!
    for (let c = 0; c < formats.length; c++) values[c] = formats[c]!.toCell(formats[c]!.column.read(row), r + 1)
    const xml = writer.row(r + 2, values)
    if (used + xml.length * 3 > chunkBytes) {
      yield buffer.subarray(0, used)
      buffer = Buffer.allocUnsafe(chunkBytes)
      used = 0
    }
    used += buffer.write(xml, used, "utf8")
  }
  if (used > 0) yield buffer.subarray(0, used)
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Writes `chunks` to `target` with backpressure. */
const pump = async (chunks: Iterable<Buffer>, target: Writable) => {
  for (const chunk of chunks) {
    if (!target.write(chunk)) await new Promise((resolve) => target.once("drain", resolve))
    else await tick()
  }
  target.end()
}

const measureOne = async (writer: Writer, rows: number): Promise<Measurement> => {
  const directory = await mkdtemp(join(tmpdir(), "vcr-bench-zip-"))
  try {
    const path = join(directory, writer === "gzip1" ? "out.gz" : "out.zip")
    const file = createWriteStream(path)
    const started = performance.now()
    switch (writer) {
      case "gzip1": {
        const gzip = createGzip({ level: 1, chunkSize: 1 << 20 })
        gzip.pipe(file)
        await pump(sheetChunks(rows), gzip)
        await finished(file)
        break
      }
      case "zlib": {
        const zip = new ZipWriter(file, { level: 1, chunkSize: 1 << 20, modified: new Date() })
        const entry = zip.open("xl/worksheets/sheet1.xml")
        for (const chunk of sheetChunks(rows)) {
          if (!entry.write(chunk)) await entry.ready()
          await tick()
        }
        await entry.close()
        await zip.finish()
        break
      }
      case "fflate":
      case "fflate-async": {
        const done = new Promise<void>((resolve, reject) => {
          const zip = new Zip((error, data, final) => {
            if (error) return reject(error)
            file.write(data)
            if (final) file.end(resolve)
          })
          const entry = writer === "fflate" ? new ZipDeflate("xl/worksheets/sheet1.xml", { level: 1 }) : new AsyncZipDeflate("xl/worksheets/sheet1.xml", { level: 1 })
          zip.add(entry)
          void (async () => {
            for (const chunk of sheetChunks(rows)) {
              entry.push(chunk)
              // Backpressure for the worker deflater: wait while the file stream holds more than 8 MB.
              while (file.writableLength > 8 << 20) await new Promise<void>((r) => file.once("drain", () => r()))
              await tick()
            }
            entry.push(new Uint8Array(0), true)
            zip.end()
          })().catch(reject)
        })
        await done
        break
      }
      case "yazl": {
        const zip = new yazl.ZipFile()
        const source = new PassThrough({ highWaterMark: 4 << 20 })
        zip.addReadStream(source, "xl/worksheets/sheet1.xml", { compressionLevel: 1 } as never)
        zip.end()
        zip.outputStream.pipe(file)
        await pump(sheetChunks(rows), source)
        await finished(file)
        break
      }
    }
    const seconds = (performance.now() - started) / 1000
    return { name: writer, rows, seconds, maxRssMb: maxRssMb(), bytes: (await stat(path)).size }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

const main = async () => {
  const { only, rows, repeat } = benchArgs(process.argv.slice(2), writers, 300_000)
  if (only !== undefined) {
    console.log(JSON.stringify(await measureOne(only.writer, only.rows)))
    return
  }
  const best = new Map<Writer, Measurement>()
  for (let r = 0; r < repeat; r++) {
    for (const writer of writers) best.set(writer, fastest(best.get(writer), inChild("zip.ts", ["--only", writer, String(rows)])))
  }
  console.log(`Zip writers on the same worksheet XML, level 1, ${repeat === 1 ? "one run each" : `fastest of ${repeat}`}, Node ${process.version}\n`)
  table([...best.values()], "gzip1")
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main()
