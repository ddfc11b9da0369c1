/**
 * `GET /metrics`: the Prometheus text format, for a scraper holding VCR_METRICS_TOKEN as a bearer token. It is
 * not under /api (no account signs in to it) and answers 404 when no token is configured, like a missing route.
 */
import { NotFound } from "@vcr/core"
import { Router } from "express"
import { createHash, timingSafeEqual } from "node:crypto"
import { Unauthenticated } from "../errors.ts"
import type { Metrics } from "../metrics.ts"

const digest = (text: string) => createHash("sha256").update(text).digest()

/** The metrics route. */
export const metricsRouter = (deps: { readonly metrics: Metrics; readonly token: string | undefined }) =>
  Router().get("/metrics", async (req, res) => {
    if (deps.token === undefined) throw new NotFound({ kind: "route", id: req.path, message: "no such route" })
    const given = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? ""
    // Compared as digests, so the time taken says nothing about the token.
    if (!timingSafeEqual(digest(given), digest(deps.token))) {
      throw new Unauthenticated({ code: "unauthenticated", message: "send the metrics token (VCR_METRICS_TOKEN) as a bearer token" })
    }
    res.set("Cache-Control", "no-store")
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics())
  })
