/**
 * Preparing a report or a summary for a run: validates the report id and the parameters (one validator for
 * every edge), resolves the scope, and hands back the render context and the row stream. Each step is an
 * Effect whose error channel names what can go wrong; the row loops themselves stay plain iterators.
 */
import { Effect } from "effect"
import { InvalidParameter, type NotFound, RangeTooLongForTiles } from "./Errors.ts"
import * as Locales from "./Locales.ts"
import * as Parameters from "./Parameters.ts"
import { type Locale, type RenderContext, type ReportId, reportIds } from "./Report.ts"
import * as Rows from "./reports/Rows.ts"
import * as Run from "./reports/Run.ts"
import type { ReportSource } from "./Source.ts"
import * as Tiles from "./Tiles.ts"

/** A report ready to render: its rows are read through `context.report.columns` (each column's `read`). */
export interface Prepared {
  readonly run: Run.RunContext
  readonly context: RenderContext
  readonly rows: AsyncIterable<unknown>
}

/** Whether a string is a report id (R48). */
export const isReportId = (raw: string): raw is ReportId => (reportIds as ReadonlyArray<string>).includes(raw)

/** Checks a report id (R48). */
export const decodeReportId = (raw: string): Effect.Effect<ReportId, InvalidParameter> =>
  isReportId(raw)
    ? Effect.succeed(raw)
    : Effect.fail(new InvalidParameter({ field: "report", code: "unknown_report", message: `report must be one of ${reportIds.join(", ")} (got "${raw}")` }))

/** Decodes the run's locale (`input.locale`, R80): absent is English; an unknown one fails naming `locale`. */
export const decodeLocale = (input: Pick<Parameters.RunInput, "locale">): Effect.Effect<Locale, InvalidParameter> => {
  const locale = Locales.decode(input.locale)
  return locale instanceof InvalidParameter ? Effect.fail(locale) : Effect.succeed(locale)
}

/** Validates, resolves the scope and opens the run (R23–R31). A failing look-up is a defect, not a typed error. */
export const openRun = Effect.fnUntraced(function* (
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  now: number
): Effect.fn.Return<Run.RunContext, InvalidParameter | NotFound> {
  const parameters = yield* Effect.promise(() => Run.decode(input, source, now))
  if (parameters instanceof Error) return yield* parameters
  return yield* Effect.promise(() => Run.open(parameters, source))
})

/** Prepares one report for rendering. */
export const prepare = Effect.fnUntraced(function* (
  reportId: string,
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  options: { readonly now: number; readonly generatedBy: string }
): Effect.fn.Return<Prepared, InvalidParameter | NotFound> {
  const id = yield* decodeReportId(reportId)
  const locale = yield* decodeLocale(input)
  const run = yield* openRun(input, source, options.now)
  return {
    run,
    context: {
      report: Rows.definition(run, id, locale),
      parameters: Parameters.toJson(run.parameters),
      generatedAt: run.clock(options.now)!,
      generatedBy: options.generatedBy
    },
    rows: Rows.rows(run, id)
  }
})

/** The summary document of SPEC §7 / R62; a long range has no tiles (R67). */
export interface Summary {
  readonly parameters: ReturnType<typeof Parameters.toJson>
  readonly generated_at: string
  readonly tiles: ReadonlyArray<Tiles.Tile>
}

/** Computes the summary tiles of a short range. */
export const summary = Effect.fnUntraced(function* (
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  now: number,
  options: {
    /** The Organisations report's wider scope in the API: the path's organisation first, then the others the user reports on. */
    readonly organisationsReportIds?: ReadonlyArray<string>
  } = {}
): Effect.fn.Return<Summary, InvalidParameter | NotFound | RangeTooLongForTiles> {
  const locale = yield* decodeLocale(input)
  const run = yield* openRun(input, source, now)
  if (run.parameters.rangeKind === "long") {
    return yield* new RangeTooLongForTiles({
      message: `tiles are only computed for ranges shorter than two months (from ${run.parameters.from} to ${run.parameters.to} is long); download or email the reports instead`
    })
  }
  const wider = options.organisationsReportIds
  const organisationsRun =
    wider === undefined || run.parameters.clinicId !== null
      ? run
      : yield* Effect.promise(() =>
        Run.open({ ...run.parameters, organisationIds: [...new Set([...run.parameters.organisationIds, ...wider])] }, source)
      )
  const tiles = yield* Effect.promise(() => Tiles.tiles(run, organisationsRun, locale))
  return { parameters: Parameters.toJson(run.parameters), generated_at: run.clock(now)!, tiles }
})
