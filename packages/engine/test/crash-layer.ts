/**
 * Crash injection for tests, as layers over the engine's ports (never a switch in production code): the process
 * kills itself with SIGKILL right after a scheduled occurrence and its entry are recorded (`after-occurrence`), after a
 * file is rendered (`after-render`), after the entry is completed in the store (`after-store`) or after the SMTP
 * server accepted the email (`after-smtp`).
 */
import { Effect, Layer } from "effect"
import type { StoreApi } from "../src/index.ts"
import { Files, Mailer, Store } from "../src/index.ts"

export const crashPoints = ["after-occurrence", "after-render", "after-store", "after-smtp"] as const
export type CrashPoint = (typeof crashPoints)[number]

const die = () => process.kill(process.pid, "SIGKILL")

/** `part` of the store (jobs, schedules) with `method` followed by a crash. */
const crashAfter = <T extends object>(part: T, method: string): T =>
  new Proxy(part, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target) as unknown
      if (key !== method || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value
      return async (...args: Array<unknown>) => {
        const done = await (value as (...a: Array<unknown>) => Promise<unknown>).apply(target, args)
        die()
        return done
      }
    }
  })

/** The store, with `jobs.complete` (after-store) or `schedules.record` (after-occurrence) followed by a crash. */
const crashingStore = (store: StoreApi, point: "after-store" | "after-occurrence"): StoreApi => {
  const [name, part] = point === "after-store" ? ["jobs", crashAfter(store.jobs, "complete")] : ["schedules", crashAfter(store.schedules, "record")]
  return new Proxy(store, { get: (target, key) => (key === name ? part : (Reflect.get(target, key, target) as unknown)) })
}

/** Wraps the engine's layers (Store, Files, Mailer provided) so that the process dies at `point`. */
export const crashAt = (point: CrashPoint) => <E, R>(layer: Layer.Layer<Store | Files | Mailer, E, R>) => {
  const wrap = Layer.mergeAll(
    Layer.effect(Store, Effect.map(Store, (store: StoreApi) => (point === "after-store" || point === "after-occurrence" ? crashingStore(store, point) : store))),
    Layer.effect(Files, Effect.map(Files, (files) => point !== "after-render" ? files : Files.of({
      ...files, save: (...args) => files.save(...args).pipe(Effect.tap(() => Effect.sync(die)))
    }))),
    Layer.effect(Mailer, Effect.map(Mailer, (mailer) => point !== "after-smtp" ? mailer : Mailer.of({
      send: (message) => mailer.send(message).pipe(Effect.tap(() => Effect.sync(die)))
    })))
  )
  return wrap.pipe(Layer.provide(layer))
}
