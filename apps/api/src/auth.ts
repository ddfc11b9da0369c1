/**
 * Sign-in: personal access tokens (bearer), service tokens of platforms (bearer, one scope), one-time sign-in links
 * that open a browser session (HttpOnly, SameSite cookie) and a CSRF token for that session (double submit: a
 * readable cookie echoed in a header). Only SHA-256 hashes of secrets are stored; roles are read at every request.
 */
import type { Actor } from "@vcr/core"
import { Access, clockLayer, hashSecret, Store as StorePort } from "@vcr/engine"
import type { Store } from "@vcr/store"
import { Effect, Layer } from "effect"
import { timingSafeEqual } from "node:crypto"

export { hashSecret, sessionLifetimeMs } from "@vcr/engine"

export const sessionCookie = "vcr_session"
export const csrfCookie = "vcr_csrf"

/** Runs one of the engine's sign-in use cases on an open store at `now`. */
const onStore = <A, E>(store: Store, now: number, effect: Effect.Effect<A, E, StorePort>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.provide(Layer.merge(StorePort.fromStore(store), clockLayer(() => now)))))

/** Creates a personal access token for a user; the token is returned once and only its hash is kept. */
export const createToken = (store: Store, userId: string, now: number, lifetimeMs: number | null = null): Promise<string> =>
  onStore(store, now, Access.createToken(userId, lifetimeMs))

/** Creates a one-time sign-in link secret for a user. */
export const createLoginLink = (store: Store, userId: string, now: number): Promise<string> => onStore(store, now, Access.createLoginLink(userId))

/** Exchanges a sign-in link secret for a session; undefined when the link is unknown, used or expired. */
export const redeemLoginLink = (store: Store, secret: string, now: number) => onStore(store, now, Access.redeemLoginLink(secret))

/** Who is asking: the account and how it authenticated. */
export interface Caller {
  readonly actor: Actor
  readonly via: "token" | "session"
  readonly credentialHash: string
  readonly csrfHash: string | null
}

/** Builds the actor of a user from the roles held now (SPEC §2: a revoked role stops working at once). */
export const actorOf = (store: Store, userId: string, now: number): Promise<Actor | undefined> => onStore(store, now, Access.actorOf(userId))

const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=")
    if (k === name) return decodeURIComponent(v.join("="))
  }
  return undefined
}

/** A platform calling with a service token: its name and scope; it is no account and holds no roles. */
export interface ServiceCaller {
  readonly service: string
  readonly scope: string | null
}

type Headers = { authorization?: string | undefined; cookie?: string | undefined }

/** The valid credential a request carries (bearer token, else session cookie), with its hash. */
const credentialOfRequest = async (store: Store, headers: Headers, now: number) => {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const secret = bearer ?? cookieValue(headers.cookie, sessionCookie)
  if (secret === undefined) return undefined
  const hash = hashSecret(secret)
  const credential = await store.access.credential(hash, now)
  const allowed = bearer !== undefined ? ["token", "service"] : ["session"]
  return credential === undefined || !allowed.includes(credential.kind) ? undefined : { credential, hash }
}

/** Resolves who calls: an account (bearer token or session cookie) or a service (service token). */
export const requesterOf = async (store: Store, headers: Headers, now: number): Promise<Caller | ServiceCaller | undefined> => {
  const found = await credentialOfRequest(store, headers, now)
  if (found?.credential.kind === "service") return { service: found.credential.user_id, scope: found.credential.scope ?? null }
  return callerOfCredential(store, found, now)
}

const callerOfCredential = async (
  store: Store, found: Awaited<ReturnType<typeof credentialOfRequest>>, now: number
): Promise<Caller | undefined> => {
  if (found === undefined) return undefined
  const { credential, hash } = found
  const actor = await actorOf(store, credential.user_id, now)
  if (actor === undefined) return undefined
  return { actor, via: credential.kind === "token" ? "token" : "session", credentialHash: hash, csrfHash: credential.csrf_hash }
}

/** Whether a state-changing request carries the session's CSRF token (bearer tokens need none). */
export const csrfOk = (caller: Caller, header: string | undefined): boolean => {
  if (caller.via === "token") return true
  if (caller.csrfHash === null || header === undefined) return false
  const a = Buffer.from(hashSecret(header))
  const b = Buffer.from(caller.csrfHash)
  return a.length === b.length && timingSafeEqual(a, b)
}
