import fc from "fast-check"
import { Temporal } from "@js-temporal/polyfill"
import { afterAll, describe, expect, it } from "vitest"
import { InvalidParameter } from "../src/Errors.ts"
import * as Schedule from "../src/Schedule.ts"

const recurrence = (text: string) => {
  const r = Schedule.parseRecurrence(text)
  if (r instanceof InvalidParameter) throw r
  return r
}
const rule = (text: string) => {
  const r = Schedule.parseRangeRule(text)
  if (r instanceof InvalidParameter) throw r
  return r
}
const ms = (iso: string) => Date.parse(iso)
const iso = (list: ReadonlyArray<number>) => list.map((t) => new Date(t).toISOString())
const next = (text: string, zone: string, after: string, count: number) =>
  iso(Schedule.nextOccurrences(recurrence(text), zone, ms(after), count))
const local = (t: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).toString()

// Each case also runs under other process TZ values in the last test: results must not depend on it.
const dstCases: ReadonlyArray<readonly [string, string, string, number]> = [
  ["daily 02:30", "Australia/Sydney", "2026-10-02T00:00:00Z", 3],
  ["daily 02:30", "Australia/Sydney", "2026-04-03T00:00:00Z", 3],
  ["daily 02:15", "Australia/Lord_Howe", "2026-10-02T12:00:00Z", 3],
  ["daily 01:45", "Australia/Lord_Howe", "2026-04-03T12:00:00Z", 3],
  ["*/20 2 * * 0", "Australia/Sydney", "2026-10-01T00:00:00Z", 4],
  ["*/20 2 * * 0", "Australia/Sydney", "2026-04-01T00:00:00Z", 4]
]

