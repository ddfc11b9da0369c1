/** Choosing a database from a URL. */
import { InvalidParameter } from "@vcr/core"
import { describe, expect, it } from "vitest"
import { openStore, parseDatabaseUrl } from "../src/index.ts"

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
