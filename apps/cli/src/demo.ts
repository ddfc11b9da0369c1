/**
 * `vcr demo`: seeds a realistic demo organisation through the ordinary import path (generated NDJSON lines),
 * then writes the summary and the six reports (XLSX and CSV) of a recent short range into a folder.
 */
import { InvalidParameter, type Locale, Locales, Parameters, reportIds } from "@vcr/core"
import * as Demo from "@vcr/demo"
import { writeFileAtomically } from "@vcr/engine"
import { mkdir } from "node:fs/promises"
import { join, resolve } from "node:path"
import { loginLinkFor } from "./access.ts"
import { withEngine } from "./engine.ts"
import { showImport } from "./import-command.ts"
import { progressEvery, startProgress, type Progress } from "./progress.ts"
import { renderReport, summaryText } from "./render.ts"
import { currentTime } from "./environment.ts"
import { storeUrl, type GlobalOptions } from "./store.ts"

function* demoLines(seed: number, now: number) {
  for (const record of Demo.generateDemo({ seed, now: new Date(now).toISOString() })) yield JSON.stringify(record)
}

/** Runs the demo: import (once per store), then the reports. */
export const commandDemo = async (globals: GlobalOptions, options: { out: string; seed: number; locale?: string | undefined }) => {
  // Checked before anything is imported or written.
  const locale = Locales.decode(options.locale, "--locale")
  if (locale instanceof InvalidParameter) throw locale
  const progress = startProgress({ everySeconds: progressEvery(globals.progressEvery) })
  try {
    await demo(globals, { ...options, locale }, progress)
  } finally {
    progress.stop()
  }
}

const demo = (globals: GlobalOptions, options: { out: string; seed: number; locale: Locale }, progress: Progress) =>
  withEngine(globals, async (engine) => {
    const { store } = engine
    const now = currentTime()
    const organisationId = Demo.demoOrganisationId
    if ((await store.organisation(organisationId)) === undefined) {
      const summary = await store.importLines(demoLines(options.seed, now), { onProgress: showImport(progress) })
      progress.stop()
      process.stdout.write(
        `seeded ${storeUrl(globals)}: ${summary.records} records, ${summary.events.inserted} call events, ${summary.components} sessions and room calls projected\n`
      )
    } else {
      process.stdout.write(`${storeUrl(globals)} already holds the demo organisation ${organisationId}; writing its reports\n`)
    }
    const zone = (await store.configuration(organisationId))?.default_timezone ?? Parameters.defaultTimezone
    const today = Parameters.today(now, zone)
    const input = {
      organisationIds: [organisationId],
      from: today.subtract({ months: 1 }).with({ day: 1 }).toString(),
      to: today.toString(),
      timezone: zone,
      locale: options.locale
    }
    const out = resolve(options.out)
    await mkdir(out, { recursive: true })
    const summary = await engine.summary(input)
    const writeText = (path: string, text: string) => writeFileAtomically(path, async (stream) => void stream.end(text))
    await writeText(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n")
    await writeText(join(out, "summary.txt"), summaryText(summary))
    for (const id of reportIds) {
      await renderReport(engine, id, input, { format: "xlsx", out: join(out, `${id}.xlsx`), progress })
      await renderReport(engine, id, input, { format: "csv", out: join(out, `${id}.csv`), progress })
    }
    progress.stop()
    process.stdout.write(summaryText(summary))
    process.stdout.write(`\nwrote the summary and six reports (XLSX and CSV) for ${input.from} to ${input.to} into ${out}\n`)
    const link = await loginLinkFor(engine, Demo.demoAdminUserId)
    process.stdout.write(`\nSee them on the Reports page: run \`pnpm vcr serve\`, then open this one-time sign-in link (valid 15 minutes) as the demo organisation admin:\n${link}\n`)
  })
