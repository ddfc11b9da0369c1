/**
 * A figure against the previous period (SPEC §11.1, R81): the change in percent as words, and whether it is good
 * news (more consultations) or bad (longer waits, more abandoned calls), for the chip beside the figure.
 */
import { t } from "../i18n/index.ts"
import { formatPercent, percentChange } from "./format.ts"

/** Figures where a rise is bad news. */
const lowerIsBetter = new Set(["abandoned", "abandoned_calls", "average_wait_duration", "p90_wait_duration"])
/** Figures that are neither good nor bad news when they rise (a transfer is routine). */
const neutral = new Set(["transferred", "transfers_out"])

/** The chip of a figure: its text and its tone. */
export const compare = (figure: string, current: number | null, previous: number | null): { readonly text: string; readonly tone: "good" | "bad" | "flat" } => {
  const m = t().tiles
  const change = percentChange(current, previous)
  if (change === null) return { text: previous === 0 && (current ?? 0) > 0 ? m.newActivity : m.noChange, tone: "flat" }
  const text = formatPercent(change)
  if (text === "0%") return { text: m.noChange, tone: "flat" }
  return { text: m.change(text), tone: neutral.has(figure) ? "flat" : (change > 0) !== lowerIsBetter.has(figure) ? "good" : "bad" }
}
