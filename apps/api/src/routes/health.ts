/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too). */
import type { Store } from "@vcr/store"
import { Router } from "express"

/** The health routes. */
export const healthRouter = (deps: { readonly store: Store }) =>
  Router()
    .get("/healthz", (_req, res) => void res.json({ status: "ok" }))
    .get("/readyz", async (_req, res) => {
      const ok = await deps.store.ping()
      res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "database unreachable" })
    })
