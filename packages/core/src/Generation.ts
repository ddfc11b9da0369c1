/**
 * Preparing a report or a summary for a run: validates the report id and the parameters (one validator for
 * every edge), resolves the scope, and hands back the render context and the row stream.
 */
import type { Row } from "./Column.ts"
import { InvalidParameter, type NotFound, RangeTooLongForTiles } from "./Errors.ts"
import * as Parameters from "./Parameters.ts"
import { type RenderContext, type ReportId, reportIds } from "./Report.ts"
import * as Rows from "./reports/Rows.ts"
import * as Run from "./reports/Run.ts"
import type { ReportSource } from "./Source.ts"
import * as Tiles from "./Tiles.ts"

/** A report ready to render. */
export interface Prepared {
  readonly run: Run.RunContext
  readonly context: RenderContext
  readonly rows: AsyncIterable<Row>
}

/** Checks a report id (R48). */
export const decodeReportId = (raw: string): ReportId | InvalidParameter =>
  (reportIds as ReadonlyArray<string>).includes(raw)
    ? (raw as ReportId)
    : new InvalidParameter({ field: "report", code: "unknown_report", message: `report must be one of ${reportIds.join(", ")} (got "${raw}")` })

/** Validates, resolves the scope and opens the run (R23–R31). */
export const openRun = async (
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  now: number
): Promise<Run.RunContext | InvalidParameter | NotFound> => {
  const parameters = await Run.decode(input, source, now)
  if (parameters instanceof Error) return parameters
  return Run.open(parameters, source)
}

/** Prepares one report for rendering. */
export const prepare = async (
  reportId: string,
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  options: { readonly now: number; readonly generatedBy: string }
): Promise<Prepared | InvalidParameter | NotFound> => {
  const id = decodeReportId(reportId)
  if (id instanceof Error) return id
  const run = await openRun(input, source, options.now)
  if (run instanceof Error) return run
  const report = Rows.definition(run, id)
  return {
    run,
    context: {
      report,
      parameters: Parameters.toJson(run.parameters),
      generatedAt: run.clock(options.now)!,
      generatedBy: options.generatedBy
    },
    rows: Rows.rows(run, id)
  }
}

/** The summary document of SPEC §7 / R62; a long range has no tiles (R67). */
export interface Summary {
  readonly parameters: ReturnType<typeof Parameters.toJson>
  readonly generated_at: string
  readonly tiles: ReadonlyArray<Tiles.Tile>
}

/** Computes the summary tiles of a short range. */
export const summary = async (
  input: Parameters.RunInput,
  source: ReportSource & Run.DirectoryLookup,
  now: number,
  options: {
    /** The Organisations report's wider scope in the API: the path's organisation first, then the others the user reports on. */
    readonly organisationsReportIds?: ReadonlyArray<string>
  } = {}
): Promise<Summary | InvalidParameter | NotFound | RangeTooLongForTiles> => {
  const run = await openRun(input, source, now)
  if (run instanceof Error) return run
  if (run.parameters.rangeKind === "long") {
    return new RangeTooLongForTiles({
      message: `tiles are only computed for ranges shorter than two months (from ${run.parameters.from} to ${run.parameters.to} is long); download or email the reports instead`
    })
  }
  const wider = options.organisationsReportIds
  const organisationsRun =
    wider === undefined || run.parameters.clinicId !== null
      ? run
      : await Run.open({ ...run.parameters, organisationIds: [...new Set([...run.parameters.organisationIds, ...wider])] }, source)
  return { parameters: Parameters.toJson(run.parameters), generated_at: run.clock(now)!, tiles: await Tiles.tiles(run, organisationsRun) }
}
