/** `GET /openapi.json`: the OpenAPI document, generated from the same definitions as the routes. */
import { Router } from "express"
import { openApiDocument } from "../openapi.ts"

/** The OpenAPI route. */
export const openApiRouter = () => Router().get("/openapi.json", (_req, res) => void res.json(openApiDocument()))
