/** Choosing a database from a URL, and the store as Effect services. */
import { InvalidParameter, Source } from "@vcr/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { layer, openStore, parseDatabaseUrl, StoreService } from "../src/index.ts"

describe("database URLs", () => {
  it("reads sqlite paths, the default file and memory", () => {
    expect(parseDatabaseUrl("sqlite:data/vcr.db")).toEqual({ dialect: "sqlite", path: "data/vcr.db" })
    expect(parseDatabaseUrl("sqlite:/var/lib/vcr.db")).toEqual({ dialect: "sqlite", path: "/var/lib/vcr.db" })
    expect(parseDatabaseUrl("sqlite:///var/lib/vcr.db")).toEqual({ dialect: "sqlite", path: "/var/lib/vcr.db" })
    expect(parseDatabaseUrl("sqlite:")).toEqual({ dialect: "sqlite", path: "vcr.db" })
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ dialect: "sqlite", path: ":memory:" })
  })

  it("reads postgres and postgresql URLs", () => {
    expect(parseDatabaseUrl("postgres://u:p@db:5432/vcr")).toEqual({ dialect: "postgres", url: "postgres://u:p@db:5432/vcr" })
    expect(parseDatabaseUrl("postgresql://db/vcr").dialect).toBe("postgres")
  })

  it("rejects anything else naming --db and VCR_DATABASE_URL, without echoing a password", async () => {
    for (const url of ["mysql://u:secret@db/vcr", "vcr.db", "", "postgres://u:secret@[bad/vcr"]) {
      const error = await openStore(url).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidParameter)
      expect((error as InvalidParameter).message).toMatch(/--db/)
      expect((error as InvalidParameter).message).toMatch(/VCR_DATABASE_URL/)
      expect((error as InvalidParameter).message).not.toMatch(/secret/)
    }
  })
})

describe("Effect layer", () => {
  it("provides the store and core's Reports, and closes the store with the layer", async () => {
    const program = Effect.gen(function* () {
      const store = yield* StoreService
      yield* Effect.promise(() => store.migrate())
      yield* Effect.promise(() => store.importLines(['{"type":"organisation","id":"org-1","created_at":"2024-01-01T00:00:00Z"}']))
      const reports = yield* Source.Reports
      return (yield* Effect.promise(() => reports.directory(["org-1"]))).organisations.map((o) => o.id)
    })
    expect(await Effect.runPromise(Effect.provide(program, layer("sqlite::memory:")))).toEqual(["org-1"])
  })
})
