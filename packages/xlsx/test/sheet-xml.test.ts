import { FormulaLike } from "@vcr/core"
import { describe, expect, it } from "vitest"
import { plainText } from "../src/sheet-xml.ts"

describe("plain text (written as it is, without the formula-like check)", () => {
  it("is never formula-like by core's rule, whatever its first and last characters", () => {
    for (let first = 0; first < 0x3000; first++) {
      for (const rest of ["", "x", "1+1", " x", "x y"]) {
        const text = String.fromCharCode(first) + rest
        if (plainText.test(text)) expect(FormulaLike.isFormulaLike(text), JSON.stringify(text)).toBe(false)
      }
    }
  })

  it("takes ordinary cells and leaves the rest to the slow path", () => {
    for (const text of ["Health Service North", "P1234567", "room-d0006e", "O'Brien", 'Paediatrics "East"', "a", "1"]) {
      expect(plainText.test(text), text).toBe(true)
    }
    for (const text of ["", " x", "x ", "=1", "+1", "-1", "@x", "a&b", "<b>", "Zoë", "x\ty", "\uFF1D1"]) {
      expect(plainText.test(text), text).toBe(false)
    }
  })
})
