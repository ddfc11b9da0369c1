/**
 * `vcr serve` and `vcr worker`: the HTTP app, and the background worker that generates queued reports and sends
 * their emails (in the server's process unless --no-worker, or on its own). Both read the environment through
 * the app's one configuration module.
 */
import { clockOf, createWorker, readConfiguration, serve, type Configuration } from "@vcr/api"
import { createMailer } from "@vcr/email"
import { publicUrl } from "./access.ts"
import { openConfiguredStore, storeUrl, type GlobalOptions } from "./store.ts"

/** Email and file settings of the decoded environment (VCR_SMTP_URL, VCR_OUTBOX_DIR, VCR_MAIL_FROM, VCR_FILE_STORAGE, VCR_CRASH_AT). */
export const backgroundSettings = (config: Configuration, filesDir: string) => {
  const { smtpUrl, outboxDir, mailFrom, fileStorage } = config
  return {
    filesDir,
    ...(fileStorage === undefined ? {} : { fileStorage }),
    mailer: createMailer({ smtpUrl, outboxDir, from: mailFrom }),
    describeMail: smtpUrl === undefined ? `emails are written to ${outboxDir}/ (set VCR_SMTP_URL to send them)` : "emails are sent over SMTP",
    crashAt: config.crashAt
  }
}

/** `vcr worker`: generates queued reports and sends their emails until SIGTERM or SIGINT. */
export const commandWorker = async (globals: GlobalOptions, options: { filesDir: string }) => {
  const config = readConfiguration()
  const store = await openConfiguredStore(globals)
  const settings = backgroundSettings(config, options.filesDir)
  const worker = createWorker({ store, publicUrl: config.publicUrl ?? publicUrl(), now: clockOf(config), ...settings })
  process.stdout.write(`vcr worker ${worker.id} on ${storeUrl(globals)}; ${settings.describeMail}\n`)
  const stop = () => worker.stop()
  process.once("SIGTERM", stop)
  process.once("SIGINT", stop)
  await worker.run(config.pollMs)
  await settings.mailer.close()
  await store.close()
  process.stdout.write(`vcr worker ${worker.id} stopped\n`)
}

/** `vcr serve`: a wrong environment stops it (exit 2) before the store is opened. */
export const commandServe = async (globals: GlobalOptions, options: { port: number; host: string; filesDir: string; worker: boolean }) => {
  const config = readConfiguration()
  const now = clockOf(config)
  const store = await openConfiguredStore(globals)
  const settings = backgroundSettings(config, options.filesDir)
  const worker = options.worker ? createWorker({ store, publicUrl: config.publicUrl ?? publicUrl(options.port), now, ...settings }) : undefined
  const server = await serve({
    store, filesDir: options.filesDir, port: options.port, host: options.host, now, debug: config.debug, ...(worker === undefined ? {} : { worker })
  })
  process.stdout.write(
    `vcr serving ${storeUrl(globals)} at http://${options.host}:${server.port}/ (files in ${options.filesDir}; ` +
      `${worker === undefined ? "no in-process worker: run vcr worker" : settings.describeMail})\n`
  )
  const stop = async () => {
    await server.close()
    await settings.mailer.close()
    await store.close()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop())
  process.once("SIGTERM", () => void stop())
  await new Promise(() => undefined)
}
