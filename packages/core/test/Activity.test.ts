import { describe, expect, it } from "vitest"
import { type Fact, hostPairs } from "../src/reports/Activity.ts"

const fact = (hosts: Fact[8]): Fact => ["s-1", 0, "cl-1", 0, "cl-1", 1, 0, 0, hosts]
const decoded = (json: string) => (JSON.parse(json) as Array<{ user_id: string; own_ms: number }>).flatMap((h) => [h.user_id, h.own_ms])

describe("a segment fact's hosts", () => {
  const texts = [
    JSON.stringify([{ user_id: "u-1", own_ms: 591000, first_consult_at: 1790467231000 }]),
    JSON.stringify([{ user_id: "u-1", own_ms: 0, first_consult_at: null }, { user_id: "u-2", own_ms: 12, first_consult_at: -5 }]),
    JSON.stringify([{ user_id: "u-\"quoted\\", own_ms: 1, first_consult_at: 2 }, { user_id: "u-3", own_ms: 3, first_consult_at: 4 }]),
    JSON.stringify([{ user_id: "ü-é-漢", own_ms: 7, first_consult_at: 8 }]),
    JSON.stringify([{ user_id: "u-1", own_ms: 1.5, first_consult_at: 8 }]),
    "[{\"user_id\":\"u-1\",\"own_ms\":1e3,\"first_consult_at\":8}]",
    "[{\"own_ms\":10,\"user_id\":\"u-1\",\"first_consult_at\":8}]",
    "[ {\"user_id\":\"u-1\",\"own_ms\":10,\"first_consult_at\":8} ]",
    "[{\"user_id\":\"u-1\",\"own_ms\":10,\"first_consult_at\":8,\"more\":1}]",
    "[{\"user_id\":\"u-1\",\"own_ms\":10,\"first_consult_at\":8}]  "
  ]
  it("reads the store's JSON as JSON.parse does, whatever it holds", () => {
    const out: Array<string | number> = ["left over"]
    for (const text of texts) expect(hostPairs(fact(text), out)).toEqual(decoded(text))
  })
  it("reads decoded hosts and no hosts", () => {
    expect(hostPairs(fact([{ user_id: "u-9", own_ms: 4, first_consult_at: 1 }]), [])).toEqual(["u-9", 4])
    expect(hostPairs(fact(null), [1, 2])).toEqual([])
  })
})
