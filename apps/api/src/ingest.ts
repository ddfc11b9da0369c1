/**
 * Receiving events (SPEC §11.6) without holding the database while a client sends: the body is first staged to a
 * temporary file (bytes counted, so memory stays flat and an oversized body stops at the limit), then imported
 * from that file by the engine's `Ingest` use case (all or nothing, run again if another writer held the database).
 */
import { Ingest, Store as StorePort } from "@vcr/engine"
import type { ImportSummary, Store } from "@vcr/store"
import { Effect } from "effect"
import { createReadStream, createWriteStream } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { join } from "node:path"
import { createInterface } from "node:readline"
import type { Readable } from "node:stream"
import { PayloadTooLarge } from "./errors.ts"

/** The largest body `POST /api/v1/events` takes (SPEC §11.6). */
export const INGEST_LIMIT_BYTES = 50 * 1024 * 1024

/** A staged body: its file, its size, and how to remove it. */
export interface Staged {
  readonly path: string
  readonly bytes: number
  readonly remove: () => Promise<void>
}

/** Copies a body to a new temporary file under `dir`, failing with PayloadTooLarge past `limit` bytes (the file is removed then). */
export const stageBody = async (body: Readable, options: { readonly dir: string; readonly limit: number }): Promise<Staged> => {
  const folder = await mkdtemp(join(options.dir, "vcr-ingest-"))
  const remove = () => rm(folder, { recursive: true, force: true })
  const path = join(folder, "body.ndjson")
  let bytes = 0
  try {
    // Not stream.pipeline: it would destroy the request (and its socket) on the limit, before the 413 is sent.
    await new Promise<void>((resolve, reject) => {
      const file = createWriteStream(path)
      let stopped = false
      const stop = (error: unknown) => {
        if (stopped) return
        stopped = true
        body.off("data", onData)
        // The rest of an oversized body is read and dropped, so the client can finish sending and read the answer;
        // a sender that goes on past twice the limit is cut off.
        let dropped = 0
        body.on("data", (chunk: Buffer) => {
          dropped += chunk.length
          if (dropped > options.limit) body.destroy()
        })
        body.resume()
        file.destroy()
        reject(error)
      }
      const onData = (chunk: Buffer) => {
        bytes += chunk.length
        if (bytes > options.limit) return stop(tooLarge(options.limit))
        if (!file.write(chunk)) {
          body.pause()
          file.once("drain", () => body.resume())
        }
      }
      const aborted = () => stop(new Error("the client closed the request before the end of its body"))
      // A request that waited for a slot may have been closed meanwhile: its events have passed already.
      if (body.destroyed) return aborted()
      let ended = false
      body.on("data", onData)
      body.once("end", () => {
        ended = true
        file.end()
      })
      body.once("error", stop)
      body.once("close", () => {
        if (!ended) aborted()
      })
      file.once("error", stop)
      file.once("finish", resolve)
    })
  } catch (error) {
    await remove()
    throw error
  }
  return { path, bytes, remove }
}

/** The 413 of a body over `limit` bytes. */
export const tooLarge = (limit: number) =>
  new PayloadTooLarge({ message: `the body is larger than ${limit / (1024 * 1024)} MB; send the events in several requests` })

/** Imports the NDJSON lines of a staged file exactly like `vcr import` (all or nothing, repeats harmless). */
export const ingestFile = (store: Store, path: string): Promise<ImportSummary> =>
  Effect.runPromise(Ingest.ingest(() => createInterface({ input: createReadStream(path), crlfDelay: Infinity })).pipe(
    Effect.provide(StorePort.fromStore(store))
  ))
