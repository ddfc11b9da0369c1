/**
 * `vcr serve` and `vcr worker`: the HTTP app, and the engine's background worker that generates queued reports
 * and sends their emails (in the server's process unless --no-worker, or on its own). Both read the environment
 * through the app's one configuration module, so a wrong value stops them (exit 2) before anything is opened.
 */
import { clockOf, serve, type Configuration } from "@vcr/api"
import { createEngine } from "@vcr/engine"
import { configuration, publicUrl } from "./environment.ts"
import { storeUrl, type GlobalOptions } from "./store.ts"

/** How emails are sent (VCR_SMTP_URL, VCR_OUTBOX_DIR, VCR_MAIL_FROM): the worker's and the sign-in emails'. */
const mailOptions = (config: Configuration) => ({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, from: config.mailFrom })

/** The engine with the decoded environment's files, mail and clock (VCR_FILE_STORAGE, VCR_SMTP_URL, VCR_OUTBOX_DIR, VCR_MAIL_FROM, VCR_NOW). */
const openEngine = (globals: GlobalOptions, config: Configuration, filesDir: string) =>
  createEngine({
    database: storeUrl(globals),
    files: { dir: filesDir, storage: config.fileStorage },
    mail: mailOptions(config),
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
  const server = await serve({
    store: engine.store, filesDir: options.filesDir, fileStorage: config.fileStorage, port: options.port, host: options.host, now: clockOf(config),
    debug: config.debug, publicUrl: config.publicUrl, trustProxy: config.trustProxy, secureCookies: config.secureCookies, mail: mailOptions(config),
    logLevel: config.logLevel, metricsToken: config.metricsToken,
    ingest: { concurrent: config.ingestConcurrency, queued: config.ingestQueue },
    quotas: { queuedEmails: config.quotaQueuedEmails, bytesPerDay: config.quotaBytesPerDay },
    // Made once listening, so emailed links name the port actually served (--port 0 included).
    ...(options.worker ? { worker: (port: number) => engine.worker({ publicUrl: publicUrl(port) }) } : {})
  })
  process.stdout.write(
    `vcr serving ${storeUrl(globals)} at ${server.url}/ (files in ${options.filesDir}; ` +
      `${options.worker ? describeMail(config) : "no in-process worker: run vcr worker"})\n`
  )
  process.stderr.write(`vcr serve: listening on ${server.url}; links point to ${publicUrl(server.port)}\n`)
  if (config.publicUrl === undefined && server.port !== config.port) {
    process.stderr.write(`vcr serve: print sign-in links for this server with vcr login-link --user <id> --port ${server.port}\n`)
  }
  const stop = async () => {
    await server.close()
    await engine.close()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop())
  process.once("SIGTERM", () => void stop())
  await new Promise(() => undefined)
}
