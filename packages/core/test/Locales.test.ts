import { describe, expect, it } from "vitest"
import { InvalidParameter, Locales } from "../src/index.ts"

describe("Locales.decode", () => {
  it("defaults to en when absent or blank", () => {
    expect(Locales.decode(undefined)).toBe("en")
    expect(Locales.decode(null)).toBe("en")
    expect(Locales.decode("  ")).toBe("en")
  })
  it("accepts the supported locales in any letter case", () => {
    expect(Locales.decode("zh-CN")).toBe("zh-CN")
    expect(Locales.decode("zh-cn")).toBe("zh-CN")
    expect(Locales.decode("EN")).toBe("en")
  })
  it("refuses anything else, naming the field and the rule", () => {
    const error = Locales.decode("fr", "--locale")
    expect(error).toBeInstanceOf(InvalidParameter)
    expect(error).toMatchObject({ field: "--locale", code: "invalid_locale" })
    expect((error as InvalidParameter).message).toContain("en, zh-CN")
  })
})
