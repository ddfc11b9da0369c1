/**
 * The store's raw reads on PostgreSQL (see reads.ts): pooled queries in array mode, and report streams read through
 * COPY (copy.ts).
 */
import pg from "pg"
import { to as copyTo } from "pg-copy-streams"
import type { RawReads, RawRow } from "../reads.ts"
import { classifyConnectionError } from "../unavailable.ts"
import { columnKind, copyRows, inlineParameters, type ColumnKind } from "./copy.ts"

const INT8 = 20

/**
 * The type parsers of the store's pools: int8 values (epoch milliseconds, counts) as JavaScript numbers, on these
 * pools only (pg's global parsers are left alone); the COPY reader gives them the same way (copy.ts).
 */
export const poolTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as any)) as typeof pg.types.getTypeParser
}

/** Bytes a COPY stream buffers before the socket is paused (a few hundred rows). */
const STREAM_CHUNK = 1 << 16

/**
 * PostgreSQL: one pooled query in array mode (the pool's int8 parser applies); connection failures classified.
 * A stream is one `COPY (query) TO STDOUT` on a client of `streams` (a pool of its own, so that open report streams
 * never hold the connections everything else needs), its text rows parsed from the bytes as they arrive (copy.ts):
 * one plan and one snapshot for the whole range, and about 0.4x the CPU of a cursor's FETCHes of the same rows
 * (bench/RESULTS.md). COPY takes no bound parameters, so they are written into the text as literals; the columns'
 * types are asked once per query text. A reader that stops early leaves the connection mid-COPY: it is discarded.
 * Stream connections run without a statement timeout (see `untimed`).
 */
export const postgresReads = (pool: pg.Pool, streams: pg.Pool): RawReads => {
  const texts = new Map<string, string>()
  const numbered = (text: string): string => {
    let numbered = texts.get(text)
    if (numbered === undefined) {
      let n = 0
      numbered = text.replace(/\?/g, () => `$${++n}`)
      texts.set(text, numbered)
    }
    return numbered
  }
  const kinds = new Map<string, ReadonlyArray<ColumnKind>>()
  const kindsOf = async (client: pg.PoolClient, text: string, params: ReadonlyArray<unknown>): Promise<ReadonlyArray<ColumnKind>> => {
    let known = kinds.get(text)
    if (known === undefined) {
      const described = await client.query({ text: `select * from (${numbered(text)}) as q limit 0`, values: [...params], rowMode: "array" })
      known = described.fields.map((f) => columnKind(f.dataTypeID, f.name))
      kinds.set(text, known)
    }
    return known
  }
  // A stream is one statement for as long as its report takes to write (a slow download included), where a cursor's
  // FETCHes were one statement each: a statement_timeout set for the server, database or role must not cut it.
  const untimed = new WeakSet<pg.PoolClient>()
  return {
    rows: async (text, params) => {
      try {
        const result = await pool.query({ text: numbered(text), values: [...params], rowMode: "array" })
        return result.rows as Array<RawRow>
      } catch (error) {
        throw classifyConnectionError(error)
      }
    },
    stream: async function* (text, params, batch) {
      const client = await streams.connect().catch((error: unknown) => {
        throw classifyConnectionError(error)
      })
      // Whether the server has sent the whole COPY (the connection is then ready for reuse, whatever the reader does).
      let copied = false
      let copy: ReturnType<typeof copyTo> | undefined
      try {
        if (!untimed.has(client)) {
          await client.query("set statement_timeout = 0")
          untimed.add(client)
        }
        const parser = copyRows(await kindsOf(client, text, params))
        copy = client.query(copyTo(`copy (${inlineParameters(text, params, (v) => client.escapeLiteral(v))}) to stdout`, {
          highWaterMark: STREAM_CHUNK
        }))
        let rows: Array<RawRow> = []
        for await (const chunk of copy) {
          for (const row of parser.push(chunk as Buffer)) {
            rows.push(row)
            if (rows.length === batch) {
              yield rows
              rows = []
            }
          }
        }
        copied = true
        parser.end()
        if (rows.length > 0) yield rows
      } catch (error) {
        throw classifyConnectionError(error)
      } finally {
        if (copied) client.release()
        else {
          // Stopped early or failed: the connection may be mid-COPY, so it is closed rather than reused; the
          // stream's own error from the closing connection is expected and heard here.
          copy?.on("error", () => undefined)
          client.release(new Error("a report stream stopped before its end"))
        }
      }
    }
  }
}
