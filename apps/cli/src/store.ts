/**
 * Choosing and opening the store for a command: `--db`, else VCR_DATABASE_URL, else `sqlite:vcr.db`.
 * Commands other than `db migrate` bring the schema up to date first, so a fresh machine needs no extra step.
 */
import { openStore, type Store } from "@vcr/store"
import { configuration } from "./environment.ts"

export interface GlobalOptions {
  db?: string
  /** `--progress-every`: seconds between plain progress lines on a non-terminal stderr. */
  progressEvery?: string
}

/** The store URL in force. */
export const storeUrl = (options: GlobalOptions): string => options.db ?? configuration().databaseUrl

/** Opens the configured store, migrated unless asked not to. */
export const openConfiguredStore = async (options: GlobalOptions, { migrate = true } = {}): Promise<Store> => {
  const store = await openStore(storeUrl(options))
  if (migrate) await store.migrate()
  return store
}
