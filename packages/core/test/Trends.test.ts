import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Temporal } from "@js-temporal/polyfill"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { type InputRecord, InvalidParameter, MemorySource, Run, Tiles, Trends } from "../src/index.ts"
import { decodeLine } from "../src/Records.ts"

const dir = join(import.meta.dirname, "fixtures/three-clinic-transfer")
const now = Date.UTC(2026, 10, 26)

const load = () => {
  const records: Array<InputRecord> = []
  readFileSync(join(dir, "input.ndjson"), "utf8").split("\n").forEach((line, i) => {
    const r = decodeLine(line, i + 1)
    if (r instanceof Error) throw r
    if (r !== undefined) records.push(r)
  })
  return MemorySource.fromRecords(records)
}
const source = load()

const d = (s: string) => Temporal.PlainDate.from(s)
const hours = (zone: string, [a, b]: readonly [Temporal.PlainDate, Temporal.PlainDate]) =>
  (b.toZonedDateTime({ timeZone: zone }).epochMilliseconds - a.toZonedDateTime({ timeZone: zone }).epochMilliseconds) / 3_600_000

const additive = ["consultations", "consultation_duration", "abandoned", "transferred", "room_calls", "room_call_duration"] as const

describe("Trends on the acceptance fixture", () => {
  for (const minimum of ["0", "5"]) {
    it(`adds up to the two tiles over the buckets (minimum ${minimum})`, async () => {
      const input = { organisationIds: ["org-1"], from: "2026-02-25", to: "2026-03-06", timezone: "Australia/Sydney", minimumDurationMinutes: minimum }
      const doc = await Effect.runPromise(Trends.trends(input, source, now))
      const p = await Run.decode(input, source, now)
      if (p instanceof Error) throw p
      const tiles = await Tiles.tiles(await Run.open(p, source))
      const tile = { ...tiles.find((t) => t.report === "consultations")!.figures, ...tiles.find((t) => t.report === "room-calls")!.figures }
      expect(doc.granularity).toBe("day")
      expect(doc.buckets).toHaveLength(10)
      for (const key of additive) expect(doc.buckets.reduce((s, b) => s + Number(b.figures[key]), 0)).toBe(tile[key])
      expect(doc.totals).toEqual(tile)
      expect(tile.consultations).toBeGreaterThan(0)
      // All the fixture's calls are on 2 March: that bucket holds the tile's wait figures too.
      const march2 = doc.buckets.find((b) => b.start.startsWith("2026-03-02"))!
      expect(march2.figures).toEqual(tile)
      expect(doc.buckets.find((b) => b.start.startsWith("2026-03-03"))!.figures.average_wait_duration).toBeNull()
      expect(doc.previous).toEqual({ from: "2026-02-15", to: "2026-02-24", totals: { consultations: 0, consultation_duration: 0, abandoned: 0, transferred: 0, average_wait_duration: null, p90_wait_duration: null, room_calls: 0, room_call_duration: 0 } })
    })
  }

  it("lists every clinic of the scope with the buckets of a clinic-level run (R81)", async () => {
    const input = { organisationIds: ["org-1"], from: "2026-03-01", to: "2026-03-03", timezone: "Australia/Sydney", minimumDurationMinutes: "0", by: "clinic" }
    const doc = await Effect.runPromise(Trends.trends(input, source, now))
    expect(doc.clinics!.map((c) => c.clinic_id).sort()).toEqual(["cl-a", "cl-b", "cl-c"])
    for (const c of doc.clinics!) {
      const own = await Effect.runPromise(Trends.trends({ ...input, by: undefined, clinicId: c.clinic_id }, source, now))
      expect(c.buckets).toEqual(own.buckets)
    }
    // The transferred session counts in each clinic that answered it, so the clinics add up to more.
    const perClinic = doc.clinics!.reduce((s, c) => s + c.buckets[1]!.figures.consultations, 0)
    expect(perClinic).toBeGreaterThan(doc.buckets[1]!.figures.consultations)
  })

  it("refuses 13 months or more, and bad granularity and by, naming the field", async () => {
    const base = { organisationIds: ["org-1"], timezone: "Australia/Sydney" }
    const fail = (input: Trends.TrendsInput) => Effect.runPromise(Effect.flip(Trends.trends({ ...base, ...input }, source, now)))
    const long = await fail({ organisationIds: ["org-1"], from: "2025-01-31", to: "2026-02-28" })
    expect(long).toBeInstanceOf(InvalidParameter)
    expect(long).toMatchObject({ field: "to", code: "range_too_long_for_trends" })
    const ok = await Effect.runPromise(Trends.trends({ ...base, from: "2025-01-31", to: "2026-02-27" }, source, now))
    expect(ok.granularity).toBe("month")
    expect(ok.buckets).toHaveLength(14)
    expect(ok.buckets[0]!.start).toBe("2025-01-31T00:00:00+11:00")
    expect(ok.buckets[1]!.start).toBe("2025-02-01T00:00:00+11:00")
    expect(await fail({ organisationIds: ["org-1"], granularity: "hour" })).toMatchObject({ field: "granularity", code: "invalid_granularity" })
    expect(await fail({ organisationIds: ["org-1"], by: "user" })).toMatchObject({ field: "by", code: "invalid_by" })
  })
})

