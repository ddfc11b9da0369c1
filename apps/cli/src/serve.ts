/**
 * `vcr serve` and `vcr worker`: the HTTP app, and the engine's background worker that generates queued reports
 * and sends their emails (in the server's process unless --no-worker, or on its own). Both read the environment
 * through the app's one configuration module, so a wrong value stops them (exit 2) before anything is opened.
 */
import { clockOf, serve, type Configuration } from "@vcr/api"
import { createEngine } from "@vcr/engine"
import { configuration, publicUrl } from "./environment.ts"
import { storeUrl, type GlobalOptions } from "./store.ts"

/** The engine with the decoded environment's files, mail and clock (VCR_FILE_STORAGE, VCR_SMTP_URL, VCR_OUTBOX_DIR, VCR_MAIL_FROM, VCR_NOW). */
const openEngine = (globals: GlobalOptions, config: Configuration, filesDir: string) =>
  createEngine({
    database: storeUrl(globals),
    files: { dir: filesDir, storage: config.fileStorage },
    mail: { smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, from: config.mailFrom },
    now: clockOf(config),
    quotas: { queuedEmails: config.quotaQueuedEmails, bytesPerDay: config.quotaBytesPerDay }
  })

const describeMail = (config: Configuration) =>
  config.smtpUrl === undefined ? `emails are written to ${config.outboxDir}/ (set VCR_SMTP_URL to send them)` : "emails are sent over SMTP"

/** `vcr worker`: generates queued reports and sends their emails until SIGTERM or SIGINT. */
export const commandWorker = async (globals: GlobalOptions, options: { filesDir: string }) => {
  const config = configuration()
  const engine = await openEngine(globals, config, options.filesDir)
  const worker = engine.worker({ publicUrl: publicUrl() })
  process.stdout.write(`vcr worker ${worker.id} on ${storeUrl(globals)}; ${describeMail(config)}\n`)
  const stop = () => worker.stop()
  process.once("SIGTERM", stop)
  process.once("SIGINT", stop)
  await worker.run(config.pollMs)
  await engine.close()
  process.stdout.write(`vcr worker ${worker.id} stopped\n`)
}

/** `vcr serve`: the app on the engine's store, with an in-process worker unless --no-worker. */
export const commandServe = async (globals: GlobalOptions, options: { port: number; host: string; filesDir: string; worker: boolean }) => {
  const config = configuration()
  const engine = await openEngine(globals, config, options.filesDir)
  const worker = options.worker ? engine.worker({ publicUrl: publicUrl(options.port) }) : undefined
  const server = await serve({
    store: engine.store, filesDir: options.filesDir, fileStorage: config.fileStorage, port: options.port, host: options.host, now: clockOf(config),
    debug: config.debug, publicUrl: config.publicUrl, trustProxy: config.trustProxy, secureCookies: config.secureCookies,
    logLevel: config.logLevel, metricsToken: config.metricsToken,
    ingest: { concurrent: config.ingestConcurrency, queued: config.ingestQueue },
    quotas: { queuedEmails: config.quotaQueuedEmails, bytesPerDay: config.quotaBytesPerDay }, ...(worker === undefined ? {} : { worker })
  })
  process.stdout.write(
    `vcr serving ${storeUrl(globals)} at http://${options.host}:${server.port}/ (files in ${options.filesDir}; ` +
      `${worker === undefined ? "no in-process worker: run vcr worker" : describeMail(config)})\n`
  )
  const stop = async () => {
    await server.close()
    await engine.close()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop())
  process.once("SIGTERM", () => void stop())
  await new Promise(() => undefined)
}
