/**
 * Running the app: `serve` listens on a port, wakes an in-process worker when an email is queued, and sweeps
 * expired history every minute (files destroyed, entries marked expired); `close` stops all three in order.
 */
import { clockLayer, Files, History, Store as StorePort } from "@vcr/engine"
import type { Store } from "@vcr/store"
import { Effect, Layer } from "effect"
import type { Server } from "node:http"
import { createApp, type AppOptions } from "./app.ts"
import type { Worker } from "./worker.ts"

/**
 * The history sweep on an open store at an instant: destroys the files of entries older than 24 hours and marks
 * them expired (they answer 410); deletes the rows of entries expired for a week. Returns how many files it destroyed.
 */
export const sweepExpired = (store: Store, now: number): Promise<number> =>
  Effect.runPromise(History.expire().pipe(
    // File references are absolute paths or "db:" ids, so the folder given here is never consulted.
    Effect.provide(Layer.merge(Files.folder(".").pipe(Layer.provideMerge(StorePort.fromStore(store))), clockLayer(() => now)))
  ))

/** The URL of a listening address: `http://127.0.0.1:8080`, `http://[::1]:8080`. */
const listenUrl = (host: string, port: number): string => `http://${host.includes(":") ? `[${host}]` : host}:${port}`

/**
 * Starts the app on a port (0 = any free one) with a sweeper every minute; resolves once listening. A worker given
 * as a function is made once the port is known (its links name the port actually served) and started then.
 */
export const serve = async (
  options: AppOptions & { readonly port: number; readonly host?: string; readonly worker?: Worker | ((port: number) => Worker) }
) => {
  // The worker exists once listening; a request queued before then is picked up by its first poll.
  const started: { worker?: Worker | undefined } = {}
  const app = createApp(options.worker === undefined ? options : { ...options, enqueueEmail: options.enqueueEmail ?? (async () => started.worker?.kick()) })
  const host = options.host ?? "127.0.0.1"
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port, host, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port
  const worker = typeof options.worker === "function" ? options.worker(port) : options.worker
  started.worker = worker
  const running = worker?.run()
  const now = options.now ?? (() => Date.now())
  const sweeper = setInterval(() => {
    sweepExpired(options.store, now()).catch(() => undefined)
  }, 60_000)
  sweeper.unref()
  return {
    server,
    port,
    /** Where it listens, e.g. `http://127.0.0.1:8080`. */
    url: listenUrl(host, port),
    close: async () => {
      clearInterval(sweeper)
      worker?.stop()
      await running
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
