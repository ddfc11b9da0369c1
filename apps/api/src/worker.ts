/**
 * The background worker on an open store, for `serve` and the tests: the engine's worker (claim, generate,
 * deliver, retry on its Schedule) over this app's store, files folder, mailer and clock.
 */
import type { Mailer } from "@vcr/email"
import { makeEngine, type EngineWorker, type Worker as EngineWorkerModule } from "@vcr/engine"
import type { Store } from "@vcr/store"

export interface WorkerOptions extends EngineWorkerModule.WorkerOptions {
  readonly store: Store
  readonly mailer: Mailer
  readonly filesDir: string
  /** Where files are kept: a folder every process can read, or the database (no shared disk). */
  readonly fileStorage?: "folder" | "database" | undefined
  readonly now?: (() => number) | undefined
}

/** A worker: `runOnce` does at most one generation and one email; `run` loops until stopped. */
export const createWorker = (options: WorkerOptions): EngineWorker => {
  const { store, mailer, filesDir, fileStorage, now, ...worker } = options
  return makeEngine({ database: store, files: { dir: filesDir, storage: fileStorage }, mail: mailer, ...(now === undefined ? {} : { now }) }).worker(worker)
}

export type Worker = EngineWorker
