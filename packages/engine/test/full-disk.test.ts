/**
 * A full disk (ENOSPC) while a report is written: every format fails promptly with WriteError (a hang fails the
 * test by its timeout), leaves no file or temporary file behind and records no history entry. The destination is
 * a stream that fails like a full disk, and, where this machine allows mounting, a real 64 KiB tmpfs filled up.
 */
import { Effect, Layer } from "effect"
import { execFileSync } from "node:child_process"
import { mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Writable } from "node:stream"
import { afterEach, describe, expect, it } from "vitest"
import { Files, History, Report, Store, WriteError, type Format } from "../src/index.ts"
import { day, postgres, runTimed, sqlite, type Database } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 })

/** A destination that takes `room` bytes and then fails every write the way a full disk does (asynchronously). */
const fullAfter = (room: number) => {
  let used = 0
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      used += chunk.length
      setImmediate(() => callback(used > room ? enospc() : null))
    }
  })
}

const formats: ReadonlyArray<Format> = ["csv", "json", "xlsx"]
const open = async (which: "SQLite" | "PostgreSQL"): Promise<Database | undefined> => (which === "SQLite" ? sqlite() : postgres())

/** A full 64 KiB tmpfs at a new folder, or undefined where mounting is not allowed. */
const fullTmpfs = (dir: string): string | undefined => {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" })
  } catch {
    return undefined
  }
  cleanups.push(() => execFileSync("umount", [dir], { stdio: "ignore" }))
  try {
    writeFileSync(join(dir, "filler"), Buffer.alloc(128 * 1024))
  } catch { /* full: that is the point */ }
  return dir
}

describe("a full disk", () => {
  it.each(formats)("fails a %s report streamed to a destination that runs out of space with WriteError", async (format) => {
    const db = (await sqlite())
    cleanups.push(() => db.drop())
    for (const room of [0, 200]) {
      const exit = await runTimed(Effect.gen(function* () {
        const prepared = yield* Report.prepare("consultations", day, "Ada Admin")
        return yield* Effect.exit(Report.toStream(prepared, format, fullAfter(room)))
      }).pipe(Effect.provide(Store.layer(db.url))))
      expect(exit._tag).toBe("Failure")
      expect(JSON.stringify(exit)).toContain("ENOSPC")
    }
  })

  it.each([["SQLite"], ["PostgreSQL"]] as const)("fails a download whose file cannot be stored, with no history entry and no file (%s)", async (which) => {
    const db = await open(which)
    if (db === undefined) return
    cleanups.push(() => db.drop())
    const folder = join(db.dir, "files")
    // A files port whose disk is full: it renders into a destination that fails like one.
    const fullFiles = Layer.effect(Files, Effect.map(Files, (files) => Files.of({
      ...files,
      save: (id, _format, write) => Effect.tryPromise({ try: () => write(fullAfter(100)), catch: (cause) => new WriteError({ target: id, message: String(cause), cause }) }).pipe(
        Effect.as({ ref: id, size: 0 })
      )
    }))).pipe(Layer.provide(Files.folder(folder)))
    for (const format of formats) {
      const failure = await runTimed(Effect.gen(function* () {
        const prepared = yield* Report.prepare("consultations", day, "Ada Admin")
        return yield* Effect.flip(History.download({ userId: "u-admin", prepared, format }))
      }).pipe(Effect.provide(fullFiles.pipe(Layer.provideMerge(Store.layer(db.url))))))
      expect(failure).toBeInstanceOf(WriteError)
    }
    const entries = await runTimed(Store.use((s) => Effect.promise(() => s.access.historyOf("u-admin", 0))).pipe(Effect.provide(Store.layer(db.url))))
    expect(entries).toEqual([])
  })

  it.each(formats)("fails a %s download into a full tmpfs files folder with WriteError, leaving no temporary file", async (format) => {
    const db = await sqlite()
    cleanups.push(() => db.drop())
    const folder = fullTmpfs(join(db.dir, "full"))
    if (folder === undefined) return // mounting is not allowed here: the files port above covers it
    for (const [report, range] of [["clinics", day], ["consultations", day]] as const) {
      const failure = await runTimed(Effect.gen(function* () {
        const prepared = yield* Report.prepare(report, range, "Ada Admin")
        return yield* Effect.flip(History.download({ userId: "u-admin", prepared, format }))
      }).pipe(Effect.provide(Files.folder(folder).pipe(Layer.provideMerge(Store.layer(db.url))))))
      expect(failure).toBeInstanceOf(WriteError)
      expect(failure.message).toContain("ENOSPC")
    }
    expect(readdirSync(folder)).toEqual(["filler"])
    const entries = await runTimed(Store.use((s) => Effect.promise(() => s.access.historyOf("u-admin", 0))).pipe(Effect.provide(Store.layer(db.url))))
    expect(entries).toEqual([])
  })
})
