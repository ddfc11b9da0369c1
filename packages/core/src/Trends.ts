/**
 * Trends (SPEC §11.1, R75–R77, R81): the figures of the Waiting Area Consultations and Room Calls tiles per
 * calendar bucket (day, ISO week, month in the run's zone, DST exact), their totals, and the previous period's
 * totals. Each bucket is a run narrowed to the bucket's instants and folded by the tiles' own folds, so a bucket
 * holds the sessions that entered in it and the calls that started in it, and the buckets add up to the tiles.
 */
import { Temporal } from "@js-temporal/polyfill"
import { Effect } from "effect"
import { InvalidParameter, type NotFound } from "./Errors.ts"
import * as Generation from "./Generation.ts"
import * as Locales from "./Locales.ts"
import * as Parameters from "./Parameters.ts"
import * as Consultations from "./reports/Consultations.ts"
import * as RoomCalls from "./reports/RoomCalls.ts"
import type * as Run from "./reports/Run.ts"
import type { ReportSource } from "./Source.ts"

/** A bucket size (R75). */
export type Granularity = "day" | "week" | "month"

/** The granularities, in order. */
const granularities: ReadonlyArray<Granularity> = ["day", "week", "month"]

/** The figures of a bucket, of the totals and of the previous period (R76). */
export interface Figures {
  readonly consultations: number
  readonly consultation_duration: number
  readonly abandoned: number
  readonly transferred: number
  readonly average_wait_duration: number | null
  readonly p90_wait_duration: number | null
  readonly room_calls: number
  readonly room_call_duration: number
}

/** The figure keys, in the order SPEC §11.1 lists them. */
export const figureKeys: ReadonlyArray<keyof Figures> = [
  "consultations", "consultation_duration", "abandoned", "transferred", "average_wait_duration", "p90_wait_duration", "room_calls", "room_call_duration"
]

/** One bucket: its first instant and the first instant after it, as the run's zone shows them (R69). */
export interface Bucket {
  readonly start: string
  readonly end: string
  readonly figures: Figures
}

/** The trends document of SPEC §11.1. */
export interface TrendsDocument {
  readonly parameters: ReturnType<typeof Parameters.toJson>
  readonly generated_at: string
  readonly granularity: Granularity
  readonly buckets: ReadonlyArray<Bucket>
  readonly totals: Figures
  readonly previous: { readonly from: string; readonly to: string; readonly totals: Figures }
  readonly clinics?: ReadonlyArray<{ readonly clinic_id: string; readonly clinic_name: string | null; readonly buckets: ReadonlyArray<Bucket> }>
}

/** A trends request: the run parameters plus the bucket size and the breakdown (raw, as an edge receives them). */
export interface TrendsInput extends Parameters.RunInput {
  readonly granularity?: string | undefined
  readonly by?: string | undefined
}

const invalid = (field: string, code: string, message: string) => new InvalidParameter({ field, code, message })

/** Decodes `granularity` (R75); undefined when not given (the default then depends on the range). */
const decodeGranularity = (raw: string | undefined): Granularity | undefined | InvalidParameter => {
  if (raw === undefined || raw.trim() === "") return undefined
  const value = raw.trim().toLowerCase()
  return (granularities as ReadonlyArray<string>).includes(value)
    ? (value as Granularity)
    : invalid("granularity", "invalid_granularity", `granularity must be one of day, week, month (got "${raw}")`)
}

/** Decodes `by` (R81): only `clinic`. */
const decodeBy = (raw: string | undefined): "clinic" | undefined | InvalidParameter => {
  if (raw === undefined || raw.trim() === "") return undefined
  return raw.trim().toLowerCase() === "clinic" ? "clinic" : invalid("by", "invalid_by", `by must be clinic (got "${raw}")`)
}

/** The default granularity of a range (R75): day up to 62 days, week up to 26 weeks, month beyond. */
export const defaultGranularity = (from: Temporal.PlainDate, to: Temporal.PlainDate): Granularity => {
  const days = from.until(to, { largestUnit: "days" }).days + 1
  return days <= 62 ? "day" : days <= 26 * 7 ? "week" : "month"
}

/** Refuses a range of 13 months or more (R81, measured as R28 measures two months). */
const checkLength = (from: Temporal.PlainDate, to: Temporal.PlainDate): InvalidParameter | undefined =>
  Temporal.PlainDate.compare(to, from.add({ months: 13 }, { overflow: "constrain" })) >= 0
    ? invalid("to", "range_too_long_for_trends", `trends cover ranges shorter than 13 months: to must be before ${from.add({ months: 13 }, { overflow: "constrain" }).toString()} (got from ${from.toString()}, to ${to.toString()})`)
    : undefined

