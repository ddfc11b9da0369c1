/**
 * Trends under the tiles (SPEC §11.1, R81): consultations, consultation time, waits (average and P90),
 * abandoned and transferred, room calls per bucket, each with its total, the previous period's and the change;
 * then consultations per clinic (`by=clinic`).
 */
import * as Plot from "@observablehq/plot"
import type { TrendFigures, Trends as TrendsDoc } from "../api.ts"
import { t } from "../i18n/index.ts"
import { compare } from "../lib/compare.ts"
import { exactFigure, formatCount, formatFigure } from "../lib/format.ts"
import { seriesOf, tableRows, tickEvery, toHours, toMinutes, type Point } from "../lib/series.ts"
import { Chart } from "./chart.tsx"

const colors = ["#4f46e5", "#0d9488", "#d97706", "#e11d48", "#0284c7", "#7c3aed", "#65a30d", "#db2777"]

const xAxis = (points: ReadonlyArray<Point>, type: "band" | "point") => {
  const every = tickEvery(points.length, 8)
  return { type, domain: [...new Set(points.map((p) => p.label))], label: null, tickFormat: (d: string, i: number) => (i % every === 0 ? d : ""), padding: type === "band" ? 0.25 : 0.5 }
}

const barChart = (points: ReadonlyArray<Point>, color: string): Plot.PlotOptions => ({
  x: xAxis(points, "band"),
  y: { grid: true, label: null, nice: true, zero: true },
  marks: [Plot.barY(points, { x: "label", y: "value", fill: color, tip: true }), Plot.ruleY([0], { stroke: "#c7cbd6" })]
})

const lineChart = (points: ReadonlyArray<Point>, names: ReadonlyArray<string>): Plot.PlotOptions => ({
  x: xAxis(points, "point"),
  y: { grid: true, label: null, nice: true, zero: true },
  color: { domain: [...names], range: colors.slice(0, names.length) },
  marks: [
    Plot.lineY(points, { x: "label", y: "value", stroke: "series", strokeWidth: 2 }),
    Plot.dot(points, { x: "label", y: "value", fill: "series", r: 3, tip: true }),
    Plot.ruleY([0], { stroke: "#c7cbd6" })
  ]
})

/** A figure's total, the previous period's and the change, for a card's header. */
const Kpi = ({ figure, label, trends }: { readonly figure: keyof TrendFigures; readonly label: string; readonly trends: TrendsDoc }) => {
  const m = t().tiles
  const current = trends.totals[figure]
  const previous = trends.previous.totals[figure]
  const { text, tone } = compare(figure, current, previous)
  return (
    <div class="kpi" data-figure={figure}>
      <span class="kpi-label">{label}</span>
      <span class="kpi-value" title={exactFigure(figure, current)}>{formatFigure(figure, current)}</span>
      <span class={`chip ${tone}`}>{text}</span>
      <span class="prev">{m.previous(formatFigure(figure, previous))}</span>
    </div>
  )
}

const Legend = ({ names }: { readonly names: ReadonlyArray<string> }) => (
  <ul class="legend">{names.map((n, i) => <li key={n}><span class={`swatch swatch-${i % colors.length}`} aria-hidden="true" />{n}</li>)}</ul>
)

const Card = (props: { readonly id: string; readonly title: string; readonly per: string; readonly n: number; readonly wide?: boolean; readonly children: preact.ComponentChildren }) => (
  <article class={props.wide === true ? "trend card wide" : "trend card"} data-chart={props.id} aria-labelledby={`trend-${props.id}`}>
    <h4 id={`trend-${props.id}`}>{props.title} <span class="per">{props.per}</span></h4>
    {props.children}
  </article>
)

