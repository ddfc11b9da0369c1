/**
 * `vcr schedule create|list|delete` (SPEC §11.4): scheduled deliveries of an account, as `--user` (like `vcr report
 * --email --user`): the account must be allowed to run the schedule's scope, and sees and deletes only its own
 * schedules. The engine validates every field (bad input: exit 2 naming the field and the rule, nothing written);
 * workers (`vcr worker`, or `vcr serve`'s own) fire the occurrences. Only commander loads up front.
 */
import type { Engine, ScheduleView } from "@vcr/engine"
import { type Command, Option } from "commander"
import type { GlobalOptions } from "./store.ts"

interface CreateOptions {
  user: string
  report: string
  org: string
  clinic?: string
  format: string
  tz: string
  minDuration?: string
  locale?: string
  range: string
  recurrence: string
}

/** The account the command acts as; a missing or deactivated one is NotFound (exit 2). */
const actorOf = async (engine: Engine, userId: string) => {
  const actor = await engine.access.actorOf(userId)
  if (actor === undefined) {
    const { NotFound } = await import("@vcr/core")
    throw new NotFound({ kind: "user", id: userId, message: `user "${userId}" not found` })
  }
  return actor
}

/** One line per schedule: id, report, scope, recurrence and zone, range, status, next occurrence, last run. */
export const schedulesText = (schedules: ReadonlyArray<ScheduleView>): string => {
  const rows = [["ID", "REPORT", "SCOPE", "RECURRENCE", "TIMEZONE", "RANGE", "FORMAT", "STATUS", "NEXT", "LAST RUN"], ...schedules.map((s) => [
    s.id, s.report, s.clinic_id === null ? s.organisation_id : `${s.organisation_id}/${s.clinic_id}`, s.recurrence, s.timezone, s.range, s.format,
    s.status, s.next_occurrences[0] ?? "-",
    s.last_run === null ? "-" : `${s.last_run.status}${s.last_run.late ? " late" : ""}${s.last_run.skipped > 0 ? `, ${s.last_run.skipped} skipped` : ""}`
  ])]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const lines = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd())
  for (const s of schedules) if (s.paused_reason !== null) lines.push(`${s.id}: ${s.paused_reason}`)
  return lines.join("\n") + "\n"
}

/** Adds `vcr schedule` and its subcommands to the program. */
export const scheduleCommand = (program: Command, globals: () => GlobalOptions): void => {
  const withEngine = async <A>(use: (engine: Engine) => Promise<A>) => (await import("./engine.ts")).withEngine(globals(), use)
  const schedule = program.command("schedule").description("scheduled deliveries: a report generated at each occurrence and emailed to its owner")
  schedule
    .command("create")
    .description("schedule a report for an account; prints the schedule id")
    .requiredOption("--user <id>", "the account that owns the schedule and receives the emails")
    .requiredOption("--report <id>", "organisations | clinics | service-providers | service-provider-summary | room-calls | consultations")
    .requiredOption("--org <id>", "organisation id")
    .option("--clinic <id>", "narrow the report to one clinic of the organisation")
    .addOption(new Option("--format <format>", "file format").choices(["xlsx", "csv", "json"]).default("xlsx"))
    .requiredOption("--tz <zone>", "IANA time zone of the recurrence and of each run")
    .option("--min-duration <minutes>", "minimum consultation duration in minutes (default: the organisation's at each run)")
    .option("--locale <locale>", "en or zh-CN (default en)")
    .requiredOption("--range <rule>", "previous_day, previous_week, previous_month, month_to_date or last_n_days:N")
    .requiredOption("--recurrence <when>", "'daily HH:MM', 'weekly Mon HH:MM', 'monthly 1..28 HH:MM' or a 5-field cron expression")
    .action(async (o: CreateOptions) => {
      const created = await withEngine(async (engine) => engine.schedules.create(await actorOf(engine, o.user), {
        report: o.report, organisation_id: o.org, clinic_id: o.clinic, format: o.format, timezone: o.tz, minimum_duration_minutes: o.minDuration,
        locale: o.locale, range: o.range, recurrence: o.recurrence
      }))
      process.stdout.write(`${created.id}\n`)
    })
  schedule
    .command("list")
    .description("list an account's schedules with their next occurrence and last run")
    .requiredOption("--user <id>", "the account")
    .addOption(new Option("--format <format>", "text or json (the API's answer)").choices(["text", "json"]).default("text"))
    .action(async (o: { user: string; format: "text" | "json" }) => {
      const schedules = await withEngine(async (engine) => engine.schedules.list(await actorOf(engine, o.user)))
      process.stdout.write(o.format === "json" ? JSON.stringify({ schedules }, null, 2) + "\n" : schedulesText(schedules))
    })
  schedule
    .command("delete")
    .description("delete one of an account's schedules (its history entries stay)")
    .argument("<id>", "schedule id")
    .requiredOption("--user <id>", "the account that owns it")
    .action(async (id: string, o: { user: string }) => {
      await withEngine(async (engine) => engine.schedules.remove(await actorOf(engine, o.user), id))
      process.stdout.write(`deleted schedule ${id}\n`)
    })
}
