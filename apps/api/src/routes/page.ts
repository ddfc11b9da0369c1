/**
 * The Reports page and its assets, and the page behind an emailed link (`/history/:entry`): it shows the entry
 * after sign-in, has no side effect on GET and answers 410 once the entry has expired. The page uses only the API.
 */
import type { Store } from "@vcr/store"
import { Router } from "express"
import { pageAssets } from "../page.ts"

/** The page routes. */
export const pageRouter = (deps: { readonly store: Store; readonly now: () => number }) => {
  const router = Router()
  for (const [path, asset] of Object.entries(pageAssets)) {
    router.get(path, (_req, res) => {
      res.type(asset.type).set("Cache-Control", "no-store").send(asset.body)
    })
  }
  router.get("/history/:entry", async (req, res) => {
    const entry = await deps.store.access.historyEntry(String(req.params.entry))
    res.status(entry !== undefined && entry.expires_at <= deps.now() ? 410 : 200).type("html").set("Cache-Control", "no-store").send(pageAssets["/"]!.body)
  })
  return router
}
