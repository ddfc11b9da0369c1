import { describe, expect, it } from "vitest"
import { MalformedLine } from "../src/Errors.ts"
import { decodeLine, decodeValue } from "../src/Records.ts"

const event = (fields: Record<string, unknown>) => JSON.stringify({ type: "event", id: "e-1", at: "2026-03-02T09:00:00+11:00", ...fields })

/** An identity as first defined: the value rebuilt from sorted entries, then JSON.stringify (R13). */
const rebuilt = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rebuilt)
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, rebuilt(v)]))
  }
  return value
}

describe("input lines (SPEC §4, R1-R13)", () => {
  it("skips blank lines (R2)", () => {
    expect(decodeLine("   ", 4)).toBeUndefined()
  })
  it.each([
    ["{not json", "not valid JSON"],
    ["[1,2]", "not a JSON object"],
    [`{"id":"x"}`, `"type"`],
    [`{"type":"user","id":"u","name":"A\\u0000B","created_at":"2024-01-10T00:00:00Z"}`, "NUL"],
    [`{"type":"visit","id":"x"}`, `"type" must be one of`],
    [`{"type":"organisation","id":"","created_at":"2024-01-10T00:00:00Z"}`, `"id"`],
    [`{"type":"organisation","id":7,"created_at":"2024-01-10T00:00:00Z"}`, `"id"`],
    [`{"type":"organisation","id":"o","created_at":"2024-01-10T00:00:00"}`, `"created_at"`],
    [`{"type":"organisation","id":"o","name":5,"created_at":"2024-01-10T00:00:00Z"}`, `"name"`],
    [`{"type":"clinic","id":"c","organisation_id":"o","status":"Open","created_at":"2024-01-10T00:00:00Z"}`, `"status"`],
    [`{"type":"room","id":"r","clinic_id":"c","kind":"user","created_at":"2024-01-10T00:00:00Z"}`, `"owner_user_id"`],
    [`{"type":"clinic_role","user_id":"u","clinic_id":"c","role":"organisation_admin","granted_at":"2024-01-10T00:00:00Z"}`, `"role"`],
    [`{"type":"reporting_configuration","organisation_id":"o","tags":[{"key":"a"},{"key":"a"}]}`, "distinct"],
    [`{"type":"reporting_configuration","organisation_id":"o","default_timezone":"+10:00"}`, "default_timezone"],
    [`{"type":"reporting_configuration","organisation_id":"o","default_minimum_duration_minutes":1441}`, "default_minimum_duration_minutes"],
    [event({ event: "participant.joined", segment_id: "g", participant_id: "p", role: "host" }), `"user_id"`],
    [event({ event: "participant.joined", segment_id: "g", room_id: "r", room_call_id: "rc", participant_id: "p", role: "guest" }), "never both"],
    [event({ event: "participant.joined", segment_id: "g", participant_id: "p", role: "guest" }), `"role"`],
    [event({ event: "participant.left", participant_id: "p" }), "exactly one"],
    [event({ event: "call.transferred", segment_id: "g", to_clinic_id: "c", to_segment_id: "g", to_queued_call_id: "q" }), "must differ"],
    [event({ event: "waiting_area.entered", segment_id: "g", queued_call_id: "q", clinic_id: "c", participant_id: "p" }), `"session_id"`],
    [event({ event: "participant.left", segment_id: "g", participant_id: "p", bandwidth: { min_sent_kbps: 1 } }), "bandwidth"],
    [event({ event: "participant.left", segment_id: "g", participant_id: "p", bandwidth: { min_sent_kbps: -1, max_sent_kbps: 1, avg_sent_kbps: 1, min_received_kbps: 1, max_received_kbps: 1, avg_received_kbps: 1 } }), "non-negative"]
  ])("rejects %s naming the line and the field", (line, reason) => {
    const r = decodeLine(line, 7)
    expect(r).toBeInstanceOf(MalformedLine)
    expect((r as MalformedLine).line).toBe(7)
    expect((r as MalformedLine).message).toMatch(/^line 7: /)
    expect((r as MalformedLine).message).toContain(reason)
  })
  it("treats equal JSON values as the same event: key order, 1 and 1.0, and the instant of at (R13)", () => {
    const a = decodeLine(`{"type":"event","id":"e","event":"participant.left","at":"2026-03-02T09:00:00+11:00","segment_id":"g","participant_id":"p","bandwidth":{"min_sent_kbps":1,"max_sent_kbps":1,"avg_sent_kbps":1,"min_received_kbps":1,"max_received_kbps":1,"avg_received_kbps":1}}`, 1)
    const b = decodeLine(`{"participant_id":"p","segment_id":"g","at":"2026-03-01T22:00:00Z","event":"participant.left","id":"e","type":"event","bandwidth":{"avg_received_kbps":1.0,"max_received_kbps":1,"min_received_kbps":1,"avg_sent_kbps":1,"max_sent_kbps":1,"min_sent_kbps":1}}`, 1)
    const c = decodeLine(`{"type":"event","id":"e","event":"participant.left","at":"2026-03-02T09:00:00+11:00","segment_id":"g","participant_id":"q"}`, 1)
    expect((a as { identity: string }).identity).toBe((b as { identity: string }).identity)
    expect((a as { identity: string }).identity).not.toBe((c as { identity: string }).identity)
  })
  it("prints an event's identity as before: keys sorted at every depth, array-index keys first in numeric order (R13)", () => {
    // The identity as first defined: the value rebuilt from sorted entries, then JSON.stringify. Stored identities
    // are compared on every import, so the text must stay byte for byte the same.
    const extras = [
      {},
      { zeta: 1, alpha: [3, { b: 1, a: [null, true, "x"] }], "": "empty key" },
      { "10": "ten", "9": "nine", "01": "not an index", "4294967294": "last index", "4294967295": "not an index", "-1": "no", a: 1 },
      { nested: { "2": 2, "1": 1, b: { "0": [], z: {}, y: -0.5e-7 } } },
      { "é": "e acute", "Z": "upper", "😀": "astral", "\uffff": "bmp end", "a\"b": "quote", "line\nbreak": "\u2028" },
      JSON.parse(`{"__proto__":{"b":1,"a":2},"constructor":"c","toString":3}`),
      JSON.parse(`{"large":1e21,"small":1e-7,"long":12345678901234567890,"negative_zero":-0}`)
    ]
    const base = { type: "event", id: "e-1", event: "participant.left", at: "2026-03-02T09:00:00+11:00", segment_id: "g", participant_id: "p" }
    for (const extra of extras) {
      for (const text of [JSON.stringify({ ...extra, ...base }), JSON.stringify({ ...base, ...extra })]) {
        const parsed = JSON.parse(text) as Record<string, unknown>
        const decoded = decodeLine(text, 1) as { identity: string }
        expect(decoded.identity).toBe(JSON.stringify(rebuilt({ ...parsed, at: Date.parse("2026-03-01T22:00:00Z") })))
      }
    }
  })
  it("prints each shape of keys as its own, however many lines share it or how the keys are cut (R13)", () => {
    const base = { type: "event", event: "participant.left", at: "2026-03-02T09:00:00+11:00", segment_id: "g", participant_id: "p" }
    const identity = (value: object) => (decodeValue(value, 1) as { identity: string }).identity
    const expected = (value: object) => JSON.stringify(rebuilt({ ...value, at: Date.parse("2026-03-01T22:00:00Z") }))
    // Keys whose joined text is the same: a key holding NUL (possible through decodeValue, never in a line).
    for (const value of [
      { ...base, id: "e", "a\u0000b": 1, c: 2 }, { ...base, id: "e", a: 1, "b\u0000c": 2 }, { ...base, id: "e", "a\u0000b": 1, c: 2 }
    ]) expect(identity(value)).toBe(expected(value))
    // More shapes than are remembered, then the first again: each printed sorted.
    for (const round of [0, 1]) {
      for (let i = 0; i < 1200; i += round === 0 ? 1 : 100) {
        const value = { [`k${i}`]: i, [`j${1200 - i}`]: { z: -i, y: [i] }, ...base, id: `e-${i}` }
        expect(identity(value)).toBe(expected(value))
      }
    }
  })
  it("fills blanks for missing text and defaults of a configuration (R8, R9)", () => {
    expect(decodeLine(`{"type":"reporting_configuration","organisation_id":"o","tags":[{"key":"cc"}]}`, 1)).toMatchObject({
      tags: [{ key: "cc", label: "cc" }], bandwidth_columns: true, default_timezone: null, default_minimum_duration_minutes: null
    })
    expect(decodeLine(`{"type":"user","id":"u","created_at":"2024-01-10T00:00:00Z"}`, 1)).toMatchObject({ name: null, email: null, deactivated_at: null })
  })
})
