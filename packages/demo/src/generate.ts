/**
 * The demo generator's entry point: checks the options, draws the plan, then yields the directory records and the
 * activity as one stream of NDJSON record objects. Same seed and options give the same output.
 */
import { activity } from "./activity.ts"
import { directory } from "./directory.ts"
import { type DemoOptions, resolve } from "./options.ts"
import { buildPlan } from "./plan.ts"
import { makeIso } from "./time.ts"

/** Yields one plain object per NDJSON line, directory records first, then events in time order. */
export function* generateDemo(options: DemoOptions): Generator<Record<string, unknown>> {
  const r = resolve(options)
  const plan = buildPlan(r)
  const iso = makeIso()
  yield* directory(plan, r, iso)
  yield* activity(plan, r, iso)
}
