/**
 * @vcr/api: the HTTP JSON API and the Reports page. `createApp(options)` builds the express app from a store
 * and a files folder; `serve` listens and runs the history sweeper. The CLI's `vcr serve` uses it.
 */
import type { Server } from "node:http"
import { createApp, type AppOptions } from "./app.ts"
import { sweepExpired } from "./history-entry.ts"
import type { Worker } from "./worker.ts"

export { createApp, type AppOptions } from "./app.ts"
export { clockOf, ConfigurationError, decodeConfiguration, readConfiguration, type Configuration, type ConfigurationProblem, type Environment } from "./config.ts"
export { answerOf, type HttpAnswer } from "./errors.ts"
export { historyLifetimeMs, newHistoryEntry, reportTitle, sweepExpired, tombstoneLifetimeMs } from "./history-entry.ts"
export { actorOf, createLoginLink, createToken, hashSecret } from "./auth.ts"
export { INGEST_LIMIT_BYTES } from "./ingest.ts"
export { openApiDocument } from "./openapi.ts"
export { createWorker, type Worker, type WorkerOptions } from "./worker.ts"

/** Starts the app on a port (0 = any free one) with a sweeper every minute; resolves once listening. */
export const serve = async (options: AppOptions & { readonly port: number; readonly host?: string; readonly worker?: Worker }) => {
  const worker = options.worker
  const app = createApp(worker === undefined ? options : { ...options, enqueueEmail: options.enqueueEmail ?? (async () => worker.kick()) })
  const running = worker?.run()
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port, options.host ?? "127.0.0.1", () => resolve(s))
  })
  const now = options.now ?? (() => Date.now())
  const sweeper = setInterval(() => {
    sweepExpired(options.store, now()).catch(() => undefined)
  }, 60_000)
  sweeper.unref()
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port
  return {
    server,
    port,
    close: async () => {
      clearInterval(sweeper)
      worker?.stop()
      await running
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
