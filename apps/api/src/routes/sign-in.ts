/**
 * Sign-in and sign-out. The page posts the secret of a one-time link (taken from the link's fragment, so it is
 * never in a URL or log), with the fragment's `next` if any, and gets a session cookie, a CSRF cookie and where to
 * go (`next` when it is a same-origin relative path, else `/`); sign-out deletes the session credential.
 */
import { safeNextPath } from "@vcr/engine"
import type { Store } from "@vcr/store"
import { Router } from "express"
import type { Audit } from "../audit.ts"
import { callerOfResponse } from "../auth-middleware.ts"
import { csrfCookie, redeemLoginLink, sessionCookie, sessionLifetimeMs } from "../auth.ts"
import { Unauthenticated } from "../errors.ts"
import type { RateLimit } from "../rate-limit.ts"
import { jsonBody } from "../request.ts"

/** `POST /auth/link`: a sign-in link's secret for a session (rate limited per address). */
export const signInRouter = (deps: {
  readonly store: Store; readonly now: () => number; readonly audit: Audit; readonly rateLimit: RateLimit; readonly perMinute: number
  /** Always mark the cookies Secure (behind a TLS proxy the request itself is plain HTTP). */
  readonly secureCookies: boolean
}) =>
  Router().post("/auth/link", jsonBody, async (req, res) => {
    // req.ip is the client's address: behind a trusted proxy, from X-Forwarded-For, not the proxy's own.
    deps.rateLimit.check(`signin:${req.ip ?? req.socket.remoteAddress}`, deps.perMinute, "too many sign-in attempts; wait a minute")
    const secret = typeof req.body?.token === "string" ? req.body.token : ""
    const session = secret === "" ? undefined : await redeemLoginLink(deps.store, secret, deps.now())
    if (session === undefined) {
      await deps.audit(undefined, "sign_in", "denied")
      throw new Unauthenticated({ code: "invalid_link", message: "this sign-in link is unknown, used or expired; ask for a new one" })
    }
    const secure = deps.secureCookies || req.secure ? "; Secure" : ""
    const maxAge = Math.floor(sessionLifetimeMs / 1000)
    res.setHeader("Set-Cookie", [
      `${sessionCookie}=${session.session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
      `${csrfCookie}=${session.csrf}; Path=/; SameSite=Strict; Max-Age=${maxAge}${secure}`
    ])
    await deps.audit(session.userId, "sign_in", "ok")
    res.json({ signed_in: true, next: safeNextPath(req.body?.next) ?? "/" })
  })

/** `DELETE /session` (under /api): the session credential is deleted and the cookies cleared. */
export const sessionRouter = (deps: { readonly store: Store; readonly audit: Audit }) =>
  Router().delete("/session", async (_req, res) => {
    const caller = callerOfResponse(res)
    await deps.store.access.removeCredential(caller.credentialHash)
    await deps.audit(caller, "sign_out", "ok")
    res.setHeader("Set-Cookie", [`${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`, `${csrfCookie}=; Path=/; SameSite=Strict; Max-Age=0`])
    res.status(204).end()
  })
