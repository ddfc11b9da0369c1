/**
 * `GET /api/v1/openapi.json`: the OpenAPI document, generated from the same definitions as the routes. It holds
 * no data, so it is served without sign-in (a client generator can fetch it).
 */
import { Router } from "express"
import { openApiDocument } from "../openapi.ts"
import { rejectUnknown } from "../request.ts"

/** The OpenAPI route; `publicUrl` (VCR_PUBLIC_URL) is the document's server. */
export const openApiRouter = (options: { readonly publicUrl?: string | undefined }) => {
  const document = JSON.stringify(openApiDocument(options))
  return Router().get("/api/v1/openapi.json", (req, res) => {
    rejectUnknown(req.query as Record<string, unknown>, [])
    res.type("json").send(document)
  })
}
