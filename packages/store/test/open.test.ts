/** Choosing a database from a URL. */
import { InvalidParameter } from "@vcr/core"
import Sqlite from "better-sqlite3"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { isStoreUnavailable, openStore, parseDatabaseUrl } from "../src/index.ts"

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

describe("a locked SQLite file", () => {
  it("counts as unavailable for now (retry), also when wrapped, unlike other SQLite errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "vcr-busy-"))
    const holder = new Sqlite(join(dir, "vcr.db"))
    const other = new Sqlite(join(dir, "vcr.db"), { timeout: 0 })
    try {
      holder.exec("create table t (x)")
      holder.exec("begin immediate")
      const busy = (() => { try { other.exec("insert into t values (1)") } catch (e) { return e } })()
      expect((busy as { code?: string }).code).toBe("SQLITE_BUSY")
      expect(isStoreUnavailable(busy)).toBe(true)
      expect(isStoreUnavailable(new Error("report failed", { cause: busy }))).toBe(true)
      const syntax = (() => { try { other.exec("selec 1") } catch (e) { return e } })()
      expect(isStoreUnavailable(syntax)).toBe(false)
    } finally {
      holder.close()
      other.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
