import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Components } from "../src/index.ts"

describe("components", () => {
  it("puts items that share a key, directly or through others, in one group, in first-seen order", () => {
    const items = [["a", "b"], ["c"], ["b", "d"], ["e", "c"], ["d"], ["f"]]
    expect(Components.components(items, (x) => x)).toEqual([[["a", "b"], ["b", "d"], ["d"]], [["c"], ["e", "c"]], [["f"]]])
  })

  it("agrees with a naive fixed point on random items", () => {
    const item = fc.array(fc.integer({ min: 0, max: 30 }).map(String), { minLength: 1, maxLength: 3 })
    fc.assert(fc.property(fc.array(item, { maxLength: 40 }), (items) => {
      const groups = Components.components(items, (x) => x)
      expect(groups.flat().length).toBe(items.length)
      const keysOf = groups.map((g) => new Set(g.flat()))
      // No key in two groups, and within a group every item reaches the first through shared keys.
      for (let i = 0; i < keysOf.length; i++) for (let j = i + 1; j < keysOf.length; j++) {
        for (const k of keysOf[i]!) expect(keysOf[j]!.has(k)).toBe(false)
      }
      for (const g of groups) {
        const reached = new Set(g[0])
        let grown = true
        while (grown) {
          grown = false
          for (const x of g) {
            if (x.some((k) => reached.has(k)) && x.some((k) => !reached.has(k))) {
              x.forEach((k) => reached.add(k))
              grown = true
            }
          }
        }
        for (const x of g) expect(x.every((k) => reached.has(k))).toBe(true)
      }
    }))
  })
})
