/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too). */
import type { Store } from "@vcr/store"
import { Router } from "express"
import { rejectUnknown } from "../request.ts"

/** The health routes; like every route, they refuse parameters they do not take. */
export const healthRouter = (deps: { readonly store: Store }) =>
  Router()
    .get("/healthz", (req, res) => {
      rejectUnknown(req.query as Record<string, unknown>, [])
      res.json({ status: "ok" })
    })
    .get("/readyz", async (req, res) => {
      rejectUnknown(req.query as Record<string, unknown>, [])
      const ok = await deps.store.ping()
      res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "database unreachable" })
    })
