import { describe, expect, it } from "vitest"
import { exactFigure, formatClock, formatCount, formatDuration, formatFigure, formatPercent, percentChange } from "../src/lib/format.ts"
import { cellText } from "../src/lib/cells.ts"

describe("figures as the page shows them", () => {
  it("reads durations in the two largest units, rounded down", () => {
    expect(formatDuration(161_240)).toBe("44 h 47 min")
    expect(formatDuration(3600)).toBe("1 h")
    expect(formatDuration(303)).toBe("5 min 3 s")
    expect(formatDuration(120)).toBe("2 min")
    expect(formatDuration(42)).toBe("42 s")
    expect(formatDuration(0)).toBe("0 s")
    expect(formatDuration(3_600_000)).toBe("1,000 h")
    expect(formatDuration(null)).toBe("–")
  })
  it("keeps the exact clock value and seconds for hover", () => {
    expect(formatClock(161_240)).toBe("44:47:20")
    expect(exactFigure("consultation_duration", 161_240)).toBe("44:47:20 (161,240 s)")
    expect(exactFigure("consultations", 229)).toBe("229")
    expect(exactFigure("p90_wait_duration", null)).toBe("–")
  })
  it("groups counts and chooses units by the figure's key", () => {
    expect(formatCount(12345)).toBe("12,345")
    expect(formatFigure("consultations", 1234)).toBe("1,234")
    expect(formatFigure("average_wait_duration", 95)).toBe("1 min 35 s")
  })
  it("computes the change in percent against the previous period", () => {
    expect(percentChange(229, 200)).toBeCloseTo(14.5)
    expect(percentChange(50, 100)).toBe(-50)
    expect(percentChange(5, 0)).toBeNull()
    expect(percentChange(null, 10)).toBeNull()
    expect(percentChange(10, null)).toBeNull()
    expect(formatPercent(14.5)).toBe("+15%")
    expect(formatPercent(-50)).toBe("−50%")
    expect(formatPercent(3.14)).toBe("+3.1%")
    expect(formatPercent(0.01)).toBe("0%")
  })
  it("shows report cells as the workbook does", () => {
    expect(cellText("seconds", 905)).toBe("0:15:05")
    expect(cellText("boolean", true)).toBe("Yes")
    expect(cellText("boolean", false)).toBe("No")
    expect(cellText("instant", "2026-03-02T09:00:00+11:00")).toBe("2026-03-02 09:00:00 +11:00")
    expect(cellText("string", null)).toBe("")
    expect(cellText("integer", 3)).toBe("3")
  })
})

describe("the change against the previous period", () => {
  it("says how much, and whether that is good news for the figure", async () => {
    const { compare } = await import("../src/lib/compare.ts")
    expect(compare("consultations", 230, 200)).toEqual({ text: "+15% vs previous period", tone: "good" })
    expect(compare("consultations", 150, 200)).toEqual({ text: "−25% vs previous period", tone: "bad" })
    expect(compare("average_wait_duration", 300, 200)).toEqual({ text: "+50% vs previous period", tone: "bad" })
    expect(compare("abandoned", 2, 4)).toEqual({ text: "−50% vs previous period", tone: "good" })
    expect(compare("transferred", 0, 0)).toEqual({ text: "no change vs previous period", tone: "flat" })
    expect(compare("transferred", 20, 10)).toEqual({ text: "+100% vs previous period", tone: "flat" })
    expect(compare("room_calls", 5, 0)).toEqual({ text: "new vs previous period (none then)", tone: "flat" })
    expect(compare("room_calls", 1000, 1000)).toEqual({ text: "no change vs previous period", tone: "flat" })
    expect(compare("p90_wait_duration", null, 30)).toEqual({ text: "no change vs previous period", tone: "flat" })
  })
})

describe("chart data as a table for screen readers", () => {
  it("has one row per bucket and one column per series, blanks shown as a dash", async () => {
    const { tableRows } = await import("../src/lib/series.ts")
    const points = [
      { index: 0, label: "2 Mar", start: "", value: 3, series: "Average" },
      { index: 1, label: "3 Mar", start: "", value: null, series: "Average" },
      { index: 0, label: "2 Mar", start: "", value: 1234, series: "P90" },
      { index: 1, label: "3 Mar", start: "", value: 5, series: "P90" }
    ]
    expect(tableRows(points, ["Average", "P90"], formatCount)).toEqual([["2 Mar", "3", "1,234"], ["3 Mar", "–", "5"]])
  })
})
