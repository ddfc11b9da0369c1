/**
 * The structured request log: one object per request with method, route pattern, status and time. Never query
 * strings, tokens, bodies or report contents; long ids in unmatched paths are masked.
 */
import type { RequestHandler } from "express"

/** A sink for structured log records. */
export type Log = (record: Record<string, unknown>) => void

/** The default sink: one JSON line per record on stderr. */
export const stderrLog: Log = (record) => void process.stderr.write(JSON.stringify(record) + "\n")

/** Middleware that logs each request once its answer is finished. */
export const requestLog = (log: Log, now: () => number): RequestHandler => (req, res, next) => {
  const started = process.hrtime.bigint()
  res.on("finish", () => {
    log({
      at: new Date(now()).toISOString(), method: req.method, route: (req.route?.path as string | undefined) ?? req.path.replace(/\/[A-Za-z0-9_-]{16,}/g, "/:id"),
      status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1_000_000n)
    })
  })
  next()
}