describe("recurrences (SPEC §11.4, R78)", () => {
  it("Sydney's spring-forward day: 02:30 does not exist and fires at 03:00 AEDT, the first instant after the gap", () => {
    const got = next("daily 02:30", "Australia/Sydney", "2026-10-02T00:00:00Z", 3)
    expect(got).toEqual(["2026-10-02T16:30:00.000Z", "2026-10-03T16:00:00.000Z", "2026-10-04T15:30:00.000Z"])
    expect(local(ms(got[1]!), "Australia/Sydney")).toBe("2026-10-04T03:00:00+11:00[Australia/Sydney]")
  })

  it("Sydney's fall-back day: 02:30 happens twice and fires once, at the earlier instant (AEDT)", () => {
    const got = next("daily 02:30", "Australia/Sydney", "2026-04-03T00:00:00Z", 3)
    expect(got).toEqual(["2026-04-03T15:30:00.000Z", "2026-04-04T15:30:00.000Z", "2026-04-05T16:30:00.000Z"])
    expect(local(ms(got[1]!), "Australia/Sydney")).toBe("2026-04-05T02:30:00+11:00[Australia/Sydney]")
    // Asked from inside the repeated hour (the second 02:10), the day's 02:30 has already fired.
    expect(next("daily 02:30", "Australia/Sydney", "2026-04-04T16:10:00Z", 1)).toEqual(["2026-04-05T16:30:00.000Z"])
  })

  it("Lord Howe's half-hour changes: 02:15 in the gap fires at 02:30 +11:00; a repeated 01:45 fires at +11:00", () => {
    const spring = next("daily 02:15", "Australia/Lord_Howe", "2026-10-02T12:00:00Z", 3)
    expect(spring).toEqual(["2026-10-02T15:45:00.000Z", "2026-10-03T15:30:00.000Z", "2026-10-04T15:15:00.000Z"])
    expect(local(ms(spring[1]!), "Australia/Lord_Howe")).toBe("2026-10-04T02:30:00+11:00[Australia/Lord_Howe]")
    const fall = next("daily 01:45", "Australia/Lord_Howe", "2026-04-03T12:00:00Z", 3)
    expect(fall).toEqual(["2026-04-03T14:45:00.000Z", "2026-04-04T14:45:00.000Z", "2026-04-05T15:15:00.000Z"])
    expect(local(ms(fall[1]!), "Australia/Lord_Howe")).toBe("2026-04-05T01:45:00+11:00[Australia/Lord_Howe]")
  })

  it("monthly on the 28th keeps 07:00 local across February and the April change of offset", () => {
    expect(next("monthly 28 07:00", "Australia/Sydney", "2026-01-29T00:00:00Z", 4)).toEqual([
      "2026-02-27T20:00:00.000Z",
      "2026-03-27T20:00:00.000Z",
      "2026-04-27T21:00:00.000Z",
      "2026-05-27T21:00:00.000Z"
    ])
  })

  it("weekly crosses a year boundary", () => {
    const got = next("weekly Mon 08:00", "Australia/Sydney", "2026-12-25T00:00:00Z", 3)
    expect(got).toEqual(["2026-12-27T21:00:00.000Z", "2027-01-03T21:00:00.000Z", "2027-01-10T21:00:00.000Z"])
    expect(got.map((t) => local(ms(t), "Australia/Sydney").slice(0, 16))).toEqual([
      "2026-12-28T08:00",
      "2027-01-04T08:00",
      "2027-01-11T08:00"
    ])
  })

  it("a cron expression across DST: minutes inside the gap collapse to one firing, repeated ones fire once each", () => {
    expect(next("*/20 2 * * 0", "Australia/Sydney", "2026-10-01T00:00:00Z", 4)).toEqual([
      "2026-10-03T16:00:00.000Z",
      "2026-10-10T15:00:00.000Z",
      "2026-10-10T15:20:00.000Z",
      "2026-10-10T15:40:00.000Z"
    ])
    expect(next("*/20 2 * * 0", "Australia/Sydney", "2026-04-01T00:00:00Z", 4)).toEqual([
      "2026-04-04T15:00:00.000Z",
      "2026-04-04T15:20:00.000Z",
      "2026-04-04T15:40:00.000Z",
      "2026-04-11T16:00:00.000Z"
    ])
  })

  it("a cron expression restricting both day of month and weekday fires on either, as cron does", () => {
    expect(next("0 8 1 * 1", "UTC", "2026-06-20T00:00:00Z", 4)).toEqual([
      "2026-06-22T08:00:00.000Z",
      "2026-06-29T08:00:00.000Z",
      "2026-07-01T08:00:00.000Z",
      "2026-07-06T08:00:00.000Z"
    ])
  })

  it("decodes and spells recurrences canonically", () => {
    expect(recurrence("  Weekly mon 8:00 ").text).toBe("weekly Mon 08:00")
    expect(recurrence("daily 02:30")).toMatchObject({ kind: "daily", time: { hour: 2, minute: 30 } })
    expect(recurrence("monthly 28 07:00")).toMatchObject({ kind: "monthly", day: 28 })
    expect(recurrence("0  8 * *  1-5")).toMatchObject({ kind: "cron", text: "0 8 * * 1-5" })
  })

  it("rejects bad recurrences naming the field and the rule", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["", "invalid_recurrence"],
      ["hourly 02:00", "invalid_recurrence"],
      ["daily", "invalid_recurrence"],
      ["daily 24:00", "invalid_recurrence_time"],
      ["daily 2:60", "invalid_recurrence_time"],
      ["weekly Funday 08:00", "invalid_recurrence_weekday"],
      ["monthly 29 07:00", "recurrence_day_out_of_range"],
      ["monthly 0 07:00", "recurrence_day_out_of_range"],
      ["@daily", "invalid_recurrence"],
      ["0 0 8 * * *", "invalid_recurrence"],
      ["61 * * * *", "invalid_cron_expression"],
      ["0 8 * * Funday", "invalid_cron_expression"]
    ]
    for (const [text, code] of cases) {
      const r = Schedule.parseRecurrence(text)
      expect(r, text).toBeInstanceOf(InvalidParameter)
      expect((r as InvalidParameter).field).toBe("recurrence")
      expect((r as InvalidParameter).code, text).toBe(code)
      expect((r as InvalidParameter).message).toContain("recurrence")
    }
  })

  it("occurrencesBetween stops at the end instant, inclusive", () => {
    const r = recurrence("daily 08:00")
    expect(iso(Schedule.occurrencesBetween(r, "UTC", ms("2026-01-01T08:00:00Z"), ms("2026-01-03T08:00:00Z")))).toEqual([
      "2026-01-02T08:00:00.000Z",
      "2026-01-03T08:00:00.000Z"
    ])
  })
})

