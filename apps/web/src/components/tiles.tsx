/**
 * The six tiles in three categories (SPEC §7). Each figure reads in units with its exact value on hover, has an
 * info note from its field description, and — for the consultation and room-call figures (R81) — the change
 * against the previous period. Opening a tile's title shows its preview.
 */
import type { Category, Summary, TrendFigures, Trends } from "../api.ts"
import { t } from "../i18n/index.ts"
import { compare } from "../lib/compare.ts"
import { exactFigure, formatFigure } from "../lib/format.ts"
import { ReportActions, type ActionContext } from "./actions.tsx"
import { InfoTip } from "./info.tsx"

const categories: ReadonlyArray<Category> = ["entities", "roles", "activities"]
const compared = new Set(["consultations", "room-calls"])

const Delta = ({ figure, trends }: { readonly figure: string; readonly trends: Trends }) => {
  const m = t().tiles
  const key = figure as keyof TrendFigures
  if (!(key in trends.previous.totals)) return null
  const current = trends.totals[key]
  const previous = trends.previous.totals[key]
  const { text, tone } = compare(figure, current, previous)
  return (
    <dd class="delta" data-figure={figure}>
      <span class={`chip ${tone}`}>{text}</span>{" "}
      <span class="prev" title={exactFigure(figure, previous)}>{m.previous(formatFigure(figure, previous))}</span>
    </dd>
  )
}

/** The tiles; `trends` (when loaded) adds the previous-period change to the compared tiles. */
export const Tiles = (props: { readonly summary: Summary; readonly trends: Trends | undefined; readonly ctx: ActionContext; readonly onOpen: (report: string, title: string) => void }) => {
  const m = t()
  return (
    <div id="tiles">
      {categories.map((category) => (
        <section key={category} class="category" aria-label={m.categories[category]}>
          <h3>{m.categories[category]}</h3>
          <div class="tile-grid">
            {props.summary.tiles.filter((tile) => tile.category === category).map((tile) => (
              <article key={tile.report} class="tile card" data-report={tile.report}>
                <h4><button type="button" class="tile-open" aria-haspopup="dialog" aria-label={m.tiles.open(tile.title)} onClick={() => props.onOpen(tile.report, tile.title)}>{tile.title}</button></h4>
                <dl>
                  {Object.entries(tile.figures).map(([key, value]) => {
                    const figure = m.figures[tile.report]?.[key] ?? { label: key, description: "" }
                    return (
                      <div key={key} class="figure" data-figure={key}>
                        <dt>{figure.label}<InfoTip label={m.tiles.about(figure.label)} text={`${figure.description} ${m.tiles.fullValue(exactFigure(key, value))}`} /></dt>
                        <dd class="value" title={exactFigure(key, value)}>{formatFigure(key, value)}</dd>
                        {props.trends !== undefined && compared.has(tile.report) && <Delta figure={key} trends={props.trends} />}
                      </div>
                    )
                  })}
                </dl>
                <ReportActions report={tile.report} title={tile.title} long={false} ctx={props.ctx} />
              </article>
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}
