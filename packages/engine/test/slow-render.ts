/**
 * A process for the crash tests: renders a real report (its rows repeated without end, so the render lasts until
 * the process is killed) into the files folder through the engine's Files port. Usage: slow-render.ts <db url> <dir>.
 */
import { Effect, Layer } from "effect"
import { setTimeout as sleep } from "node:timers/promises"
import { Files, Report, Store, render } from "../src/index.ts"
import { day } from "./fixtures.ts"

const [url, dir] = process.argv.slice(2)
const program = Effect.gen(function* () {
  const prepared = yield* Report.prepare("consultations", day, "Ada Admin")
  const rows = yield* Effect.promise(async () => {
    const all: Array<unknown> = []
    for await (const row of prepared.rows) all.push(row)
    return all
  })
  async function* endless() {
    for (;;) {
      for (const row of rows) yield row
      await sleep(1)
    }
  }
  const files = yield* Files
  yield* files.save("killed", "xlsx", (out) => render({ ...prepared, rows: endless() as typeof prepared.rows }, "xlsx", out))
})
await Effect.runPromise(program.pipe(Effect.provide(Files.folder(dir!).pipe(Layer.provideMerge(Store.layer(url!))))))
