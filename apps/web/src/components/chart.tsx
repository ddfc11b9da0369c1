/**
 * One Observable Plot chart, redrawn at its container's width. Plot puts a `<style>` element in each chart;
 * the page's content security policy allows no inline style, so it is removed before the chart is attached and
 * the same rules live in the page's stylesheet (`.vcr-plot`). Attributes set with setAttribute are not inline
 * style, and Plot sets style properties through the CSSOM, which the policy allows.
 */
import * as Plot from "@observablehq/plot"
import { useEffect, useRef } from "preact/hooks"

/** The figures behind a chart as a table for screen readers (the drawing itself is hidden from them). */
export interface ChartData { readonly caption: string; readonly head: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }

/** A chart of `options` (without width), labelled for assistive technology; redrawn when `source` (its data) changes. */
export const Chart = ({ options, label, source, data, height = 220 }: { readonly options: Plot.PlotOptions; readonly label: string; readonly source: unknown; readonly data: ChartData; readonly height?: number }) => {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = box.current
    if (element === null) return
    let width = 0
    const draw = () => {
      const next = Math.max(260, Math.floor(element.clientWidth))
      if (next === width) return
      width = next
      const chart = Plot.plot({ ...options, width, height, className: "vcr-plot" })
      for (const style of chart.querySelectorAll("style")) style.remove()
      // The container is the chart's one image with its label; Plot's per-mark labels on plain groups are not
      // allowed ARIA there, so they become data-mark (what tests count) and the drawing is hidden from the tree.
      for (const mark of chart.querySelectorAll("[aria-label]")) {
        mark.setAttribute("data-mark", mark.getAttribute("aria-label") ?? "")
        mark.removeAttribute("aria-label")
      }
      chart.setAttribute("aria-hidden", "true")
      element.replaceChildren(chart)
    }
    draw()
    const observer = new ResizeObserver(draw)
    observer.observe(element)
    return () => {
      observer.disconnect()
      element.replaceChildren()
    }
    // options are rebuilt on every render from `source`: redraw only when the data changes
  }, [source, height])
  return (
    <>
      <div ref={box} class="chart" role="img" aria-label={label} />
      <div class="sr">
        <table>
          <caption>{data.caption}</caption>
          <thead><tr>{data.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>{data.rows.map((row, i) => <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>)}</tbody>
        </table>
      </div>
    </>
  )
}