/** The local dates of the buckets (R75): `[first day, first day after)`, the first and last cut to the range. */
export const bucketDates = (
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  granularity: Granularity
): Array<readonly [Temporal.PlainDate, Temporal.PlainDate]> => {
  const after = to.add({ days: 1 })
  const out: Array<readonly [Temporal.PlainDate, Temporal.PlainDate]> = []
  for (let day = from; Temporal.PlainDate.compare(day, after) < 0;) {
    const next = granularity === "day"
      ? day.add({ days: 1 })
      : granularity === "week"
        ? day.add({ days: 8 - day.dayOfWeek })
        : day.with({ day: 1 }).add({ months: 1 })
    const end = Temporal.PlainDate.compare(next, after) < 0 ? next : after
    out.push([day, end])
    day = end
  }
  return out
}

/** The previous period (R77, R81): the same number of local days, ending the day before `from`. */
export const previousPeriod = (from: Temporal.PlainDate, to: Temporal.PlainDate): { from: Temporal.PlainDate; to: Temporal.PlainDate } => {
  const days = from.until(to, { largestUnit: "days" }).days + 1
  return { from: from.subtract({ days }), to: from.subtract({ days: 1 }) }
}

/** The run narrowed to `[start, end)`: the same scope, zone and minimum. */
const narrowed = (ctx: Run.RunContext, start: number, end: number): Run.RunContext => ({
  ...ctx,
  parameters: { ...ctx.parameters, rangeStart: start, rangeEnd: end }
})

/** The figures of a run's range, by the two tiles' folds over the rows they read (R76, R81). */
const figuresOf = async (ctx: Run.RunContext): Promise<Figures> => {
  const c = await Consultations.tile(ctx)
  const r = await RoomCalls.tile(ctx)
  return { ...c, ...r }
}

const bucketsOf = async (
  ctx: Run.RunContext,
  dates: ReadonlyArray<readonly [Temporal.PlainDate, Temporal.PlainDate]>
): Promise<Array<Bucket>> => {
  const out: Array<Bucket> = []
  for (const [first, after] of dates) {
    const start = Parameters.startOfDay(first, ctx.parameters.timezone)
    const end = Parameters.startOfDay(after, ctx.parameters.timezone)
    out.push({ start: ctx.clock(start)!, end: ctx.clock(end)!, figures: await figuresOf(narrowed(ctx, start, end)) })
  }
  return out
}

/** Computes the trends of an opened run (the parameters already checked by `decode`). */
const compute = async (
  ctx: Run.RunContext,
  options: { readonly granularity?: Granularity | undefined; readonly by?: "clinic" | undefined },
  now: number
): Promise<TrendsDocument> => {
  const p = ctx.parameters
  const from = Temporal.PlainDate.from(p.from)
  const to = Temporal.PlainDate.from(p.to)
  const granularity = options.granularity ?? defaultGranularity(from, to)
  const dates = bucketDates(from, to, granularity)
  const buckets = await bucketsOf(ctx, dates)
  const totals = await figuresOf(ctx)
  const prev = previousPeriod(from, to)
  const previousTotals = await figuresOf(
    narrowed(ctx, Parameters.startOfDay(prev.from, p.timezone), Parameters.startOfDay(prev.to.add({ days: 1 }), p.timezone))
  )
  const doc: TrendsDocument = {
    parameters: Parameters.toJson(p),
    generated_at: ctx.clock(now)!,
    granularity,
    buckets,
    totals,
    previous: { from: prev.from.toString(), to: prev.to.toString(), totals: previousTotals }
  }
  if (options.by !== "clinic") return doc
  const clinics: Array<NonNullable<TrendsDocument["clinics"]>[number]> = []
  // Each clinic's buckets are those of a clinic-level run for that clinic (R31, R81).
  for (const clinic of ctx.clinics) {
    const clinicRun: Run.RunContext = { ...ctx, clinics: [clinic], parameters: { ...p, clinicId: clinic.id } }
    clinics.push({ clinic_id: clinic.id, clinic_name: clinic.name, buckets: await bucketsOf(clinicRun, dates) })
  }
  return { ...doc, clinics }
}

/** Validates a trends request (R23–R31, R75, R81), opens the run and computes its trends. */
export const trends = Effect.fnUntraced(function* (
  input: TrendsInput,
  source: ReportSource & Run.DirectoryLookup,
  now: number
): Effect.fn.Return<TrendsDocument, InvalidParameter | NotFound> {
  const granularity = decodeGranularity(input.granularity)
  if (granularity instanceof InvalidParameter) return yield* granularity
  // Trends are figures only (no words to translate), but a bad locale is still refused like on every run.
  const locale = Locales.decode(input.locale)
  if (locale instanceof InvalidParameter) return yield* locale
  const by = decodeBy(input.by)
  if (by instanceof InvalidParameter) return yield* by
  const run = yield* Generation.openRun(input, source, now)
  const tooLong = checkLength(Temporal.PlainDate.from(run.parameters.from), Temporal.PlainDate.from(run.parameters.to))
  if (tooLong !== undefined) return yield* tooLong
  return yield* Effect.promise(() => compute(run, { granularity, by }, now))
})
