/**
 * The /api authentication middleware: every request resolves its caller from a bearer token or the session
 * cookie and reads the caller's roles again (a revoked role stops working at once, SPEC §2). State-changing
 * requests made with the cookie must echo the session's CSRF token; bearer tokens need none. A service token
 * reaches only the routes of its scope (`POST /events` for `ingest`); every other route answers 404 to it.
 */
import { NotFound } from "@vcr/core"
import type { Store } from "@vcr/store"
import type { RequestHandler, Response } from "express"
import type { Audit } from "./audit.ts"
import { csrfOk, requesterOf, type Caller, type ServiceCaller } from "./auth.ts"
import { CsrfRejected, Unauthenticated } from "./errors.ts"

const safeMethods = ["GET", "HEAD", "OPTIONS"]

/** The routes each service scope may call (method and path under /api/v1). */
const serviceRoutes: Record<string, ReadonlyArray<readonly [method: string, path: string]>> = {
  ingest: [["POST", "/events"]]
}

/** Middleware that sets the request's caller, or answers 401 (no caller) or 403 (no CSRF token). */
export const authenticate = (deps: { readonly store: Store; readonly now: () => number; readonly audit: Audit }): RequestHandler =>
  async (req, res, next) => {
    const requester = await requesterOf(deps.store, { authorization: req.headers.authorization, cookie: req.headers.cookie }, deps.now())
    if (requester === undefined) throw new Unauthenticated({ code: "unauthenticated", message: "sign in, or send a bearer token" })
    if ("service" in requester) {
      // A service reads nothing: any other route is "not found" to it, like a route that does not exist.
      const allowed = serviceRoutes[requester.scope ?? ""] ?? []
      if (!allowed.some(([method, path]) => method === req.method && path === req.path)) {
        throw new NotFound({ kind: "route", id: req.path, message: "no such route" })
      }
      res.locals.service = requester
      return next()
    }
    if (!safeMethods.includes(req.method) && !csrfOk(requester, req.header("x-csrf-token"))) {
      await deps.audit(requester, "csrf", "denied")
      throw new CsrfRejected({ message: "the request is missing its CSRF token; reload the page" })
    }
    res.locals.caller = requester
    next()
  }

/** The caller `authenticate` resolved for this request. */
export const callerOfResponse = (res: Response): Caller => res.locals.caller as Caller

/** The service `authenticate` resolved for this request, if a service token was sent. */
export const serviceOfResponse = (res: Response): ServiceCaller | undefined => res.locals.service as ServiceCaller | undefined
