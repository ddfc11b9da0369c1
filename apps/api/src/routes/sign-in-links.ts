/**
 * `POST /api/v1/sign-in-links` (SPEC §11.3): signing in by email, without a credential. The answer is the same
 * 202 for every well-formed request, whether or not the address belongs to an account, and it is sent before the
 * address is even looked up: the lookup and the email happen afterwards, so neither the answer nor its timing tells
 * who has an account. Requests are rate limited per address and per client (429 with Retry-After), for unknown
 * addresses exactly as for known ones. Nothing logged holds the address.
 */
import { Locales } from "@vcr/core"
import { isPlainAddress } from "@vcr/email"
import { hashSecret, safeNextPath, type EngineRuntime } from "@vcr/engine"
import { Router } from "express"
import { BadRequest } from "../errors.ts"
import type { RateLimit } from "../rate-limit.ts"
import { jsonBody, rejectUnknown, textField } from "../request.ts"

/** Sign-in emails allowed per address and per client in a window (defaults: 3 and 10 per 15 minutes). */
export interface SignInLinkLimits {
  readonly perAddress?: number
  readonly perClient?: number
  readonly windowMs?: number
}

/** The answer to every accepted request, known address or not. */
export const acceptedBody = { accepted: true, link_lifetime_minutes: 15 } as const

/** What the route needs. */
export interface SignInLinksDependencies {
  readonly engine: EngineRuntime
  readonly rateLimit: RateLimit
  readonly limits?: SignInLinkLimits | undefined
  /** The page's base URL for the link: VCR_PUBLIC_URL, else this server's local address and port (never a request header). */
  readonly publicUrl: string | undefined
  /** Runs the lookup and the email after the answer has been sent. */
  readonly background: (task: () => Promise<unknown>) => void
}

/** The address as one request names it, for the rate limit: trimmed, lower case, hashed (no address kept in memory). */
const addressKey = (email: string) => hashSecret(email.trim().toLowerCase())

/** The route. */
export const signInLinksRouter = (deps: SignInLinksDependencies) =>
  Router().post("/api/v1/sign-in-links", jsonBody, (req, res) => {
    const body: unknown = req.body ?? {}
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new BadRequest({ code: "invalid_body", message: 'send {"email": "name@example.org", "next": "/path"}', field: null })
    }
    const fields = body as Record<string, unknown>
    rejectUnknown(fields, ["email", "next", "locale"], "a field of this request")
    const email = textField(fields, "email")?.trim()
    if (email === undefined || email === "") throw new BadRequest({ code: "missing_field", message: "email is required", field: "email" })
    if (!isPlainAddress(email)) throw new BadRequest({ code: "invalid_email", message: "email must be one address such as name@example.org", field: "email" })
    // The email is written in the request's locale (SPEC §11.5), like every email.
    const locale = Locales.decode(textField(fields, "locale"))
    if (locale instanceof Error) throw locale
    const windowMs = deps.limits?.windowMs ?? 15 * 60_000
    const wait = `too many sign-in emails requested; wait ${Math.round(windowMs / 60_000)} minutes`
    // req.ip is the client's address: behind a trusted proxy, from X-Forwarded-For, not the proxy's own.
    deps.rateLimit.check(`sign-in-link-client:${req.ip ?? req.socket.remoteAddress}`, deps.limits?.perClient ?? 10, wait, windowMs)
    deps.rateLimit.check(`sign-in-link-address:${addressKey(email)}`, deps.limits?.perAddress ?? 3, wait, windowMs)
    // A `next` that is not a same-origin relative path is ignored, not refused (SPEC §11.3).
    const next = safeNextPath(fields.next)
    const publicUrl = deps.publicUrl ?? `http://127.0.0.1:${req.socket.localPort}`
    res.status(202).json(acceptedBody)
    deps.background(() => deps.engine.access.emailSignInLink({ email, next, publicUrl, locale }))
  })
