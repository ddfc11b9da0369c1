/**
 * Sign-in secrets and who an account is now: personal access tokens, one-time sign-in links (printed, or emailed
 * to an account's address on request, SPEC §11.3) redeemed for a browser session with its CSRF token, and the
 * actor built from the roles held at this moment (SPEC §2: a revoked role stops working at once). Only SHA-256
 * hashes of secrets are stored.
 */
import { InvalidParameter, NotFound, Permissions } from "@vcr/core"
import { isPlainAddress, signInLinkMessage, type SignInLinkLocale } from "@vcr/email"
import { Clock, Effect } from "effect"
import { createHash, randomBytes } from "node:crypto"
import { Mailer } from "./Mailer.ts"
import { call } from "./Store.ts"

/** SHA-256 of a secret, hex. */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex")

/** A new random secret with a readable prefix (256 bits, base64url). */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString("base64url")}`

/** How long a sign-in link stays valid. */
export const linkLifetimeMs = 15 * 60_000
/** How long a browser session lasts. */
export const sessionLifetimeMs = 12 * 60 * 60_000

/** Fails with NotFound unless the user exists. */
export const knownUser = Effect.fnUntraced(function* (userId: string) {
  const user = yield* call("user", (store) => store.user(userId))
  if (user === undefined) return yield* new NotFound({ kind: "user", id: userId, message: `user "${userId}" not found` })
  return user
})

/** Creates a personal access token for a user; the token is returned once and only its hash is kept. */
export const createToken = Effect.fnUntraced(function* (userId: string, lifetimeMs: number | null = null) {
  const now = yield* Clock.currentTimeMillis
  const token = newSecret("vcr_pat")
  yield* call("add credential", (store) => store.access.addCredential({
    hash: hashSecret(token), kind: "token", user_id: userId, created_at: now,
    expires_at: lifetimeMs === null ? null : now + lifetimeMs, used_at: null, csrf_hash: null
  }))
  return token
})

/** The scopes a service token may hold: `ingest` posts events (SPEC §11.6) and reads nothing else. */
export const serviceScopes = ["ingest"] as const
export type ServiceScope = (typeof serviceScopes)[number]

/**
 * Creates a service token for a platform (`vcr token create --service <name> --scope ingest`): no account, one
 * scope, returned once and kept only as a hash. The name is what the audit log shows for its requests.
 */
export const createServiceToken = Effect.fnUntraced(function* (service: string, scope: string) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(service)) {
    return yield* new InvalidParameter({ field: "service", code: "invalid_service", message: `the service name must be 1 to 64 letters, digits, ".", "_" or "-" (got "${service}")` })
  }
  if (!(serviceScopes as ReadonlyArray<string>).includes(scope)) {
    return yield* new InvalidParameter({ field: "scope", code: "invalid_scope", message: `scope must be one of ${serviceScopes.join(", ")} (got "${scope}")` })
  }
  const now = yield* Clock.currentTimeMillis
  const token = newSecret("vcr_svc")
  yield* call("add credential", (store) => store.access.addCredential({
    hash: hashSecret(token), kind: "service", user_id: service, created_at: now, expires_at: null, used_at: null, csrf_hash: null, scope
  }))
  return token
})

/** Personal and service tokens as listed by `vcr token list` (a short id, never the secret). */
export const tokens = call("list tokens", (store) => store.access.tokens())

/** Revokes the one token whose listed id starts with `id`; NotFound when none or several match. */
export const revokeToken = Effect.fnUntraced(function* (id: string) {
  const matched = yield* call("revoke token", (store) => store.access.revokeToken(id.toLowerCase()))
  if (matched === 1) return
  return yield* new NotFound({
    kind: "token", id, message: matched === 0 ? `token "${id}" not found (see vcr token list)` : `token id "${id}" matches ${matched} tokens; give more of it`
  })
})

/** Creates a one-time sign-in link secret for a user, valid 15 minutes. */
export const createLoginLink = Effect.fnUntraced(function* (userId: string) {
  const now = yield* Clock.currentTimeMillis
  const secret = newSecret("vcr_link")
  yield* call("add credential", (store) => store.access.addCredential({
    hash: hashSecret(secret), kind: "login_link", user_id: userId, created_at: now, expires_at: now + linkLifetimeMs, used_at: null, csrf_hash: null
  }))
  return secret
})

/** Exchanges a sign-in link secret for a session; undefined when the link is unknown, used or expired. */
export const redeemLoginLink = Effect.fnUntraced(function* (secret: string) {
  const now = yield* Clock.currentTimeMillis
  const link = yield* call("consume credential", (store) => store.access.consume(hashSecret(secret), now))
  if (link === undefined || link.kind !== "login_link") return undefined
  const session = newSecret("vcr_session")
  const csrf = randomBytes(24).toString("base64url")
  yield* call("add credential", (store) => store.access.addCredential({
    hash: hashSecret(session), kind: "session", user_id: link.user_id, created_at: now, expires_at: now + sessionLifetimeMs,
    used_at: null, csrf_hash: hashSecret(csrf)
  }))
  return { session, csrf, userId: link.user_id }
})

/** The actor of a user from the roles held now; undefined for an unknown user. */
export const actorOf = Effect.fnUntraced(function* (userId: string) {
  const now = yield* Clock.currentTimeMillis
  const user = yield* call("user", (store) => store.user(userId))
  const roles = yield* call("roles", (store) => store.rolesOf(userId))
  const orgOf = new Map(roles.clinics.map((c) => [c.id, c.organisation_id]))
  return Permissions.actorAt(user, roles.organisationRoles, roles.clinicRoles, (id) => orgOf.get(id), now)
})

/**
 * Where a page may go after sign-in: `next` when it is a same-origin relative path (one leading `/`, not `//` or
 * `/\`, no scheme, no whitespace or control character, at most 2,048 characters), else undefined (ignored).
 */
export const safeNextPath = (next: unknown): string | undefined => {
  if (typeof next !== "string" || next.length > 2048 || !/^\/(?![/\\])/.test(next)) return undefined
  // Browsers drop tabs and line breaks and read "\" as "/" in URLs: "/\t/evil.example" would become "//evil.example".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u00a0\\\u2028\u2029]/.test(next)) return undefined
  const base = "http://vcr.invalid"
  try {
    return new URL(next, base).origin === base ? next : undefined
  } catch {
    return undefined
  }
}

/**
 * A sign-in link of the page: `<base>/signin#token=<secret>`, or `<base>/signin?next=<path>#token=<secret>` (the path
 * percent-encoded) when `next` is a safe path. The secret rides in the fragment, so it is never sent in a request
 * line or written to a log; `next` is no secret.
 */
