/**
 * The Store port: the database behind reports, history, the job queue and the audit log. Its service is the
 * @vcr/store Store (SQLite or PostgreSQL); `Store.layer(url)` opens one (and closes it with the layer),
 * `Store.fromStore(store)` lends an open one. `call` runs one of its operations with failures typed as StoreError.
 */
import { InvalidParameter } from "@vcr/core"
import { openStore, StoreError, type Store as StoreApi } from "@vcr/store"
import { Context, Effect, Layer } from "effect"

export type { StoreApi }

/** The store as an Effect service. */
export class Store extends Context.Service<Store, StoreApi>()("@vcr/engine/Store") {
  /** Opens the store at a database URL (`sqlite:<path>`, `postgres://…`), migrated unless `migrate` is false; closed on release. */
  static readonly layer = (url: string, options: { readonly migrate?: boolean } = {}): Layer.Layer<Store, StoreError | InvalidParameter> =>
    Layer.effect(
      Store,
      Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            const store = await openStore(url)
            try {
              if (options.migrate ?? true) await store.migrate()
            } catch (error) {
              await store.close()
              throw error
            }
            return store
          },
          catch: (cause) => (cause instanceof InvalidParameter ? cause : storeError("open", cause))
        }),
        (store) => Effect.promise(() => store.close())
      )
    )

  /** An already open store; the caller closes it. */
  static readonly fromStore = (store: StoreApi): Layer.Layer<Store> => Layer.succeed(Store, store)
}

/** A StoreError for a failed operation. */
export const storeError = (operation: string, cause: unknown): StoreError =>
  cause instanceof StoreError
    ? cause
    : new StoreError({ operation, message: `the database failed during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, cause })

/** Runs one store operation; a rejection becomes a StoreError naming it. */
export const call = <A>(operation: string, f: (store: StoreApi) => Promise<A>): Effect.Effect<A, StoreError, Store> =>
  Store.use((store) => Effect.tryPromise({ try: () => f(store), catch: (cause) => storeError(operation, cause) }))
