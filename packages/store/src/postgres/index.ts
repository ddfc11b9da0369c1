/**
 * @vcr/store/postgres: the store on PostgreSQL with a pg Pool. int8 values (epoch milliseconds, counts) are read
 * as JavaScript numbers on this pool only; pg's global type parsers are left alone.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely"
import pg from "pg"
import { postgresDialect } from "../dialect.ts"
import type { Database } from "../schema.ts"
import { poolTypes as types, postgresReads } from "./reads.ts"
import { KyselyStore, type Store } from "../store.ts"
import { classifyConnectionError } from "../unavailable.ts"

/** Opens the PostgreSQL store at a connection URL (`postgres://user:password@host:5432/database`) or pool config. */
export const openPostgresStore = async (connection: string | pg.PoolConfig): Promise<Store> => {
  const config: pg.PoolConfig = typeof connection === "string" ? { connectionString: connection } : connection
  const pool = listening(new pg.Pool({ max: 10, ...config, types }))
  // Report streams read through COPY, each holding its connection for as long as the report takes to write. They
  // get a pool of their own: however many reports run at once, they never take the connections that the rest of
  // the store (sign-in, tiles, the report's own file chunks) needs; a fifth concurrent stream waits for a stream
  // connection, holding nothing.
  const streams = listening(new pg.Pool({ ...config, max: STREAM_CONNECTIONS, types }))
  return new KyselyStore(
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: classifying(pool, streams) }) }), postgresDialect, postgresReads(pool, streams)
  )
}

/** How many report streams read at once, per store. */
const STREAM_CONNECTIONS = 4

/**
 * A client that loses its connection (PostgreSQL restarting: 57P01) emits 'error'; unheard, that event would end
 * the process. Idle clients report to the pool, checked-out ones to their own listener; the query in flight fails
 * on its own and is classified, and pg discards the broken client on release.
 */
const listening = (pool: pg.Pool): pg.Pool => {
  pool.on("error", () => {})
  pool.on("connect", (client) => void client.on("error", () => {}))
  return pool
}

/** The pool as kysely sees it, with connection failures turned into StoreUnavailable; ending it ends the streams' pool too. */
const classifying = (pool: pg.Pool, streams: pg.Pool): PostgresPool => ({
  connect: async (): Promise<PostgresPoolClient> => {
    const client = await pool.connect().catch((error: unknown) => {
      throw classifyConnectionError(error)
    })
    return {
      query: ((...args: Array<unknown>) => {
        const result = (client.query as (...a: Array<unknown>) => unknown)(...args)
        // A cursor is returned as is; a promise has its connection failures classified.
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(classifyConnectionError(error))) : result
      }) as PostgresPoolClient["query"],
      release: () => client.release()
    }
  },
  end: async () => {
    await Promise.all([pool.end(), streams.end()])
  }
})
