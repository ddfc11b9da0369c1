import fc from "fast-check"
import { Temporal } from "@js-temporal/polyfill"
import { describe, expect, it } from "vitest"
import { InvalidParameter } from "../src/Errors.ts"
import * as Instant from "../src/Instant.ts"
import * as Parameters from "../src/Parameters.ts"
import { compareCodePoints } from "../src/Order.ts"
import { project } from "../src/Projection.ts"
import { decodeValue } from "../src/Records.ts"

const now = Date.parse("2026-11-26T07:00:00Z")
const run = (input: Partial<Parameters.RunInput>, defaults: Parameters.RunDefaults = {}) =>
  Parameters.decodeRun({ organisationIds: ["org-1"], ...input }, defaults, now)
const hours = (from: string, zone: string) => {
  const p = run({ from, to: from, timezone: zone })
  if (p instanceof InvalidParameter) throw p
  return (p.rangeEnd - p.rangeStart) / 3_600_000
}

describe("instants (R11, R12, R69)", () => {
  it.each([
    ["2026-03-02T09:00+11:00", "2026-03-01T22:00:00.000Z"],
    ["2026-03-02 09:00:00,5Z", "2026-03-02T09:00:00.500Z"],
    ["2026-03-02T09:00:00+1100", "2026-03-01T22:00:00.000Z"],
    ["2026-03-02t09:00:00.1239z", "2026-03-02T09:00:00.123Z"],
    ["2026-03-02T09:00:00-03", "2026-03-02T12:00:00.000Z"]
  ])("accepts %s", (text, iso) => {
    expect(new Date(Instant.parse(text)!).toISOString()).toBe(iso)
  })
  it.each([
    "2026-03-02T09:00:00", "2026-03-02T09:00:00+11:00[Australia/Sydney]", "2026-02-30T09:00Z", "2026-03-02T24:00Z",
    "2026-03-02T09:00,5Z", "2026-03-02T09:00:00+24:00", "2026-03-02T09:00:00+10:60", "2026-03-02T09:00:00Z ", "２026-03-02T09:00Z"
  ])("rejects %s", (text) => {
    expect(Instant.parse(text)).toBeUndefined()
  })
  it("shows instants in the zone to the second with a numeric offset", () => {
    const sydney = new Instant.ZoneClock("Australia/Sydney")
    expect(sydney.format(Date.parse("2026-03-01T22:00:00.999Z"))).toBe("2026-03-02T09:00:00+11:00")
    expect(new Instant.ZoneClock("UTC").format(0)).toBe("1970-01-01T00:00:00+00:00")
    expect(new Instant.ZoneClock("Australia/Lord_Howe").format(Date.parse("2026-01-01T00:00:00Z"))).toBe("2026-01-01T11:00:00+11:00")
  })
  it("formats like Temporal for any instant and zone", () => {
    const zones = ["Australia/Sydney", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Santiago", "Asia/Kolkata", "UTC", "Pacific/Chatham"]
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(Math.floor(ms / 1000) * 1000).toZonedDateTimeISO(zone)
        const text = new Instant.ZoneClock(zone).format(ms)
        expect(text).toBe(expected.toString({ timeZoneName: "never", smallestUnit: "second" }))
      }),
      { numRuns: 300 }
    )
  })
})

describe("code point order (RULINGS preamble)", () => {
  it("orders strings by code point, a prefix first", () => {
    expect(compareCodePoints("e-Z", "e-a")).toBeLessThan(0)
    expect(compareCodePoints("e-10", "e-9")).toBeLessThan(0)
    expect(compareCodePoints("Zoe", "adam")).toBeLessThan(0)
    expect(compareCodePoints("ab", "abc")).toBeLessThan(0)
    expect(compareCodePoints("\uff5a", "\u{1f600}")).toBeLessThan(0)
  })
})

