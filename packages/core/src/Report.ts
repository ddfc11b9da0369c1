/**
 * Report definitions: one `Report.make` per report declares its id, category and typed columns (keys are API;
 * headers and descriptions are text for people, looked up by key per locale). From it come the row type
 * (`Report.RowOf`), the columns of a run (`resolve`: fixed columns, then bandwidth, then tag columns, R49) and
 * every renderer's header, JSON `columns`, XLSX "Field descriptions" and OpenAPI text.
 *
 * Dynamic columns are typed extensions of the row: a report declared with `bandwidth: true` has rows with a
 * `bandwidth` part (the six figures, or null when blank), one declared with `tags: true` a `tags` part (the
 * clinic's or room's tag values by tag key). `resolve` turns them into `min_sent_kbps`… and `tag:<key>` columns.
 */
import type * as Column from "./Column.ts"
import type * as Locales from "./Locales.ts"
import * as zhCN from "./locales/zh-CN.ts"
import type { Bandwidth } from "./Records.ts"

/** The three categories of SPEC §6, in display order. */
export type Category = "entities" | "roles" | "activities"

/** The six report ids (R48), in the order of SPEC §6. */
export const reportIds = [
  "organisations",
  "clinics",
  "service-providers",
  "service-provider-summary",
  "room-calls",
  "consultations"
] as const
export type ReportId = (typeof reportIds)[number]

/**
 * The locales reports have text for: every supported locale (`Locales.all`). Each text table below is mapped over
 * it, so a locale without a complete table (a missing report, column or message) fails the typecheck.
 */
export type Locale = Locales.Name

/** The locales other than English, whose report text is given to `make` as `translations`. */
export type Translated = Exclude<Locale, "en">

/** A report's fixed columns by key. */
export type Columns = Readonly<Record<string, Column.Spec>>

/** A report's text for people in one locale: title, grain, and every column's header and description by key. */
export interface Text<C extends Columns> {
  readonly title: string
  readonly grain: string
  readonly columns: { readonly [K in keyof C]: Column.Text }
}

/** A report's definition (see the module doc); `B` and `T` say whether its rows carry bandwidth and tags. */
export interface Definition<C extends Columns = Columns, B extends boolean = boolean, T extends boolean = boolean> {
  readonly id: ReportId
  readonly category: Category
  readonly columns: C
  /** The fixed column keys in column order. */
  readonly keys: ReadonlyArray<Extract<keyof C, string>>
  readonly bandwidth: B
  readonly tags: T
  readonly text: { readonly [L in Locale]: Text<C> }
}

/** Any report's definition, its keys erased: what registries and renderers take. */
export interface AnyDefinition {
  readonly id: ReportId
  readonly category: Category
  readonly columns: Columns
  readonly keys: ReadonlyArray<string>
  readonly bandwidth: boolean
  readonly tags: boolean
  readonly text: { readonly [L in Locale]: { readonly title: string; readonly grain: string; readonly columns: Readonly<Record<string, Column.Text>> } }
}

/** Tag values of a row by tag key (a clinic's, or a room's own over its clinic's): a missing key is blank. */
export type TagValues = Readonly<Record<string, string | null | undefined>>

/** The fixed part of a row: every column key, its value typed by the column's kind, null when blank. */
export type FixedRow<C extends Columns> = { readonly [K in keyof C]: Column.Values[C[K]["type"]] | null }

/**
 * The row type of a report: every fixed column by key, typed by its kind, plus `bandwidth` and `tags` parts
 * when the report has those columns. A misspelt or missing key in a row literal fails the typecheck.
 */
export type RowOf<D> = D extends Definition<infer C, infer B, infer T>
  ? FixedRow<C> &
    (B extends true ? { readonly bandwidth: Bandwidth | null } : unknown) &
    (T extends true ? { readonly tags: TagValues } : unknown)
  : never

/**
 * Declares a report; the columns' text becomes the English text table, keyed like the columns, and
 * `translations` gives the table of every other locale (one per locale, every column: checked by the typecheck).
 */
export const make = <const C extends Columns, B extends boolean = false, T extends boolean = false>(spec: {
  readonly id: ReportId
  readonly title: string
  readonly category: Category
  readonly grain: string
  readonly columns: C
  readonly bandwidth?: B
  readonly tags?: T
  readonly translations: { readonly [L in Translated]: Text<NoInfer<C>> }
}): Definition<C, B, T> => {
  const keys = Object.keys(spec.columns) as Array<Extract<keyof C, string>>
  const columns = Object.fromEntries(keys.map((k) => [k, { header: spec.columns[k]!.header, description: spec.columns[k]!.description }]))
  return {
    id: spec.id,
    category: spec.category,
    columns: spec.columns,
    keys,
    bandwidth: (spec.bandwidth ?? false) as B,
    tags: (spec.tags ?? false) as T,
    text: { en: { title: spec.title, grain: spec.grain, columns: columns as Text<C>["columns"] }, ...spec.translations }
  }
}