describe("Trend buckets", () => {
  it("defaults by range length (R75)", () => {
    expect(Trends.defaultGranularity(d("2026-01-01"), d("2026-03-03"))).toBe("day") // 62 days
    expect(Trends.defaultGranularity(d("2026-01-01"), d("2026-03-04"))).toBe("week")
    expect(Trends.defaultGranularity(d("2026-01-01"), d("2026-07-01"))).toBe("week") // 182 days
    expect(Trends.defaultGranularity(d("2026-01-01"), d("2026-07-02"))).toBe("month")
  })

  it("has DST-exact day lengths: Sydney 25 and 23 hours, Lord Howe 24.5 and 23.5", () => {
    const day = (zone: string, date: string) => hours(zone, Trends.bucketDates(d(date), d(date), "day")[0]!)
    expect(day("Australia/Sydney", "2026-04-05")).toBe(25)
    expect(day("Australia/Sydney", "2026-10-04")).toBe(23)
    expect(day("Australia/Sydney", "2026-10-05")).toBe(24)
    expect(day("Australia/Lord_Howe", "2026-04-05")).toBe(24.5)
    expect(day("Australia/Lord_Howe", "2026-10-04")).toBe(23.5)
    const weeks = Trends.bucketDates(d("2026-09-30"), d("2026-10-14"), "week")
    expect(weeks.map(([a, b]) => [a.toString(), b.toString()])).toEqual([
      ["2026-09-30", "2026-10-05"], ["2026-10-05", "2026-10-12"], ["2026-10-12", "2026-10-15"]
    ])
    expect(hours("Australia/Sydney", weeks[0]!)).toBe(5 * 24 - 1)
    expect(hours("Australia/Lord_Howe", weeks[0]!)).toBe(5 * 24 - 0.5)
  })

  it("cuts weeks (Monday start) and months to the range", () => {
    expect(Trends.bucketDates(d("2026-03-15"), d("2026-05-10"), "month").map(([a, b]) => `${a.toString()}/${b.toString()}`)).toEqual([
      "2026-03-15/2026-04-01", "2026-04-01/2026-05-01", "2026-05-01/2026-05-11"
    ])
    expect(Trends.bucketDates(d("2026-03-02"), d("2026-03-08"), "week")).toHaveLength(1)
    expect(Trends.bucketDates(d("2026-03-01"), d("2026-03-02"), "week").map(([a]) => a.dayOfWeek)).toEqual([7, 1])
  })

  it("takes the previous period of the same number of local days (R81: March → 29 Jan to 28 Feb)", () => {
    const p = Trends.previousPeriod(d("2026-03-01"), d("2026-03-31"))
    expect([p.from.toString(), p.to.toString()]).toEqual(["2026-01-29", "2026-02-28"])
    const one = Trends.previousPeriod(d("2026-03-02"), d("2026-03-02"))
    expect([one.from.toString(), one.to.toString()]).toEqual(["2026-03-01", "2026-03-01"])
  })
})
