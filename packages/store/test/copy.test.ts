/**
 * The report streams' COPY reader on PostgreSQL: its rows are exactly what `pg` gives in array mode (the store's
 * int8 parser applied), however the bytes are cut into chunks, for hostile text (tabs, newlines, backslashes, `\N`,
 * quotes, multi-byte characters), nulls, numbers of every kind, booleans and JSON; parameters written into the
 * text as literals come back as the values they were; a malformed stream is refused.
 */
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
import { copyRows, inlineParameters, type ColumnKind } from "../src/postgres/copy.ts"
import { poolTypes as types, postgresReads } from "../src/postgres/reads.ts"

/** Every way of cutting `bytes` in two, and every chunk of one byte, give `expected`. */
const parsesAlike = (kinds: ReadonlyArray<ColumnKind>, bytes: Buffer, expected: ReadonlyArray<ReadonlyArray<unknown>>) => {
  const cuts = [...Array.from({ length: bytes.length + 1 }, (_, i) => [i]), Array.from({ length: bytes.length }, (_, i) => i)]
  for (const at of cuts) {
    const parser = copyRows(kinds)
    const rows: Array<Array<unknown>> = []
    let from = 0
    for (const cut of [...at, bytes.length]) {
      rows.push(...parser.push(bytes.subarray(from, cut)))
      from = cut
    }
    parser.end()
    expect(rows).toEqual(expected)
  }
}

describe("COPY text rows", () => {
  const kinds: ReadonlyArray<ColumnKind> = ["integer", "text", "float", "boolean", "json", "integer"]
  const text = "-42\ta\\tb\\nc\\\\d\\re\\bf\\fg\\vh\t1.5\tt\t{\"k\":[1,\"é\"]}\t\\N\n" +
    "9007199254740991\t\\\\N\t-Infinity\tf\tnull\t0\n" +
    "7\t\\N\tNaN\t\\N\t\\N\t12\n" +
    "8\t\tInfinity\tt\t\"x\"\t-3\n" +
    "9\tnaïve 日本 😀\t1e-7\tf\t[]\t5\n"
  const expected = [
    [-42, "a\tb\nc\\d\re\bf\fg\vh", 1.5, true, { k: [1, "é"] }, null],
    [9007199254740991, "\\N", -Infinity, false, null, 0],
    [7, null, NaN, null, null, 12],
    [8, "", Infinity, true, "x", -3],
    [9, "naïve 日本 😀", 1e-7, false, [], 5]
  ]

  it("reads every kind of value, escapes and nulls, cut anywhere (multi-byte characters split included)", () => {
    parsesAlike(kinds, Buffer.from(text, "utf8"), expected)
  })

  it("rounds integers of more than 15 digits once, as Number does (pg's int8 parser)", () => {
    const texts = ["123456789012345678", "9223372036854775807", "-9223372036854775808", "999999999999999", "1000000000000000", "9007199254740993"]
    const rows = copyRows(["integer"]).push(Buffer.from(texts.map((t) => `${t}\n`).join("")))
    expect(rows).toEqual(texts.map((t) => [Number(t)]))
  })

  it("refuses rows with too few or too many columns, and a stream that ends mid-row", () => {
    expect(() => copyRows(["integer", "text"]).push(Buffer.from("1\n"))).toThrow(/did not have the 2 columns/)
    expect(() => copyRows(["integer", "text"]).push(Buffer.from("1\ta\tb\n"))).toThrow(/did not have the 2 columns/)
    // The error never carries the row's values (staff and patient data).
    expect(() => copyRows(["integer"]).push(Buffer.from("1\tJane Patient\n"))).toThrow(/^(?!.*Jane).*a row of 14 bytes/)
    const parser = copyRows(["integer"])
    expect(parser.push(Buffer.from("1\n2"))).toEqual([[1]])
    expect(() => parser.end()).toThrow(/ended in the middle of a row/)
    expect(() => copyRows(["json"]).push(Buffer.from("{secret\n"))).toThrow(/^(?!.*secret).*7 characters is not JSON/)
  })

  it("writes parameters as literals: finite numbers, quoted strings, arrays; refuses what it cannot write", () => {
    const quote = (v: string) => `'${v.replace(/'/g, "''")}'`
    expect(inlineParameters("a >= ? and b = any(?::text[]) and c = ?", [5, ["x", "it's"], null], quote))
      .toBe("a >= 5 and b = any(ARRAY['x', 'it''s']::text[]) and c = null")
    expect(inlineParameters("b = any(?::text[])", [[]], quote)).toBe("b = any('{}'::text[])")
    expect(() => inlineParameters("a = ?", [Number.NaN], quote)).toThrow(/finite/)
    expect(() => inlineParameters("a = ? and b = ?", [1], quote)).toThrow(/more placeholders/)
    expect(() => inlineParameters("a = ?", [1, 2], quote)).toThrow(/1 placeholders for 2 parameters/)
    expect(() => inlineParameters("a = ?", [{}], quote)).toThrow(/cannot be written/)
    // A negative number after a minus sign must not start a comment.
    expect(inlineParameters("a -?", [-5], quote)).toBe("a -(-5)")
  })
})

const available = await postgresAvailable()

