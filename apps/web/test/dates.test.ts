import { describe, expect, it } from "vitest"
import { addDays, bucketLabel, dateIn, formatInstant, isDate, presetOf, presetRange } from "../src/lib/dates.ts"

describe("dates and presets", () => {
  it("knows real calendar dates", () => {
    expect(isDate("2026-02-28")).toBe(true)
    expect(isDate("2026-02-29")).toBe(false)
    expect(isDate("2024-02-29")).toBe(true)
    expect(isDate("2026-3-1")).toBe(false)
    expect(isDate("")).toBe(false)
  })
  it("adds days across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
  })
  it("takes today in the organisation's timezone, not the browser's", () => {
    const instant = Date.parse("2026-03-01T20:00:00Z")
    expect(dateIn(instant, "Australia/Sydney")).toBe("2026-03-02")
    expect(dateIn(instant, "America/New_York")).toBe("2026-03-01")
  })
  it("computes the presets", () => {
    expect(presetRange("last7", "2026-03-02")).toEqual({ from: "2026-02-24", to: "2026-03-02" })
    expect(presetRange("thisMonth", "2026-03-02")).toEqual({ from: "2026-03-01", to: "2026-03-02" })
    expect(presetRange("lastMonth", "2026-03-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" })
    expect(presetRange("lastMonth", "2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" })
  })
  it("recognises a preset from its range, else custom", () => {
    expect(presetOf({ from: "2026-02-01", to: "2026-02-28" }, "2026-03-02")).toBe("lastMonth")
    expect(presetOf({ from: "2026-02-02", to: "2026-02-28" }, "2026-03-02")).toBe("custom")
    expect(presetOf({ from: "2026-02-01", to: "2026-02-28" }, "")).toBe("custom")
  })
  it("shows instants in a given zone, whatever the machine's", () => {
    expect(formatInstant("2026-03-01T23:05:00Z", "Australia/Sydney", "en-GB")).toBe("2 Mar 2026, 10:05")
    expect(formatInstant("2026-03-01T23:05:00Z", "UTC", "en-GB")).toBe("1 Mar 2026, 23:05")
  })
  it("labels buckets by their local start date", () => {
    expect(bucketLabel("2026-03-02T00:00:00+11:00", "day", "en-GB")).toBe("2 Mar")
    expect(bucketLabel("2026-03-01T00:00:00+11:00", "month", "en-GB")).toBe("Mar 2026")
  })
})
