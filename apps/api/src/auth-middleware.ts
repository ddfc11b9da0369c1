/**
 * The /api authentication middleware: every request resolves its caller from a bearer token or the session
 * cookie and reads the caller's roles again (a revoked role stops working at once, SPEC §2). State-changing
 * requests made with the cookie must echo the session's CSRF token; bearer tokens need none.
 */
import type { Store } from "@vcr/store"
import type { RequestHandler, Response } from "express"
import type { Audit } from "./audit.ts"
import { callerOf, csrfOk, type Caller } from "./auth.ts"
import { CsrfRejected, Unauthenticated } from "./errors.ts"

const safeMethods = ["GET", "HEAD", "OPTIONS"]

/** Middleware that sets the request's caller, or answers 401 (no caller) or 403 (no CSRF token). */
export const authenticate = (deps: { readonly store: Store; readonly now: () => number; readonly audit: Audit }): RequestHandler =>
  async (req, res, next) => {
    const caller = await callerOf(deps.store, { authorization: req.headers.authorization, cookie: req.headers.cookie }, deps.now())
    if (caller === undefined) throw new Unauthenticated({ code: "unauthenticated", message: "sign in, or send a bearer token" })
    if (!safeMethods.includes(req.method) && !csrfOk(caller, req.header("x-csrf-token"))) {
      await deps.audit(caller, "csrf", "denied")
      throw new CsrfRejected({ message: "the request is missing its CSRF token; reload the page" })
    }
    res.locals.caller = caller
    next()
  }

/** The caller `authenticate` resolved for this request. */
export const callerOfResponse = (res: Response): Caller => res.locals.caller as Caller
