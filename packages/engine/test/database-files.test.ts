/**
 * Files kept in the database are written as they are rendered, a chunk at a time, and read back the same way:
 * a file of several chunks comes back byte for byte, replaces an earlier file of its entry, and a render that
 * fails leaves the entry's earlier file and no partial chunks.
 */
import { Effect } from "effect"
import { Writable } from "node:stream"
import { describe, expect, it } from "vitest"
import { Files } from "../src/index.ts"
import { layers, postgres, sqlite, type Database } from "./fixtures.ts"
import { Store } from "../src/Store.ts"

const bytesOf = (seed: number, length: number) => {
  const b = Buffer.alloc(length)
  for (let i = 0; i < length; i++) b[i] = (i * 31 + seed) & 0xff
  return b
}

/** Writes `data` to the stream in pieces of `piece` bytes, then ends it. */
const writeAll = (data: Buffer, piece: number) => async (out: Writable) => {
  for (let at = 0; at < data.length; at += piece) {
    if (!out.write(data.subarray(at, at + piece))) await new Promise((done) => out.once("drain", done))
  }
  out.end()
}

const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Array<Buffer> = []
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array))
  return Buffer.concat(chunks)
}

const run = (db: Database) =>
  Effect.runPromise(Effect.gen(function* () {
    const files = yield* Files
    const store = yield* Store
    const first = bytesOf(1, 2_500_000)
    const saved = yield* files.save("entry-1", "csv", writeAll(first, 70_000))
    expect(saved).toEqual({ ref: "db:entry-1", size: first.length })
    const read = yield* files.open("entry-1", saved.ref)
    expect((yield* Effect.promise(() => readAll(read!)) ).equals(first)).toBe(true)
    const second = bytesOf(2, 1_200_000)
    yield* files.save("entry-1", "csv", writeAll(second, 1_000_000))
    expect((yield* Effect.promise(async () => readAll((await Effect.runPromise(files.open("entry-1", saved.ref)))!)))).toEqual(second)
    const failed = yield* Effect.exit(files.save("entry-1", "csv", async (out) => {
      out.write(bytesOf(3, 1_500_000))
      throw new Error("render failed")
    }))
    expect(failed._tag).toBe("Failure")
    expect((yield* Effect.promise(async () => readAll((await Effect.runPromise(files.open("entry-1", saved.ref)))!)))).toEqual(second)
    expect(yield* Effect.promise(() => store.jobs.fileChunks("entry-1~partial"))).toBeUndefined()
    expect(yield* files.open("entry-2", "db:entry-2")).toBeUndefined()
  }).pipe(Effect.provide(layers(db, "database"))))

describe("files in the database", () => {
  it("round-trips a file of several chunks, replaces it, and keeps it when a later render fails (SQLite)", async () => {
    const db = await sqlite()
    try {
      await run(db)
    } finally {
      await db.drop()
    }
  })

  it("does the same on PostgreSQL", async (context) => {
    const db = await postgres()
    if (db === undefined) return context.skip()
    try {
      await run(db)
    } finally {
      await db.drop()
    }
  })
})
