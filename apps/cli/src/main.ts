#!/usr/bin/env node
/**
 * `vcr`: the command line. A composition root: it opens the engine on the store chosen by `--db` /
 * VCR_DATABASE_URL and passes raw options to its use cases (core's one validator checks them). Exit codes: 0 ok, 2 bad
 * input, 1 failure (R72). Only commander loads up front: each action imports what it needs (the engine, the
 * store, the HTTP app) when it runs, so `vcr --help` and `vcr --version` start fast.
 */
import { Command, Option } from "commander"
import { describeFailure, UsageError } from "./failure.ts"
import type { GlobalOptions } from "./store.ts"
import { scheduleCommand } from "./schedule-command.ts"
import { trendsCommand } from "./trends-command.ts"
import { version } from "./version.ts"

const program = new Command()
program
  .name("vcr")
  .description("vcr: organisation reports for a telehealth video-call platform")
  .version(version, "-V, --version", "print the version of vcr")
  .option("--db <url>", "store: sqlite:<path> (default sqlite:vcr.db) or postgres://... (env VCR_DATABASE_URL)")
  .option("--progress-every <seconds>", "seconds between progress lines on stderr when it is not a terminal (default 5)")
  .showHelpAfterError()
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })

const globals = (): GlobalOptions => program.opts<GlobalOptions>()

const db = program.command("db").description("database maintenance")
db.command("migrate")
  .description("create or upgrade the schema")
  .action(async () => {
    const { openConfiguredStore } = await import("./store.ts")
    const store = await openConfiguredStore(globals(), { migrate: false })
    try {
      await store.migrate()
      process.stdout.write(`migrated ${store.dialect} store\n`)
    } finally {
      await store.close()
    }
  })
db.command("reproject")
  .description("recompute every projection (sessions, segments, room calls) from the stored events")
  .action(async () => {
    const { openConfiguredStore } = await import("./store.ts")
    const store = await openConfiguredStore(globals())
    try {
      const result = await store.reproject()
      process.stdout.write(`reprojected ${result.components} components\n`)
    } finally {
      await store.close()
    }
  })

program
  .command("import")
  .description("import an NDJSON file (or - for standard input); all or nothing per file, safe to re-run")
  .argument("<file>", "path of the NDJSON file, or - for standard input")
  .action(async (file: string) => {
    const { commandImport } = await import("./import-command.ts")
    await commandImport(globals(), file)
  })

const runOptions = (command: Command) =>
  command
    .requiredOption("--org <id>", "organisation id (repeatable)", (value: string, previous: Array<string> = []) => [...previous, value])
    .option("--clinic <id>", "narrow the run to one clinic of the organisation")
    .option("--from <date>", "first date, YYYY-MM-DD (default: first day of this month)")
    .option("--to <date>", "last date, YYYY-MM-DD, inclusive (default: today)")
    .option("--tz <zone>", "IANA time zone (default: the organisation's configured zone, else Australia/Sydney)")
    .option("--min-duration <minutes>", "minimum consultation duration in minutes (default: configured, else 0)")
    .option("--locale <locale>", "language of titles, headers, descriptions and the email: en (default) or zh-CN; data never changes")

/** The options of every run command, raw: core's one validator checks them. */
interface RunOptions { org: Array<string>; clinic?: string; from?: string; to?: string; tz?: string; minDuration?: string; locale?: string }

const runInput = (o: RunOptions) => ({
  organisationIds: o.org,
  clinicId: o.clinic,
  from: o.from,
  to: o.to,
  timezone: o.tz,
  minimumDurationMinutes: o.minDuration,
  locale: o.locale
})

runOptions(
  program
    .command("report")
    .description("write one detailed report")
    .argument("<report-id>", "organisations | clinics | service-providers | service-provider-summary | room-calls | consultations")
)
  .addOption(new Option("--format <format>", "xlsx, csv or json (default: from --out's extension, else csv)").choices(["xlsx", "csv", "json"]))
  .option("--out <path>", "write to this file (atomically) instead of standard output")
  .option("--email", "queue the report for background generation and email a link to --user; prints the history entry id")
  .option("--user <id>", "with --email: the account that requests the report and receives the link")
  .action(async (reportId: string, o: RunOptions & { format?: string; out?: string; email?: boolean; user?: string }) => {
    const { withEngine } = await import("./engine.ts")
    if (o.email === true) {
      const userId = o.user
      if (userId === undefined) throw new UsageError("--email needs --user <id>: the account that receives the link")
      const entry = await withEngine(globals(), (engine) => engine.email({ report: reportId, ...runInput(o), format: o.format ?? "xlsx", userId, via: "cli" }))
      process.stdout.write(`${entry.id}\n`)
      return
    }
    const { formatFromOptions, renderReport } = await import("./render.ts")
    const format = formatFromOptions(o.format, o.out)
    if (format === "xlsx" && o.out === undefined) throw new UsageError("--format xlsx needs --out <path>")
    const { progressEvery, startProgress } = await import("./progress.ts")
    const progress = o.out === undefined ? undefined : startProgress({ everySeconds: progressEvery(globals().progressEvery) })
    try {
      await withEngine(globals(), (engine) => renderReport(engine, reportId, runInput(o), { format, out: o.out, ...(progress && { progress }) }))
    } finally {
      progress?.stop()
    }
  })

