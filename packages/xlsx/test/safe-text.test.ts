import { describe, expect, it } from "vitest"
import { Instant } from "@vcr/core"
import { dateSerial, instantSeconds, secondsAsDaysText } from "../src/excel-serial.ts"
import { maxCellLength, safeText, SheetNames, truncationMarker, validSheetName } from "../src/index.ts"

describe("safeText", () => {
  it("keeps formula-like and other legal text exact (the cell style protects it, not an apostrophe)", () => {
    expect(safeText("=1+1")).toBe("=1+1")
    expect(safeText(" \u00A0-1")).toBe(" \u00A0-1")
    expect(safeText("\tanything")).toBe("\tanything")
    expect(safeText("plain")).toBe("plain")
    expect(safeText("'quoted")).toBe("'quoted")
    expect(safeText("")).toBe("")
    expect(safeText("\uFF1D1+1")).toBe("\uFF1D1+1")
  })

  it("replaces control characters, U+FFFE/U+FFFF and lone surrogates with U+FFFD, keeping tab, LF, CR and pairs", () => {
    expect(safeText("a\u0001b\u001Fc\u000Bd\uFFFEe")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe")
    expect(safeText("x\ty\nz\r")).toBe("x\ty\nz\r")
    expect(safeText("\uD83D\uDE00 \uD83D \uDE00")).toBe("\uD83D\uDE00 \uFFFD \uFFFD")
  })

  it("cuts to 32,767 characters including the marker, never inside a surrogate pair", () => {
    const cut = safeText("=" + "x".repeat(40_000))
    expect(cut).toHaveLength(maxCellLength)
    expect(cut.startsWith("=x")).toBe(true)
    expect(cut.endsWith(truncationMarker)).toBe(true)
    const emoji = safeText("x".repeat(maxCellLength - truncationMarker.length - 1) + "😀".repeat(10))
    expect(emoji.endsWith("x" + truncationMarker)).toBe(true)
    expect(emoji.length).toBeLessThanOrEqual(maxCellLength)
    expect(safeText("y".repeat(maxCellLength))).toHaveLength(maxCellLength)
  })
})

describe("sheet names", () => {
  it("makes any name acceptable to Excel", () => {
    expect(validSheetName("a[b]c:d*e?f/g\\h")).toBe("a_b_c_d_e_f_g_h")
    expect(validSheetName("'quoted'")).toBe("quoted")
    expect(validSheetName("x".repeat(40))).toHaveLength(31)
    expect(validSheetName("")).toBe("Sheet")
    expect(validSheetName("History")).toBe("Sheet History")
  })

  it("hands out unique names, ignoring case, within 31 characters", () => {
    const names = new SheetNames()
    expect([names.take("Data"), names.take("Data"), names.take("data")]).toEqual(["Data", "Data 2", "data 3"])
    const long = "L".repeat(40)
    expect(names.take(long)).toBe("L".repeat(31))
    expect(names.take(long)).toBe("L".repeat(29) + " 2")
  })
})

describe("Excel serials", () => {
  const day = Date.UTC(2026, 2, 2) / 86_400_000 + 25_569

  it("shows an instant at its wall time in the run's zone, DST-exact", () => {
    const sydney = new Instant.ZoneClock("Australia/Sydney")
    const serial = (iso: string, clock = sydney) => secondsAsDaysText(instantSeconds(clock, Instant.parse(iso)!))
    expect(serial("2026-03-02T09:00:00+11:00")).toBe(`${day}.375`)
    expect(serial("2026-03-01T19:00:00-03:00")).toBe(`${day}.375`)
    expect(serial("2026-03-02T00:00:00Z", new Instant.ZoneClock("UTC"))).toBe(`${day}`)
    // Sydney's clocks go from 02:00 to 03:00 on 4 October 2026: one second apart, an hour apart on the wall.
    const before = instantSeconds(sydney, Date.UTC(2026, 9, 3, 15, 59, 59))
    expect(instantSeconds(sydney, Date.UTC(2026, 9, 3, 16, 0, 0)) - before).toBe(3601)
    expect(dateSerial("2026-03-02")).toBe(day)
  })

  it("writes durations as the shortest text of seconds / 86400, so every second reads back exact", () => {
    expect(secondsAsDaysText(0)).toBe("0")
    expect(secondsAsDaysText(43_200)).toBe("0.5")
    expect(secondsAsDaysText(-43_200)).toBe("-0.5")
    expect(Number(secondsAsDaysText(670))).toBe(670 / 86_400)
    // Every second of two days, and long ones: both the rounding and the flooring reader get the seconds.
    const seconds = [...Array.from({ length: 2 * 86_400 }, (_, s) => s), 1_234_567, 3_600_000, 9_999_999]
    for (const s of seconds) {
      const v = Number(secondsAsDaysText(s))
      const exact = v === s / 86_400 && Math.round(v * 86_400) === s && Math.floor(v * 86_400 + 1e-9) === s
      if (!exact) expect.fail(`${s} s reads back as ${v * 86_400}`)
    }
  })

  it("writes instants as the shortest text of their serial, every second exact", () => {
    const utc = new Instant.ZoneClock("UTC")
    for (let ms = Date.UTC(2026, 2, 1); ms < Date.UTC(2026, 2, 2); ms += 7_000) {
      const seconds = instantSeconds(utc, ms)
      const v = Number(secondsAsDaysText(seconds))
      if (v !== seconds / 86_400 || Math.round(v * 86_400) !== seconds) expect.fail(`${ms} reads back as ${v * 86_400}`)
    }
  })

  it("writes exactly the text of seconds / 86400 from its per-second table, at the edges of its range too", () => {
    // The table covers days 32768 to 65535; every second of its first and last days, of days around them
    // (written the plain way) and of a few days between must give the text of the division itself.
    const days = [32_766, 32_767, 32_768, 32_769, 40_000, day, 50_001, 65_534, 65_535, 65_536, 70_000]
    for (const d of days) {
      for (let s = 0; s < 86_400; s++) {
        const seconds = d * 86_400 + s
        if (secondsAsDaysText(seconds) !== String(seconds / 86_400)) expect.fail(`day ${d}, second ${s}: ${secondsAsDaysText(seconds)}`)
      }
    }
    expect(secondsAsDaysText(0.5)).toBe(String(0.5 / 86_400))
  })

  it("refuses instants before 1900-03-01 and malformed or impossible dates", () => {
    expect(instantSeconds(new Instant.ZoneClock("UTC"), Date.UTC(1899, 11, 31))).toBeNaN()
    expect(dateSerial("2024-02-29")).toBe(Date.UTC(2024, 1, 29) / 86_400_000 + 25_569)
    expect(dateSerial("2025-02-29")).toBeNaN()
    expect(dateSerial("1900-02-28")).toBeNaN()
  })
})
