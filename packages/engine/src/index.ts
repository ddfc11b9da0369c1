/**
 * @vcr/engine: the use cases of vcr over ports. Effect users compose `Report`, `History`, `Access`, `Sweeper` and
 * `Worker` with the `Store`, `Files` and `Mailer` layers and Effect's Clock; everyone else calls
 * `createEngine(options)` and gets Promises.
 */
export { createEngine, engineLayer, makeEngine } from "./engine.ts"
export type { Engine, EngineOptions, EngineRuntime, EngineWorker, ReportRequest, ReportTarget, ReportWritten } from "./engine.ts"
export { Store } from "./Store.ts"
export type { StoreApi } from "./Store.ts"
export { Files } from "./Files.ts"
export { Mailer } from "./Mailer.ts"
export type { MailerApi, MailOptions } from "./Mailer.ts"
export type { FilesApi, StoredFile } from "./Files.ts"
export * as Report from "./Report.ts"
export * as History from "./History.ts"
export * as Sweeper from "./Sweeper.ts"
export * as Access from "./Access.ts"
export * as Ingest from "./Ingest.ts"
export * as Worker from "./Worker.ts"
export * as Quotas from "./Quotas.ts"
export { EntryExpired, EntryNotReady, QuotaExceeded, WriteError } from "./errors.ts"
export { decodeFormat, formats, mediaType, render } from "./formats.ts"
export type { Format } from "./formats.ts"
export type { QueueStats } from "@vcr/store"
export { writeFileAtomically } from "./atomic-file.ts"
export { clockLayer } from "./clock.ts"
export { historyLifetimeMs, reportTitle, tombstoneLifetimeMs } from "./History.ts"
export { hashSecret, linkLifetimeMs, newSecret, sessionLifetimeMs } from "./Access.ts"