runOptions(program.command("summary").description("print the six summary tiles of a short range"))
  .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
  .action(async (o: RunOptions & { format: "text" | "json" }) => {
    const [{ withEngine }, { renderSummary }] = await Promise.all([import("./engine.ts"), import("./render.ts")])
    await withEngine(globals(), (engine) => renderSummary(engine, runInput(o), { format: o.format }))
  })

trendsCommand(runOptions(program.command("trends")), runInput, globals)
scheduleCommand(program, globals)

program
  .command("demo")
  .description("seed a realistic demo organisation into the store and write its summary and six reports")
  .option("--out <dir>", "folder for the reports", "vcr-reports")
  .option("--seed <n>", "generator seed", "20260301")
  .option("--locale <locale>", "language of the reports' titles, headers and descriptions: en (default) or zh-CN")
  .action(async (o: { out: string; seed: string; locale?: string }) => {
    const { commandDemo } = await import("./demo.ts")
    await commandDemo(globals(), { out: o.out, seed: Number(o.seed), locale: o.locale })
  })

program
  .command("serve")
  .description("serve the JSON API and the Reports page")
  .option("--port <port>", "port to listen on (env PORT, default 8080)")
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--files <dir>", "folder for generated report files (env VCR_FILES_DIR, default vcr-files)")
  .option("--no-worker", "do not generate emailed reports in this process (run vcr worker instead)")
  .action(async (o: { port?: string; host: string; files?: string; worker: boolean }) => {
    const [{ commandServe }, { configuration, portOption }] = await Promise.all([import("./serve.ts"), import("./environment.ts")])
    const port = o.port === undefined ? configuration().port : portOption(o.port)
    await commandServe(globals(), { port, host: o.host, filesDir: o.files ?? configuration().filesDir, worker: o.worker })
  })

program
  .command("worker")
  .description("generate queued reports and send their emails until stopped (SIGTERM: finish the job in hand, claim no more)")
  .option("--files <dir>", "folder for generated report files (env VCR_FILES_DIR, default vcr-files)")
  .action(async (o: { files?: string }) => {
    const { commandWorker } = await import("./serve.ts")
    const { configuration } = await import("./environment.ts")
    await commandWorker(globals(), { filesDir: o.files ?? configuration().filesDir })
  })

const token = program.command("token").description("API tokens: personal tokens of users, service tokens of platforms")
token
  .command("create")
  .description("create a personal token (--user) or a service token (--service --scope ingest); shown once, only its hash is stored")
  .option("--user <id>", "a personal token for this user (it has the user's roles)")
  .option("--service <name>", "a service token for this platform (no account; named in the audit log)")
  .addOption(new Option("--scope <scope>", "what the service token may do: ingest posts events and reads nothing").choices(["ingest"]))
  .option("--expires-in <days>", "days until a personal token expires, 1 to 3650 (default 90)")
  .action(async (o: { user?: string; service?: string; scope?: string; expiresIn?: string }) => {
    const { commandToken } = await import("./access.ts")
    await commandToken(globals(), o)
  })
token
  .command("list")
  .description("list personal and service tokens (short id, kind, owner, scope, created, expires); never the secrets")
  .action(async () => {
    const { commandTokenList } = await import("./access.ts")
    await commandTokenList(globals())
  })
token
  .command("revoke")
  .description("revoke a token by the id vcr token list shows (or enough of its start to be unique)")
  .argument("<id>", "token id")
  .action(async (id: string) => {
    const { commandTokenRevoke } = await import("./access.ts")
    await commandTokenRevoke(globals(), id)
  })

program
  .command("push")
  .description("send an NDJSON file (or - for standard input) to a vcr server's POST /api/v1/events in chunks, with retries; safe to repeat")
  .argument("<file>", "path of the NDJSON file, or - for standard input")
  .requiredOption("--url <url>", "the server's base URL, e.g. https://reports.example.org")
  .option("--token <token>", "a service token with the ingest scope (env VCR_TOKEN)")
  .option("--chunk-bytes <bytes>", "largest request body in bytes (at most 52428800)", "8388608")
  .option("--attempts <n>", "attempts per chunk on network failures, 429 and 5xx answers", "6")
  .action(async (file: string, o: { url: string; token?: string; chunkBytes: string; attempts: string }) => {
    const { commandPush } = await import("./push-command.ts")
    await commandPush(file, o)
  })

program
  .command("login-link")
  .description("print a one-time sign-in link (valid 15 minutes) for a user")
  .requiredOption("--user <id>", "user id")
  .option("--port <port>", "the port vcr serve listens on, when VCR_PUBLIC_URL is not set (env PORT, default 8080)")
  .action(async (o: { user: string; port?: string }) => {
    const [{ commandLoginLink }, { portOption }] = await Promise.all([import("./access.ts"), import("./environment.ts")])
    await commandLoginLink(globals(), o.user, o.port === undefined ? undefined : portOption(o.port))
  })

const main = async () => {
  try {
    await program.parseAsync(process.argv)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (typeof code === "string" && code.startsWith("commander.")) {
      // commander has already printed its message; help and version are not failures.
      process.exitCode = code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help" ? 0 : 2
      return
    }
    const failure = describeFailure(error)
    process.stderr.write(`${failure.message}\n`)
    process.exitCode = failure.code
  }
}

await main()