export const signInUrl = (publicUrl: string, secret: string, next?: string): string => {
  const path = safeNextPath(next)
  return `${publicUrl.replace(/\/+$/, "")}/signin${path === undefined ? "" : `?next=${encodeURIComponent(path)}`}#token=${secret}`
}

/** What a request for a sign-in email gives: an address, where to go after, the page's base URL, the words' locale. */
export interface SignInLinkRequest {
  readonly email: string
  readonly next?: string | undefined
  /** The page's base URL (VCR_PUBLIC_URL), never taken from a request. */
  readonly publicUrl: string
  readonly locale?: SignInLinkLocale | undefined
}

/**
 * Emails a one-time sign-in link (15 minutes, single use) to each active account (not deactivated, created) whose
 * address is `email`, letter case ignored; an unknown or inactive address gets nothing. Resolves with the number
 * of emails sent, which callers must not reveal (SPEC §11.3: no account enumeration). Each sent link is audited
 * under its account, without the address.
 */
export const emailSignInLink = Effect.fnUntraced(function* (request: SignInLinkRequest) {
  const email = request.email.trim()
  if (!isPlainAddress(email)) return 0
  const users = yield* call("users by email", (store) => store.usersByEmail(email))
  const mailer = yield* Mailer
  let sent = 0
  for (const user of users) {
    if (user.email === null || !isPlainAddress(user.email) || (yield* actorOf(user.id)) === undefined) continue
    const secret = yield* createLoginLink(user.id)
    yield* mailer.send(signInLinkMessage({
      to: user.email, link: signInUrl(request.publicUrl, secret, request.next), minutes: linkLifetimeMs / 60_000, locale: request.locale
    }))
    const now = yield* Clock.currentTimeMillis
    yield* call("audit", (store) => store.access.audit({
      at: now, user_id: user.id, action: "sign_in_link_sent", outcome: "ok", organisation_id: null, clinic_id: null, report: null, detail: null
    }))
    sent++
  }
  return sent
})
