/**
 * Opening the engine for a command: the store chosen by `--db` / VCR_DATABASE_URL (migrated), the clock (VCR_NOW
 * when set) and, for commands that keep files, the files folder. The engine is loaded on first use so that
 * `vcr --help` stays fast.
 */
import type { Engine } from "@vcr/engine"
import { currentTime } from "./environment.ts"
import { storeUrl, type GlobalOptions } from "./store.ts"

/** Opens the engine; the caller closes it. A bad VCR_NOW fails here, before anything is opened. */
export const openEngine = async (globals: GlobalOptions, options: { readonly filesDir?: string; readonly fileStorage?: "folder" | "database" } = {}): Promise<Engine> => {
  currentTime()
  const { createEngine } = await import("@vcr/engine")
  return createEngine({ database: storeUrl(globals), now: currentTime, files: { dir: options.filesDir ?? "vcr-files", storage: options.fileStorage } })
}

/** Runs `use` with an open engine and closes it afterwards. */
export const withEngine = async <A>(globals: GlobalOptions, use: (engine: Engine) => Promise<A>, options?: Parameters<typeof openEngine>[1]): Promise<A> => {
  const engine = await openEngine(globals, options)
  try {
    return await use(engine)
  } finally {
    await engine.close()
  }
}
