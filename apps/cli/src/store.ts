/**
 * Choosing and opening the store for a command: `--db`, else VCR_DATABASE_URL, else `sqlite:vcr.db`.
 * Commands other than `db migrate` bring the schema up to date first, so a fresh machine needs no extra step.
 */
import { openStore, type Store } from "@vcr/store"
import { Instant } from "@vcr/core"
import { UsageError } from "./failure.ts"

export interface GlobalOptions {
  db?: string
}

/** The store URL in force. */
export const storeUrl = (options: GlobalOptions): string => options.db ?? process.env.VCR_DATABASE_URL ?? "sqlite:vcr.db"

/** Opens the configured store, migrated unless asked not to. */
export const openConfiguredStore = async (options: GlobalOptions, { migrate = true } = {}): Promise<Store> => {
  const store = await openStore(storeUrl(options))
  if (migrate) await store.migrate()
  return store
}

/** Now, or VCR_NOW (an ISO instant) for reproducible runs and tests. */
export const currentTime = (): number => {
  const fixed = process.env.VCR_NOW
  if (fixed === undefined || fixed === "") return Date.now()
  const parsed = Instant.parse(fixed)
  if (parsed === undefined) throw new UsageError(`VCR_NOW must be an ISO 8601 instant with an offset (got "${fixed}")`)
  return parsed
}
