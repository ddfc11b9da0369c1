/**
 * Structured logs with pino: one JSON line per request (level, request id, method, route pattern, status,
 * duration) and one per failure. Never query strings, tokens, cookies, bodies, e-mail addresses or report
 * contents: only the route's pattern is logged, and long ids in unmatched paths are masked.
 */
import type { RequestHandler } from "express"
import { randomUUID } from "node:crypto"
import { pino, type Logger } from "pino"

export type { Logger } from "pino"

/** A sink for structured log records (tests collect them; the default writes JSON lines on stderr). */
export type Log = (record: Record<string, unknown>) => void

/** The pino levels VCR_LOG_LEVEL accepts. */
export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const
export type LogLevel = (typeof logLevels)[number]

/** A pino logger writing JSON lines to stderr, or handing each record to `sink`. */
export const createLogger = (o: { readonly level?: LogLevel; readonly sink?: Log; readonly now?: () => number } = {}): Logger => {
  const now = o.now
  const options = {
    level: o.level ?? "info",
    base: { service: "vcr" },
    // The app's clock (VCR_NOW in tests and reproducible runs), as ISO text.
    ...(now === undefined ? {} : { timestamp: () => `,"time":"${new Date(now()).toISOString()}"` })
  }
  if (o.sink === undefined) return pino(options, pino.destination({ fd: 2, sync: false }))
  const sink = o.sink
  return pino(options, { write: (line: string) => sink(JSON.parse(line) as Record<string, unknown>) })
}

/** A request id: the caller's X-Request-Id when it is a short token of safe characters, else a new UUID. */
const requestIdOf = (header: string | undefined): string =>
  header !== undefined && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomUUID()

/** The route pattern that answered (`/api/v1/history/:entry`), or the path with long ids masked. */
export const routeOf = (req: { readonly baseUrl: string; readonly route?: { path?: unknown }; readonly originalUrl: string; readonly path: string }): string => {
  const pattern = req.route?.path
  if (typeof pattern === "string") return req.baseUrl + pattern
  return req.originalUrl.split("?")[0]!.replace(/\/[A-Za-z0-9_%-]{16,}/g, "/:id")
}

/**
 * Middleware: gives the request an id (echoed in `X-Request-Id`, kept in `res.locals.requestId`), and logs
 * the request once its answer is finished, at warn for 5xx; `observe` also receives the route and duration.
 */
export const requestLog = (logger: Logger, observe?: (o: { method: string; route: string; status: number; seconds: number }) => void): RequestHandler =>
  (req, res, next) => {
    const started = process.hrtime.bigint()
    const requestId = requestIdOf(req.header("x-request-id"))
    res.locals.requestId = requestId
    res.set("X-Request-Id", requestId)
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const route = routeOf(req)
      observe?.({ method: req.method, route, status: res.statusCode, seconds })
      const record = { reqId: requestId, method: req.method, route, status: res.statusCode, durationMs: Math.round(seconds * 1000) }
      if (res.statusCode >= 500) logger.warn(record, "request failed")
      else logger.info(record, "request")
    })
    next()
  }