describe.skipIf(!available)("COPY streams on PostgreSQL", () => {
  let drop: () => Promise<void> = async () => {}
  let url = ""
  let pool: pg.Pool
  let streams: pg.Pool
  beforeAll(async () => {
    const db = await freshPostgres()
    drop = db.drop
    url = db.url
    pool = new pg.Pool({ connectionString: db.url, types })
    streams = new pg.Pool({ connectionString: db.url, max: 2, types })
    await pool.query(`create table t (
      id integer primary key, big bigint, small smallint, txt text collate "C", chars varchar(40), flag boolean,
      f8 double precision, f4 real, doc json, docb jsonb)`)
    const hostile = ["", "\\N", "\\", "a\tb", "line\nbreak\r\n", "'quoted' \"both\"", "back\\slash\\t", "naïve 日本 😀", "\u0001\u007f", "=1+2"]
    let id = 0
    for (const txt of [...hostile, null]) {
      for (const big of [0, -1, 9007199254740991, null]) {
        id++
        await pool.query("insert into t values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", [
          id, big, id % 2 === 0 ? -id : null, txt, txt === null ? null : txt.slice(0, 40), id % 3 === 0 ? null : id % 3 === 1,
          id % 5 === 0 ? null : [0.1, -2.5e300, 1 / 3, 123456.789][id % 4], id % 7 === 0 ? null : 0.1 + id,
          txt === null ? null : JSON.stringify({ txt, n: [id, null] }), JSON.stringify([txt])
        ])
      }
    }
    for (const [f8, f4] of [["NaN", "Infinity"], ["-Infinity", "-0"]]) {
      await pool.query("insert into t (id, f8, f4) values ($1, $2::float8, $3::float4)", [++id, f8, f4])
    }
  })
  afterAll(async () => {
    await pool?.end()
    await streams?.end()
    await drop()
  })

  const streamed = (text: string, params: ReadonlyArray<unknown>, batch: number) => streamed2(streams, text, params, batch)
  const streamed2 = async (through: pg.Pool, text: string, params: ReadonlyArray<unknown>, batch: number) => {
    const rows: Array<unknown> = []
    for await (const b of postgresReads(pool, through).stream!(text, params, batch)) {
      expect(b.length).toBeLessThanOrEqual(batch)
      rows.push(...b)
    }
    return rows
  }

  it("gives the rows pg gives in array mode, in batches of the size asked for", async () => {
    const text = "select * from t where id >= ? and txt is distinct from ? order by id"
    const expected = (await pool.query({ text: "select * from t where id >= $1 and txt is distinct from $2 order by id", values: [2, "a\tb"], rowMode: "array" })).rows
    expect(expected.length).toBeGreaterThan(40)
    for (const batch of [1, 7, 2000]) expect(await streamed(text, [2, "a\tb"], batch)).toEqual(expected)
  })

  it("reads the server's own bytes alike however they are cut", async () => {
    const client = await pool.connect()
    try {
      const { to } = await import("pg-copy-streams")
      const chunks: Array<Buffer> = []
      for await (const c of client.query(to("copy (select id, big, txt, flag, f8, doc from t where id < 30 order by id) to stdout"))) chunks.push(c as Buffer)
      const expected = (await client.query({ text: "select id, big, txt, flag, f8, doc from t where id < 30 order by id", rowMode: "array" })).rows
      parsesAlike(["integer", "integer", "text", "boolean", "float", "json"], Buffer.concat(chunks), expected)
    } finally {
      client.release()
    }
  })

  it("writes parameters into the text as the values they were, however hostile", async () => {
    const values = ["it's", "\\", "'); drop table t; --", "E'\\x41'", "naïve 日本 😀", "$1"]
    for (const v of values) expect(await streamed("select ?::text, (?::text[])[1], ?::bigint", [v, [v, "x"], -7], 10)).toEqual([[v, v, -7]])
    expect((await pool.query("select count(*)::int as n from t")).rows[0].n).toBeGreaterThan(40)
  })

  it("is not cut by a statement timeout set for the database, and reuses a connection whose COPY ended", async () => {
    // This test's own database only: other test files connect as the same role at the same time.
    const name = new URL(url).pathname.slice(1)
    await pool.query(`alter database "${name}" set statement_timeout = '100ms'`)
    try {
      const fresh = new pg.Pool({ connectionString: url, max: 1, types })
      try {
        expect(await streamed2(fresh, "select id from t, pg_sleep(0.3) where id = ?", [1], 10)).toEqual([[1]])
        const pid = (await fresh.query("select pg_backend_pid() as pid")).rows[0].pid
        // A reader that stops after the last batch leaves a connection the pool keeps.
        for await (const b of postgresReads(fresh, fresh).stream!("select id from t where id = ?", [2], 10)) {
          expect(b).toEqual([[2]])
          break
        }
        expect((await fresh.query("select pg_backend_pid() as pid")).rows[0].pid).toBe(pid)
      } finally {
        await fresh.end()
      }
    } finally {
      await pool.query(`alter database "${name}" reset statement_timeout`)
    }
  })

  it("refuses a column of a type it does not read, and leaves the pool usable after a failure or an early stop", async () => {
    await expect(streamed("select now()", [], 10)).rejects.toThrow(/type 1184/)
    await expect(streamed("select 1 / (id - id) from t", [], 10)).rejects.toThrow(/division by zero/)
    for (let i = 0; i < 5; i++) {
      for await (const b of postgresReads(pool, streams).stream!("select id from t order by id", [], 1)) {
        expect(b).toEqual([[1]])
        break
      }
    }
    expect(await streamed("select count(*) from t", [], 10)).toEqual([[46]])
  })
})