describe("range rules (R79)", () => {
  const range = (text: string, date: string) => {
    const { from, to } = Schedule.rangeFor(rule(text), Temporal.PlainDate.from(date))
    return [from.toString(), to.toString()]
  }

  it("computes each rule from the occurrence's local date", () => {
    expect(range("previous_day", "2026-01-01")).toEqual(["2025-12-31", "2025-12-31"])
    expect(range("previous_week", "2026-11-25")).toEqual(["2026-11-16", "2026-11-22"])
    expect(range("previous_month", "2026-03-31")).toEqual(["2026-02-01", "2026-02-28"])
    expect(range("previous_month", "2026-01-10")).toEqual(["2025-12-01", "2025-12-31"])
    expect(range("month_to_date", "2026-03-15")).toEqual(["2026-03-01", "2026-03-14"])
    expect(range("last_n_days:14", "2026-03-01")).toEqual(["2026-02-15", "2026-02-28"])
    expect(range("last_n_days:1", "2026-03-01")).toEqual(["2026-02-28", "2026-02-28"])
    expect(range("last_n_days:366", "2025-01-01")).toEqual(["2024-01-01", "2024-12-31"])
  })

  it("month_to_date on the 1st runs the previous month", () => {
    expect(range("month_to_date", "2026-03-01")).toEqual(["2026-02-01", "2026-02-28"])
    expect(range("month_to_date", "2027-01-01")).toEqual(["2026-12-01", "2026-12-31"])
  })

  it("previous_week is the ISO week before, across a year boundary", () => {
    expect(range("previous_week", "2027-01-04")).toEqual(["2026-12-28", "2027-01-03"])
    expect(range("previous_week", "2027-01-03")).toEqual(["2026-12-21", "2026-12-27"])
    expect(range("previous_week", "2026-01-01")).toEqual(["2025-12-22", "2025-12-28"])
  })

  it("takes the occurrence's date in the schedule's zone", () => {
    // 2026-10-03T16:00Z is 03:00 on 4 October in Sydney, still 3 October in UTC.
    expect(Schedule.occurrenceDate(ms("2026-10-03T16:00:00Z"), "Australia/Sydney").toString()).toBe("2026-10-04")
  })

  it("rejects bad ranges naming the field and the rule", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["", "invalid_range"],
      ["last_week", "invalid_range"],
      ["last_n_days:", "invalid_range"],
      ["last_n_days:-3", "invalid_range"],
      ["last_n_days:0", "range_days_out_of_range"],
      ["last_n_days:367", "range_days_out_of_range"]
    ]
    for (const [text, code] of cases) {
      const r = Schedule.parseRangeRule(text)
      expect(r, text).toBeInstanceOf(InvalidParameter)
      expect((r as InvalidParameter).field).toBe("range")
      expect((r as InvalidParameter).code, text).toBe(code)
    }
  })
})

describe("catch-up after downtime (R78)", () => {
  const r = recurrence("daily 08:00")
  const zone = "Australia/Sydney"

  it("runs nothing before the next occurrence", () => {
    expect(Schedule.planCatchUp({ recurrence: r, zone, lastOccurrence: ms("2026-11-24T21:00:00Z"), now: ms("2026-11-25T20:59:59Z") }))
      .toEqual({ run: null, skipped: [] })
  })

  it("runs an occurrence on time, not late", () => {
    expect(Schedule.planCatchUp({ recurrence: r, zone, lastOccurrence: ms("2026-11-24T21:00:00Z"), now: ms("2026-11-25T21:00:05Z") }))
      .toEqual({ run: { occurrence: ms("2026-11-25T21:00:00Z"), late: false }, skipped: [] })
  })

  it("after downtime runs only the latest missed occurrence, late, and skips the earlier ones", () => {
    const plan = Schedule.planCatchUp({ recurrence: r, zone, lastOccurrence: ms("2026-11-24T21:00:00Z"), now: ms("2026-11-28T03:00:00Z") })
    expect(plan.run).toEqual({ occurrence: ms("2026-11-27T21:00:00Z"), late: true })
    expect(iso(plan.skipped)).toEqual(["2026-11-25T21:00:00.000Z", "2026-11-26T21:00:00.000Z"])
  })

  it("a single occurrence picked up well after its time is late", () => {
    const plan = Schedule.planCatchUp({ recurrence: r, zone, lastOccurrence: ms("2026-11-24T21:00:00Z"), now: ms("2026-11-26T03:00:00Z") })
    expect(plan).toEqual({ run: { occurrence: ms("2026-11-25T21:00:00Z"), late: true }, skipped: [] })
  })
})

