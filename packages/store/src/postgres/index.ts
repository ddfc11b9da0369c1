/**
 * @vcr/store/postgres: the store on PostgreSQL with a pg Pool. int8 values (epoch milliseconds, counts) are read
 * as JavaScript numbers on this pool only; pg's global type parsers are left alone.
 */
import { Kysely, PostgresDialect } from "kysely"
import pg from "pg"
import { postgresDialect } from "../dialect.ts"
import type { Database } from "../schema.ts"
import { KyselyStore, type Store } from "../store.ts"

const INT8 = 20

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as any)) as typeof pg.types.getTypeParser
}

/** Opens the PostgreSQL store at a connection URL (`postgres://user:password@host:5432/database`) or pool config. */
export const openPostgresStore = async (connection: string | pg.PoolConfig): Promise<Store> => {
  const config: pg.PoolConfig = typeof connection === "string" ? { connectionString: connection } : connection
  const pool = new pg.Pool({ max: 10, ...config, types })
  // An idle client that loses its connection must not crash the process; the next query reports the failure.
  pool.on("error", () => {})
  return new KyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), postgresDialect)
}
