import { InvalidParameter, NotFound } from "@vcr/core"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createEngine, type Engine } from "../src/index.ts"
import { day, sqlite, start, type Database } from "./fixtures.ts"

let db: Database
let engine: Engine
beforeAll(async () => {
  db = await sqlite()
  engine = await createEngine({ database: db.url, files: join(db.dir, "files"), now: () => start })
})
afterAll(async () => {
  await engine.close()
  await db.drop()
})

describe("trends through the engine", () => {
  it("answers buckets whose sums are the tiles' figures, over the store", async () => {
    const trends = await engine.trends({ ...day, granularity: "day" })
    const summary = await engine.summary(day)
    const consultations = summary.tiles.find((t) => t.report === "consultations")!.figures
    const calls = summary.tiles.find((t) => t.report === "room-calls")!.figures
    expect(trends.totals).toEqual({ ...consultations, ...calls })
    expect(trends.buckets.reduce((s, b) => s + b.figures.consultations, 0)).toBe(consultations.consultations)
    expect(trends.previous.totals.consultations).toBeGreaterThanOrEqual(0)
  })

  it("rejects bad input with core's tagged errors", async () => {
    expect(await engine.trends({ ...day, granularity: "year" }).catch((e: unknown) => e)).toBeInstanceOf(InvalidParameter)
    expect(await engine.trends({ ...day, organisationIds: ["nope"] }).catch((e: unknown) => e)).toBeInstanceOf(NotFound)
  })
})