describe("run parameters (SPEC §3, R23-R28)", () => {
  it("has day lengths of 23, 23.5, 24, 24.5 and 25 hours across Sydney and Lord Howe DST changes", () => {
    expect(hours("2026-04-05", "Australia/Sydney")).toBe(25)
    expect(hours("2026-10-04", "Australia/Sydney")).toBe(23)
    expect(hours("2026-03-02", "Australia/Sydney")).toBe(24)
    expect(hours("2026-04-05", "Australia/Lord_Howe")).toBe(24.5)
    expect(hours("2026-10-04", "Australia/Lord_Howe")).toBe(23.5)
  })
  it("starts a day whose midnight is skipped at the first instant after the gap (R24)", () => {
    const p = run({ from: "2026-09-06", to: "2026-09-06", timezone: "America/Santiago" }) as Parameters.RunParameters
    expect(Parameters.toJson(p).range_start).toBe("2026-09-06T01:00:00-03:00")
  })
  it("partitions any range into its days, whatever the zone (property)", () => {
    const zones = ["Australia/Sydney", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Santiago", "Europe/London", "Asia/Kathmandu"]
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2400 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...zones), (offset, length, zone) => {
        const from = Temporal.PlainDate.from("2019-09-01").add({ days: offset })
        const to = from.add({ days: length })
        const whole = run({ from: from.toString(), to: to.toString(), timezone: zone }) as Parameters.RunParameters
        let cursor = whole.rangeStart
        for (let d = from; Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 })) {
          const day = run({ from: d.toString(), to: d.toString(), timezone: zone }) as Parameters.RunParameters
          expect(day.rangeStart).toBe(cursor)
          expect(day.rangeEnd).toBeGreaterThan(day.rangeStart)
          cursor = day.rangeEnd
        }
        expect(cursor).toBe(whole.rangeEnd)
      }),
      { numRuns: 60 }
    )
  })
  it("measures a consultation across a DST change in elapsed seconds (property)", () => {
    // 2026-04-05 03:00 AEDT becomes 02:00 AEST: local clock time and elapsed time differ by an hour.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 180 }), (before, after) => {
        const change = Date.parse("2026-04-04T16:00:00Z")
        const start = change - before * 60_000
        const end = change + after * 60_000
        const e = (id: string, fields: Record<string, unknown>) => {
          const r = decodeValue({ type: "event", id, ...fields }, 1)
          if (r instanceof Error || r.type !== "event") throw r
          return r
        }
        const z = new Instant.ZoneClock("Australia/Sydney")
        const p = project([
          e("e1", { event: "waiting_area.entered", at: z.format(start), session_id: "s", segment_id: "g", queued_call_id: "q", clinic_id: "c", participant_id: "p" }),
          e("e2", { event: "participant.joined", at: z.format(start), segment_id: "g", participant_id: "h", role: "host", user_id: "u" }),
          e("e3", { event: "participant.left", at: z.format(end), segment_id: "g", participant_id: "p" })
        ])
        expect(p.sessions[0]!.session.consultation_ms).toBe((before + after) * 60_000)
      }),
      { numRuns: 50 }
    )
  })
  it("applies the two-months rule with the day of month clamped (R28)", () => {
    const kind = (from: string, to: string) => (run({ from, to: to }) as Parameters.RunParameters).rangeKind
    expect(kind("2026-01-01", "2026-02-28")).toBe("short")
    expect(kind("2026-01-01", "2026-03-01")).toBe("long")
    expect(kind("2025-12-31", "2026-02-28")).toBe("long")
    expect(kind("2025-12-31", "2026-02-27")).toBe("short")
    expect(kind("2023-12-31", "2024-02-29")).toBe("long")
  })
  const rejections: Array<readonly [Partial<Parameters.RunInput>, string, string]> = [
    [{ from: "2026-02-30", to: "2026-03-01" }, "from", "invalid_date"],
    [{ from: "2026/03/01" }, "from", "invalid_date"],
    [{ from: "2019-08-27", to: "2019-08-28" }, "from", "from_too_early"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to", "to_before_from"],
    [{ from: "2026-11-01", to: "2026-11-27" }, "to", "to_in_future"],
    [{ timezone: "+10:00" }, "timezone", "invalid_timezone"],
    [{ timezone: "Mars/Olympus" }, "timezone", "invalid_timezone"],
    ...[".5", "5.", "+5", "-1", "1e1", "NaN", "1440.5", ""].map((m) => [{ minimumDurationMinutes: m }, "minimum_duration_minutes", m === "1440.5" ? "minimum_duration_out_of_range" : "invalid_minimum_duration"] as const)
  ]
  it.each(rejections)("rejects %j naming %s (%s)", (input, field, code) => {
    const p = run(input)
    expect(p).toBeInstanceOf(InvalidParameter)
    expect(p).toMatchObject({ field, code })
    expect((p as InvalidParameter).message).toContain(field)
  })
  it("accepts zone names in any letter case and shows the database spelling, links included (R25)", () => {
    expect((run({ timezone: "australia/sydney" }) as Parameters.RunParameters).timezone).toBe("Australia/Sydney")
    expect((run({ timezone: "australia/nsw" }) as Parameters.RunParameters).timezone).toBe("Australia/NSW")
    expect((run({ timezone: "utc" }) as Parameters.RunParameters).timezone).toBe("UTC")
  })
  it("takes the minimum exactly (R26): 4.99 minutes is 299 400 ms, spaces ignored", () => {
    expect(run({ minimumDurationMinutes: " 4.99 " })).toMatchObject({ minimumMs: 299_400, minimumDurationMinutes: 4.99 })
    expect(run({ minimumDurationMinutes: "05" })).toMatchObject({ minimumMs: 300_000, minimumDurationMinutes: 5 })
    expect(run({ minimumDurationMinutes: "1440" })).toMatchObject({ minimumMs: 86_400_000 })
  })
  it("defaults to the first of the month to today in the configured zone (R27)", () => {
    const p = run({}, { timezone: "Pacific/Auckland", minimumDurationMinutes: 2.5 }) as Parameters.RunParameters
    expect(p).toMatchObject({ from: "2026-11-01", to: "2026-11-26", timezone: "Pacific/Auckland", minimumDurationMinutes: 2.5 })
  })
})