describe("properties", () => {
  const zones = ["Australia/Sydney", "Australia/Lord_Howe", "America/New_York", "Europe/London", "America/Santiago", "Asia/Kolkata", "Pacific/Apia", "UTC"]
  const wallOf = (t: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).toPlainDateTime()
  const matchesDate = (r: Schedule.Recurrence, d: Temporal.PlainDate) =>
    r.kind === "daily" || (r.kind === "weekly" && d.dayOfWeek === r.weekday) || (r.kind === "monthly" && d.day === r.day)

  it("occurrences strictly increase and each is the requested wall time or the first instant after its gap", () => {
    const recurrences = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `daily ${h}:${String(m).padStart(2, "0")}`),
      fc.tuple(fc.constantFrom("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
        .map(([d, h, m]) => `weekly ${d} ${h}:${String(m).padStart(2, "0")}`),
      fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
        .map(([d, h, m]) => `monthly ${d} ${h}:${String(m).padStart(2, "0")}`)
    )
    const after = fc.integer({ min: ms("2011-01-01T00:00:00Z"), max: ms("2030-12-31T00:00:00Z") })
    fc.assert(
      fc.property(recurrences, fc.constantFrom(...zones), after, (text, zone, start) => {
        const r = recurrence(text)
        if (r.kind === "cron") return
        const got = Schedule.nextOccurrences(r, zone, start, 6)
        expect(got).toHaveLength(6)
        let previous = start
        for (const t of got) {
          expect(t).toBeGreaterThan(previous)
          previous = t
          const wall = wallOf(t, zone)
          if (wall.hour === r.time.hour && wall.minute === r.time.minute && wall.second === 0 && matchesDate(r, wall.toPlainDate())) continue
          // Otherwise the requested wall time fell in a gap that ends exactly at t.
          const before = wallOf(t - 1, zone)
          let found = false
          for (let d = before.toPlainDate(); Temporal.PlainDate.compare(d, wall.toPlainDate()) <= 0; d = d.add({ days: 1 })) {
            const w = d.toPlainDateTime({ hour: r.time.hour, minute: r.time.minute })
            if (matchesDate(r, d) && Temporal.PlainDateTime.compare(before, w) < 0 && Temporal.PlainDateTime.compare(w, wall) < 0) found = true
          }
          expect(found, `${text} ${zone} ${new Date(t).toISOString()}`).toBe(true)
        }
        // Asking again from any occurrence continues the same sequence.
        expect(Schedule.nextOccurrences(r, zone, got[2]!, 3)).toEqual(got.slice(3))
      }),
      { numRuns: 300 }
    )
  })
})

describe("cron and named recurrences agree", () => {
  it("`M H * * *` fires exactly when `daily H:M` does, and `M H * * D` when the weekly form does, in any zone", () => {
    const zones = ["Australia/Sydney", "Australia/Lord_Howe", "America/New_York", "Europe/London", "America/Santiago", "Pacific/Apia"]
    const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...zones),
        fc.integer({ min: ms("2011-01-01T00:00:00Z"), max: ms("2030-12-31T00:00:00Z") }),
        (h, m, d, zone, start) => {
          const hm = `${h}:${String(m).padStart(2, "0")}`
          expect(next(`${m} ${h} * * *`, zone, new Date(start).toISOString(), 4)).toEqual(next(`daily ${hm}`, zone, new Date(start).toISOString(), 4))
          expect(next(`${m} ${h} * * ${d}`, zone, new Date(start).toISOString(), 3)).toEqual(next(`weekly ${days[d]} ${hm}`, zone, new Date(start).toISOString(), 3))
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe("process timezone", () => {
  const original = process.env.TZ
  afterAll(() => {
    if (original === undefined) delete process.env.TZ
    else process.env.TZ = original
  })

  it("gives the same occurrences whatever TZ the process runs in", () => {
    const results = ["UTC", "Australia/Sydney", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"].map((tz) => {
      process.env.TZ = tz
      return dstCases.map(([text, zone, after, count]) => next(text, zone, after, count))
    })
    for (const r of results) expect(r).toEqual(results[0])
  })
})

describe("how often a recurrence fires", () => {
  it("at most hourly: named recurrences and cron minute fields naming one minute; not two or more minutes", () => {
    for (const text of ["daily 02:30", "weekly Mon 08:00", "monthly 28 07:00", "15 * * * *", "0 7 * * 1-5", "59 */2 * * *"]) {
      expect(Schedule.firesAtMostHourly(recurrence(text)), text).toBe(true)
    }
    for (const text of ["* * * * *", "*/20 2 * * 0", "0,30 8 * * *", "0-1 9 1 1 *"]) {
      expect(Schedule.firesAtMostHourly(recurrence(text)), text).toBe(false)
    }
  })
})
