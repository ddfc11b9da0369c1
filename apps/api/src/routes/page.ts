/**
 * The Reports page (apps/web, built to static files) and the page behind an emailed link (`/history/:entry`):
 * it shows the entry after sign-in, has no side effect on GET and answers 410 once the entry has expired. The
 * HTML is never cached; the hashed assets are cached for a year. The page uses only the API.
 */
import type { Store } from "@vcr/store"
import express, { Router } from "express"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { findWebRoot } from "../web-assets.ts"

const notBuilt = "The Reports page has not been built: run `pnpm build` (or scripts/bootstrap.sh) and start the server again."

/** The page routes; `webRoot` is the built page's folder (found next to the code unless given). */
export const pageRouter = (deps: { readonly store: Store; readonly now: () => number; readonly webRoot?: string | undefined }) => {
  const router = Router()
  const root = deps.webRoot ?? findWebRoot()
  const html = root === undefined ? undefined : readFileSync(join(root, "index.html"), "utf8")
  const page = (status: number, res: express.Response) => {
    if (html === undefined) res.status(503).type("text/plain").send(notBuilt)
    else res.status(status).type("html").set("Cache-Control", "no-store").send(html)
  }
  if (root !== undefined) {
    router.use("/assets", express.static(join(root, "assets"), { index: false, immutable: true, maxAge: "365d" }), (_req, res) => {
      res.status(404).type("text/plain").send("not found")
    })
    router.get("/favicon.svg", (_req, res) => res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").sendFile(join(root, "favicon.svg")))
  }
  router.get(["/", "/signin"], (_req, res) => page(200, res))
  router.get("/history/:entry", async (req, res) => {
    const entry = await deps.store.access.historyEntry(String(req.params.entry))
    page(entry !== undefined && entry.expires_at <= deps.now() ? 410 : 200, res)
  })
  return router
}