/** The trend cards of a trends document. */
export const Trends = ({ trends }: { readonly trends: TrendsDoc }) => {
  const m = t()
  const tr = m.trends
  const per = tr.per[trends.granularity]
  const { buckets, granularity } = trends
  const series = (name: string, value: (f: TrendFigures) => number | null) => seriesOf(buckets, granularity, m.locale, name, value)
  const n = buckets.length
  const label = (title: string) => tr.chartLabel(title, per, n)
  const data = (title: string, points: ReadonlyArray<Point>, names: ReadonlyArray<string>) => ({ caption: label(title), head: [tr.bucket, ...names], rows: tableRows(points, names, formatCount) })
  const bars = (title: string, points: ReadonlyArray<Point>, color: string) =>
    <Chart source={trends} label={label(title)} data={data(title, points, [title])} options={barChart(points, color)} />
  const lines = (title: string, points: ReadonlyArray<Point>, names: ReadonlyArray<string>) =>
    <Chart source={trends} label={label(title)} data={data(title, points, names)} options={lineChart(points, names)} />
  const clinics = trends.clinics ?? []
  const clinicNames = clinics.map((c) => c.clinic_name ?? c.clinic_id)
  const clinicPoints = clinics.flatMap((c, i) => seriesOf(c.buckets, granularity, m.locale, clinicNames[i]!, (f) => f.consultations))
  return (
    <section id="trends" class="trends" aria-labelledby="trends-title">
      <div class="section-head">
        <h3 id="trends-title">{tr.heading}</h3>
        <p class="muted">{tr.previous(trends.previous.from, trends.previous.to)}</p>
      </div>
      <div class="trend-grid">
        <Card id="consultations" title={tr.consultations} per={per} n={n}>
          <Kpi figure="consultations" label={tr.thisPeriod} trends={trends} />
          {bars(tr.consultations, series(tr.consultations, (f) => f.consultations), colors[0]!)}
        </Card>
        <Card id="consultation-time" title={tr.consultationTime} per={per} n={n}>
          <Kpi figure="consultation_duration" label={tr.thisPeriod} trends={trends} />
          {bars(tr.consultationTime, series(tr.consultationTime, (f) => toHours(f.consultation_duration)), colors[1]!)}
        </Card>
        <Card id="waits" title={tr.waits} per={per} n={n}>
          <div class="kpis"><Kpi figure="average_wait_duration" label={tr.average} trends={trends} /><Kpi figure="p90_wait_duration" label={tr.p90} trends={trends} /></div>
          <Legend names={[tr.average, tr.p90]} />
          {lines(tr.waits, [...series(tr.average, (f) => toMinutes(f.average_wait_duration)), ...series(tr.p90, (f) => toMinutes(f.p90_wait_duration))], [tr.average, tr.p90])}
        </Card>
        <Card id="abandoned-transferred" title={tr.abandonedTransferred} per={per} n={n}>
          <div class="kpis"><Kpi figure="abandoned" label={tr.abandoned} trends={trends} /><Kpi figure="transferred" label={tr.transferred} trends={trends} /></div>
          <Legend names={[tr.abandoned, tr.transferred]} />
          {lines(tr.abandonedTransferred, [...series(tr.abandoned, (f) => f.abandoned), ...series(tr.transferred, (f) => f.transferred)], [tr.abandoned, tr.transferred])}
        </Card>
        <Card id="room-calls" title={tr.roomCalls} per={per} n={n}>
          <Kpi figure="room_calls" label={tr.thisPeriod} trends={trends} />
          {bars(tr.roomCalls, series(tr.roomCalls, (f) => f.room_calls), colors[4]!)}
        </Card>
        {clinics.length > 1 && (
          <Card id="by-clinic" title={tr.byClinic} per={per} n={n}>
            <Legend names={clinicNames} />
            {lines(tr.byClinic, clinicPoints, clinicNames)}
            <table class="data compact">
              <thead><tr><th scope="col">{tr.clinic}</th><th scope="col" class="num">{tr.total}</th></tr></thead>
              <tbody>
                {clinics.map((c, i) => <tr key={c.clinic_id}><td>{clinicNames[i]}</td><td class="num">{formatFigure("consultations", c.buckets.reduce((s, b) => s + b.figures.consultations, 0))}</td></tr>)}
              </tbody>
            </table>
          </Card>
        )}
      </div>
    </section>
  )
}
