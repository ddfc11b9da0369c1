import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { en } from "../src/i18n/en.ts"

const src = join(import.meta.dirname, "../src")
const components = [join(src, "app.tsx"), ...readdirSync(join(src, "components")).map((f) => join(src, "components", f))]

describe("the message catalogue", () => {
  it("is the only source of words: no literal text or labels in the components", () => {
    for (const file of components) {
      const code = readFileSync(file, "utf8").split("\n").filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l)).join("\n")
      // Text between tags, and text attributes a person reads or hears.
      const texts = [...code.matchAll(/(?<![\w.])<[A-Za-z][\w.-]*(?:\s[^<>]*[^/<>])?>([^<>{}]*)(?=<)/g)].map((m) => m[1]!.trim()).filter((text) => /[A-Za-z]/.test(text))
      expect(texts, file).toEqual([])
      expect(code.match(/\b(aria-label|title|placeholder|alt)="[^"]*[A-Za-z][^"]*"/g) ?? [], file).toEqual([])
    }
  })
  it("names and explains every tile figure, with a description for each", () => {
    for (const [tile, figures] of Object.entries(en.figures)) {
      for (const [key, f] of Object.entries(figures)) {
        expect(f.label.length, `${tile}.${key}`).toBeGreaterThan(0)
        expect(f.description.length, `${tile}.${key}`).toBeGreaterThan(20)
      }
    }
    expect(en.figures.organisations!.consultations!.description).not.toBe(en.figures.consultations!.consultations!.description)
  })
})