/** A report definition resolved for one run: its columns in order (tag and bandwidth columns included), in one locale. */
export interface ReportDefinition<R = unknown> {
  readonly id: ReportId
  /** The locale of the text (title, grain, headers, descriptions); renderers take their other words from it too. */
  readonly locale: Locale
  readonly title: string
  readonly category: Category
  readonly grain: string
  readonly columns: ReadonlyArray<Column.Column<R>>
}

/** The six bandwidth figures (SPEC §6), in column order, with their text by locale. */
export const bandwidthKeys = ["min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"] as const

const bandwidthText: { readonly [L in Locale]: { readonly [K in (typeof bandwidthKeys)[number]]: Column.Text } } = {
  en: {
    min_sent_kbps: { header: "Min sent (kbps)", description: "Lowest upload bandwidth of this participant, as last reported when leaving; blank if never reported" },
    max_sent_kbps: { header: "Max sent (kbps)", description: "Highest upload bandwidth of this participant, as last reported when leaving; blank if never reported" },
    avg_sent_kbps: { header: "Average sent (kbps)", description: "Average upload bandwidth of this participant, as last reported when leaving; blank if never reported" },
    min_received_kbps: { header: "Min received (kbps)", description: "Lowest download bandwidth of this participant, as last reported when leaving; blank if never reported" },
    max_received_kbps: { header: "Max received (kbps)", description: "Highest download bandwidth of this participant, as last reported when leaving; blank if never reported" },
    avg_received_kbps: { header: "Average received (kbps)", description: "Average download bandwidth of this participant, as last reported when leaving; blank if never reported" }
  },
  "zh-CN": zhCN.bandwidth
}

const tagDescription: { readonly [L in Locale]: (label: string) => string } = {
  en: (label) => `Reporting tag '${label}' of the clinic (a room's own value first, on room rows)`,
  "zh-CN": zhCN.tagDescription
}

/** The columns of a report for a run: fixed columns, then bandwidth columns when shown, then tag columns (R49–R51). */
export const resolve = <D extends AnyDefinition>(
  definition: D,
  options: {
    readonly bandwidth: boolean
    readonly tags: ReadonlyArray<{ readonly key: string; readonly label: string }>
    readonly locale?: Locale
  }
): ReportDefinition<RowOf<D>> => {
  type R = RowOf<D>
  const locale = options.locale ?? "en"
  const words = definition.text[locale]
  const columns: Array<Column.Column<R>> = definition.keys.map((key) => ({
    key,
    type: definition.columns[key]!.type,
    header: words.columns[key]!.header,
    description: words.columns[key]!.description,
    read: (row: R) => (row as unknown as Readonly<Record<string, Column.Cell>>)[key] ?? null
  }))
  if (definition.bandwidth && options.bandwidth) {
    bandwidthKeys.forEach((key, i) => {
      columns.push({
        key, type: "integer", ...bandwidthText[locale][key],
        read: (row: R) => (row as unknown as { readonly bandwidth: Bandwidth | null }).bandwidth?.[i] ?? null
      })
    })
  }
  if (definition.tags) {
    for (const tag of options.tags) {
      const key = tag.key
      columns.push({
        key: `tag:${key}`, type: "string", header: tag.label, description: tagDescription[locale](tag.label),
        read: (row: R) => {
          // Only own string values: a tag key such as "constructor" never reads the prototype.
          const value = (row as unknown as { readonly tags: TagValues }).tags[key]
          return typeof value === "string" ? value : null
        }
      })
    }
  }
  return { id: definition.id, locale, title: words.title, category: definition.category, grain: words.grain, columns }
}

/** The run parameters as every output shows them (R70), keys in this order. */
export interface ParametersJson {
  readonly organisation_ids: ReadonlyArray<string>
  readonly clinic_id: string | null
  readonly from: string
  readonly to: string
  readonly timezone: string
  readonly minimum_duration_minutes: number
  readonly range_start: string
  readonly range_end: string
  readonly range_kind: "short" | "long"
}

/** Everything a renderer needs besides the rows. Instants in rows are shown in `parameters.timezone` (R69). */
export interface RenderContext<R = unknown> {
  readonly report: ReportDefinition<R>
  readonly parameters: ParametersJson
  /** ISO instant with offset in the run's timezone. */
  readonly generatedAt: string
  /** Display name of the account (or "vcr cli") that generated it. */
  readonly generatedBy: string
}

/** One line per column: header, key, type, description (feeds every "field descriptions" output). */
export const fieldDescriptions = (report: ReportDefinition) =>
  report.columns.map((c) => ({ header: c.header, key: c.key, type: c.type, description: c.description }))

/** A row as a plain object keyed by column key (the JSON row shape, instants as epoch milliseconds). */
export const cells = <R>(report: ReportDefinition<R>, row: R): Readonly<Record<string, Column.Cell>> => {
  const out: Record<string, Column.Cell> = {}
  for (const c of report.columns) out[c.key] = c.read(row)
  return out
}
