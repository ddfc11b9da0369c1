/**
 * Crash injection for tests, as layers over the engine's ports (never a switch in production code): the process
 * kills itself with SIGKILL right after a file is rendered (`after-render`), after the entry is completed in the
 * store (`after-store`) or after the SMTP server accepted the email (`after-smtp`).
 */
import { Effect, Layer } from "effect"
import type { StoreApi } from "../src/index.ts"
import { Files, Mailer, Store } from "../src/index.ts"

export const crashPoints = ["after-render", "after-store", "after-smtp"] as const
export type CrashPoint = (typeof crashPoints)[number]

const die = () => process.kill(process.pid, "SIGKILL")

/** The store, with `jobs.complete` followed by a crash. */
const crashingStore = (store: StoreApi): StoreApi => {
  const jobs = new Proxy(store.jobs, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target) as unknown
      if (key !== "complete" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value
      return async (...args: Array<unknown>) => {
        const done = await (value as (...a: Array<unknown>) => Promise<unknown>).apply(target, args)
        die()
        return done
      }
    }
  })
  return new Proxy(store, { get: (target, key) => (key === "jobs" ? jobs : (Reflect.get(target, key, target) as unknown)) })
}

/** Wraps the engine's layers (Store, Files, Mailer provided) so that the process dies at `point`. */
export const crashAt = (point: CrashPoint) => <E, R>(layer: Layer.Layer<Store | Files | Mailer, E, R>) => {
  const wrap = Layer.mergeAll(
    Layer.effect(Store, Effect.map(Store, (store: StoreApi) => (point === "after-store" ? crashingStore(store) : store))),
    Layer.effect(Files, Effect.map(Files, (files) => point !== "after-render" ? files : Files.of({
      ...files, save: (...args) => files.save(...args).pipe(Effect.tap(() => Effect.sync(die)))
    }))),
    Layer.effect(Mailer, Effect.map(Mailer, (mailer) => point !== "after-smtp" ? mailer : Mailer.of({
      send: (message) => mailer.send(message).pipe(Effect.tap(() => Effect.sync(die)))
    })))
  )
  return wrap.pipe(Layer.provide(layer))
}
