/**
 * Progress of long work (import, a report to a file, the demo) on standard error, so standard output stays the
 * command's result. On a terminal: cli-progress's bar with percentage and rate when the total is known (a file's
 * bytes), its counter and rate when not. Elsewhere (a log, CI): one plain line every few seconds
 * (`--progress-every`), never one per batch, and none for work shorter than that.
 */
import { SingleBar } from "cli-progress"
import { UsageError } from "./failure.ts"

/** Where long work stands: the phase ("reading", "projecting"...), done of total in `unit`, and a detail. */
export interface ProgressState {
  readonly phase: string
  readonly done: number
  readonly total?: number | undefined
  readonly unit: "bytes" | "components" | "events"
  readonly detail?: string | undefined
}

export interface Progress {
  update(state: ProgressState): void
  /** Ends the bar's line or stops the timer (before other output); a later `update` starts again. */
  stop(): void
}

const number = new Intl.NumberFormat("en-AU", { maximumFractionDigits: 1 })

/** `done` in its unit (MB for bytes). */
const amount = (value: number, unit: ProgressState["unit"]): string =>
  unit === "bytes" ? `${number.format(value / 1e6)} MB` : `${number.format(value)} ${unit}`

/** One plain line: "reading 42% (12.3 MB of 29.1 MB), 5.2 MB/s, 40,000 events". */
export const progressLine = (state: ProgressState, ratePerSecond: number): string => {
  const share = state.total !== undefined && state.total > 0 ? `${Math.floor((100 * state.done) / state.total)}% (${amount(state.done, state.unit)} of ${amount(state.total, state.unit)})` : amount(state.done, state.unit)
  return `${state.phase} ${share}, ${amount(ratePerSecond, state.unit)}/s${state.detail === undefined ? "" : `, ${state.detail}`}`
}

/** Rate of `done` in the current phase, from the phase's start. */
class Rate {
  #phase = ""
  #started = 0
  #from = 0
  of(state: ProgressState, now: number): number {
    if (state.phase !== this.#phase) {
      this.#phase = state.phase
      this.#started = now
      this.#from = state.done
    }
    const seconds = (now - this.#started) / 1000
    return seconds > 0 ? (state.done - this.#from) / seconds : 0
  }
}

/** Plain lines every `everySeconds`, only when something changed since the last one. */
const plainProgress = (stream: NodeJS.WritableStream, everySeconds: number): Progress => {
  const rate = new Rate()
  let latest: ProgressState | undefined
  let printed: ProgressState | undefined
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    if (latest === undefined || latest === printed) return
    printed = latest
    stream.write(progressLine(latest, rate.of(latest, Date.now())) + "\n")
  }
  return {
    update: (state) => {
      rate.of(state, Date.now())
      latest = state
      if (timer === undefined) (timer = setInterval(tick, everySeconds * 1000)).unref()
    },
    stop: () => {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/**
 * cli-progress's bar (a known total) or counter line, redrawn by the library at most five times a second; a
 * new phase ends the line of the previous one and starts its own.
 */
const barProgress = (stream: NodeJS.WritableStream): Progress => {
  const rate = new Rate()
  const bar = new SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: (options, params, payload: { line: string; known: boolean }) =>
      payload.known ? `[${barText(options.barsize ?? 30, params.progress)}] ${payload.line}` : payload.line,
    hideCursor: true,
    fps: 5
  })
  let phase: string | undefined
  return {
    update: (state) => {
      const known = state.total !== undefined && state.total > 0
      const payload = { line: progressLine(state, rate.of(state, Date.now())), known }
      if (phase !== state.phase) {
        if (phase !== undefined) bar.stop()
        phase = state.phase
        bar.start(known ? state.total! : 1, known ? state.done : 0, payload)
      } else {
        if (known) bar.setTotal(state.total!)
        bar.update(known ? state.done : 0, payload)
      }
    },
    stop: () => {
      if (phase !== undefined) bar.stop()
      phase = undefined
    }
  }
}

const barText = (size: number, progress: number): string => {
  const full = Math.round(Math.max(0, Math.min(1, progress)) * size)
  return "█".repeat(full) + "░".repeat(size - full)
}

/** Progress on `stream` (standard error): a bar on a terminal, plain lines every `everySeconds` elsewhere. */
export const startProgress = (options: { readonly everySeconds: number; readonly stream?: NodeJS.WriteStream }): Progress => {
  const stream = options.stream ?? process.stderr
  return stream.isTTY ? barProgress(stream) : plainProgress(stream, options.everySeconds)
}

/** A `--progress-every` value: seconds between plain progress lines, from 0.05 to 3600. */
export const progressEvery = (raw: string | undefined): number => {
  const seconds = raw === undefined ? 5 : Number(raw)
  if (!(seconds >= 0.05 && seconds <= 3600)) throw new UsageError(`--progress-every must be a number of seconds from 0.05 to 3600 (got "${raw}")`)
  return seconds
}
