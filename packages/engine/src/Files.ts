/**
 * The Files port: where the files of history entries are kept. In a folder (`Files.folder(dir)`: written
 * atomically, one per entry) or in the database (`Files.database`: chunks beside the entry, so several machines
 * need no shared disk). A file is named by its ref (a path, or `db:<entry>`), so files written under either
 * setting stay readable and removable after a change of setting.
 */
import { Context, Effect, Layer } from "effect"
import { Readable, Writable } from "node:stream"
import { createReadStream } from "node:fs"
import { rm, stat } from "node:fs/promises"
import { join, resolve } from "node:path"
import { removeOrphanedTemporaries, writeFileAtomically } from "./atomic-file.ts"
import { WriteError } from "./errors.ts"
import type { Format } from "./formats.ts"
import { Store, storeError } from "./Store.ts"
import type { StoreError } from "@vcr/store"

/** A stored file: its ref and size in bytes. */
export interface StoredFile {
  readonly ref: string
  readonly size: number
}

export interface FilesApi {
  readonly kind: "folder" | "database"
  /** Stores the file of entry `id`: `write` renders into the stream it is given and ends it. All or nothing. */
  save(id: string, format: Format, write: (out: Writable) => Promise<unknown>): Effect.Effect<StoredFile, WriteError | StoreError>
  /** The bytes of a stored file as a stream, or undefined when it is no longer kept. */
  open(id: string, ref: string): Effect.Effect<Readable | undefined, StoreError>
  /** Destroys a stored file (nothing if it is already gone). */
  remove(id: string, ref: string): Effect.Effect<void, StoreError>
  /** Destroys temporary files of the folder left by writers that died (see removeOrphanedTemporaries); how many. */
  removeOrphans(): Effect.Effect<number>
}

const databasePrefix = "db:"

/** Bytes per chunk of a file in the database. */
const chunkBytes = 1024 * 1024

/**
 * A Writable that stores what it is given in the database as it comes, a chunk of `chunkBytes` at a time under
 * `key` (the file is never whole in memory); writes wait for the database, so a slow database slows the render.
 */
const chunkWriter = (store: Store["Service"], key: string) => {
  let pending: Array<Buffer> = []
  let buffered = 0
  let seq = 0
  let size = 0
  let inFlight: Promise<unknown> = Promise.resolve()
  const flush = () => {
    if (buffered === 0 && seq > 0) return Promise.resolve()
    const data = Buffer.concat(pending, buffered)
    pending = []
    buffered = 0
    const written = store.jobs.putFileChunk(key, seq++, data)
    inFlight = written.catch(() => undefined)
    return written
  }
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk)
      buffered += chunk.length
      size += chunk.length
      if (buffered < chunkBytes) return callback()
      flush().then(() => callback(), callback)
    },
    final(callback) {
      flush().then(() => callback(), callback)
    }
  })
  /** Resolves once no chunk is being written (before the partial chunks are removed after a failure). */
  return { out, size: () => size, settled: () => inFlight }
}

/** The key under which a file of entry `id` is written before it is committed to the entry. */
const partialKey = (id: string) => `${id}~partial`

const make = (kind: "folder" | "database", folder: string, store: Store["Service"]): FilesApi => {
  const save: FilesApi["save"] = (id, format, write) => {
    if (kind === "folder") {
      const path = join(folder, `${id}.${format}`)
      return Effect.tryPromise({
        try: async () => ({ ref: path, size: (await writeFileAtomically(path, write)).bytes }),
        catch: (cause) => new WriteError({ target: path, message: `the report file could not be written: ${cause instanceof Error ? cause.message : String(cause)}`, cause })
      })
    }
    return Effect.gen(function* () {
      const key = partialKey(id)
      // What an earlier attempt at this entry left (a worker killed mid-write) goes first.
      yield* Effect.tryPromise({ try: () => store.jobs.removeFile(key), catch: (cause) => storeError("store file", cause) })
      const sink = chunkWriter(store, key)
      yield* Effect.tryPromise({
        try: async () => {
          await write(sink.out)
          await new Promise<void>((done, fail) => (sink.out.writableFinished ? done() : sink.out.once("finish", done).once("error", fail)))
        },
        catch: (cause) => new WriteError({ target: `${databasePrefix}${id}`, message: `the report could not be rendered: ${cause instanceof Error ? cause.message : String(cause)}`, cause })
      }).pipe(Effect.tapError(() => Effect.promise(() => sink.settled().then(() => store.jobs.removeFile(key)).catch(() => undefined))))
      yield* Effect.tryPromise({ try: () => store.jobs.commitFile(key, id), catch: (cause) => storeError("store file", cause) })
      return { ref: `${databasePrefix}${id}`, size: sink.size() }
    })
  }
  const open: FilesApi["open"] = (id, ref) =>
    ref.startsWith(databasePrefix)
      ? Effect.tryPromise({ try: () => store.jobs.fileChunks(id), catch: (cause) => storeError("read file", cause) }).pipe(
        Effect.map((chunks) => (chunks === undefined ? undefined : Readable.from(chunks)))
      )
      : Effect.promise(() => stat(ref).then(() => createReadStream(ref), () => undefined))
  const remove: FilesApi["remove"] = (id, ref) =>
    ref.startsWith(databasePrefix)
      ? Effect.tryPromise({ try: () => store.jobs.removeFile(id), catch: (cause) => storeError("remove file", cause) })
      : Effect.promise(() => rm(ref, { force: true }))
  // File times are real time, so this compares with the real clock, not Effect's (which tests move).
  const removeOrphans: FilesApi["removeOrphans"] = () =>
    folder === "" ? Effect.succeed(0) : Effect.promise(() => removeOrphanedTemporaries(folder, Date.now()))
  return { kind, save, open, remove, removeOrphans }
}

/**
 * The files port over a folder (or none), after removing what writers killed before this start left behind: a
 * temporary file of a killed render holds report data and would otherwise stay on disk for good.
 */
const build = (kind: "folder" | "database", folder: string, store: Store["Service"]) =>
  Effect.gen(function* () {
    const files = make(kind, folder, store)
    yield* files.removeOrphans()
    return files
  })

/** Where history files are kept, as an Effect service. */
export class Files extends Context.Service<Files, FilesApi>()("@vcr/engine/Files") {
  /** Files in a folder (created when needed). */
  static readonly folder = (dir: string): Layer.Layer<Files, never, Store> =>
    Layer.effect(Files, Effect.flatMap(Store, (store: Store["Service"]) => build("folder", resolve(dir), store)))

  /** Files in the database, beside their entries (refs of older folder files still open and remove). */
  static readonly database: Layer.Layer<Files, never, Store> = Layer.effect(Files, Effect.flatMap(Store, (store: Store["Service"]) => build("database", "", store)))

  /**
   * The usual choice: `"database"`, or a folder; when `storage` is not given, the database on PostgreSQL (no
   * shared disk between machines) and the folder on SQLite.
   */
  static readonly layer = (options: { readonly dir: string; readonly storage?: "folder" | "database" | undefined }): Layer.Layer<Files, never, Store> =>
    Layer.effect(
      Files,
      Effect.flatMap(Store, (store: Store["Service"]) => {
        const storage = options.storage ?? (store.dialect === "postgres" ? "database" : "folder")
        // The folder is swept either way: files of an earlier folder setting may still be written there.
        return build(storage, resolve(options.dir), store)
      })
    )
}
