import { InvalidParameter, RangeTooLongForTiles, type Prepared } from "@vcr/core"
import { Effect } from "effect"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Writable } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createEngine, Report, WriteError, type Engine } from "../src/index.ts"
import { day, layers, runTimed, sqlite, start, type Database } from "./fixtures.ts"

let db: Database
let engine: Engine
beforeAll(async () => {
  db = await sqlite()
  engine = await createEngine({ database: db.url, files: join(db.dir, "files"), now: () => start })
})
afterAll(async () => {
  await engine.close()
  await db.drop()
})

const collect = () => {
  const chunks: Array<Buffer> = []
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) })
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") }
}

describe("running a report", () => {
  it("writes the same CSV to a file as to a stream, and the file's size", async () => {
    const path = join(db.dir, "out", "clinics.csv")
    const written = await engine.report({ report: "clinics", ...day, path })
    const sink = collect()
    await engine.report({ report: "clinics", ...day, format: "csv", stream: sink.stream })
    const file = await readFile(path, "utf8")
    expect(file).toBe(sink.text())
    expect(written).toMatchObject({ format: "csv", bytes: Buffer.byteLength(file) })
    expect(file.split("\r\n")[1]).toContain("cl-1")
  })

  it("rejects bad input with core's tagged error before writing anything", async () => {
    const path = join(db.dir, "never", "clinics.csv")
    const failure = await engine.report({ report: "clinics", ...day, to: "2026-03-32", path }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(InvalidParameter)
    expect(failure).toMatchObject({ field: "to" })
    await expect(readdir(join(db.dir, "never"))).rejects.toThrow()
    expect(await engine.report({ report: "clinics", ...day, format: "pdf", path }).catch((e: unknown) => e)).toMatchObject({ _tag: "InvalidParameter", field: "format" })
  })

  it("refuses tiles for a long range", async () => {
    expect(await engine.summary({ ...day, from: "2026-01-01" }).catch((e: unknown) => e)).toBeInstanceOf(RangeTooLongForTiles)
    const summary = await engine.summary(day)
    expect(summary.tiles.length).toBeGreaterThan(0)
  })

  it.each(["csv", "xlsx"] as const)("leaves no temporary file and keeps the previous %s file when the rows fail midway", async (format) => {
    const dir = await mkdtemp(join(tmpdir(), "vcr-atomic-"))
    try {
      const path = join(dir, `report.${format}`)
      await writeFile(path, "previous")
      const failure = await runTimed(Effect.gen(function* () {
        const prepared = yield* Report.prepare("clinics", day, "test")
        async function* failing() {
          for await (const row of prepared.rows) yield row
          throw new Error("the database went away")
        }
        const broken: Prepared = { ...prepared, rows: failing() }
        return yield* Effect.flip(Report.toFile(broken, format, path))
      }).pipe(Effect.provide(layers(db))))
      expect(failure).toBeInstanceOf(WriteError)
      expect(failure.message).toContain("the database went away")
      expect(await readdir(dir)).toEqual([`report.${format}`])
      expect(await readFile(path, "utf8")).toBe("previous")
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
