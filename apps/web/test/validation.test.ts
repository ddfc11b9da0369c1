import { describe, expect, it } from "vitest"
import { safeNext, linkedEntry } from "../src/lib/next.ts"
import { validate } from "../src/lib/validation.ts"

const today = () => "2026-03-10"
const ok = { from: "2026-03-01", to: "2026-03-02", timezone: "Australia/Sydney", minimum_duration_minutes: "5" }

describe("settings validation", () => {
  it("accepts good values", () => {
    expect(validate(ok, today)).toEqual({})
    expect(validate({ ...ok, minimum_duration_minutes: "" }, today)).toEqual({})
  })
  it("reports every broken rule at once, by field", () => {
    expect(validate({ from: "", to: "2026-02-30", timezone: "Mars/Olympus", minimum_duration_minutes: "five" }, today)).toEqual({
      from: "from is required",
      to: "to must be a date like 2026-03-02",
      timezone: "timezone must be an IANA zone such as Australia/Sydney (got Mars/Olympus)",
      minimum_duration_minutes: "minimum_duration_minutes must be a number of minutes written with digits, such as 5 or 2.5"
    })
  })
  it("checks the range's order, start and end", () => {
    expect(validate({ ...ok, from: "2026-03-02", to: "2026-03-01" }, today)).toEqual({ to: "to must be on or after from" })
    expect(validate({ ...ok, from: "2019-08-27" }, today)).toEqual({ from: "from must be 2019-08-28 or later" })
    expect(validate({ ...ok, to: "2026-03-11" }, today)).toEqual({ to: "to must not be after today in Australia/Sydney (2026-03-10)" })
    expect(validate({ ...ok, minimum_duration_minutes: "1441" }, today)).toEqual({ minimum_duration_minutes: "minimum_duration_minutes must be from 0 to 1440 minutes" })
  })
})

describe("where signing in leads", () => {
  it("keeps same-origin relative paths only", () => {
    expect(safeNext("/history/abc_1-2")).toBe("/history/abc_1-2")
    expect(safeNext("/?x=1#y")).toBe("/?x=1#y")
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "history/x", "/\u0000x", "", null, undefined]) {
      expect(safeNext(bad)).toBeNull()
    }
  })
  it("recognises an emailed report link", () => {
    expect(linkedEntry("/history/Ab_9-z")).toBe("Ab_9-z")
    expect(linkedEntry("/history/a/b")).toBeNull()
    expect(linkedEntry("/")).toBeNull()
  })
})
