/**
 * A worker process for the crash tests: works the queue once like `vcr worker` on the engine's layers, with a
 * crash injected at a point (see crash-layer.ts). Usage: crash-worker.ts <db url> <files dir> <smtp url> <point> <now ms>.
 */
import { Effect, Layer } from "effect"
import { clockLayer, Files, Mailer, Store, Worker } from "../src/index.ts"
import { crashAt, crashPoints, type CrashPoint } from "./crash-layer.ts"

const [url, dir, smtpUrl, point, now] = process.argv.slice(2)
if (!(crashPoints as ReadonlyArray<string>).includes(point!)) throw new Error(`point must be one of ${crashPoints.join(", ")}`)
const layers = Layer.mergeAll(Files.folder(dir!), Mailer.layer({ smtpUrl })).pipe(Layer.provideMerge(Store.layer(url!)))
const worker = Worker.settle({ publicUrl: "https://x", log: () => undefined })
await Effect.runPromise(Worker.runOnce(worker).pipe(
  Effect.provide(Layer.merge(crashAt(point as CrashPoint)(layers), clockLayer(() => Number(now))))
))
