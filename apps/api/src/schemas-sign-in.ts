/**
 * The JSON Schemas of signing in: the one-time link's secret exchanged for a session (`POST /auth/link`), and a
 * sign-in link asked for by email (`POST /api/v1/sign-in-links`, SPEC §11.3). `next` is where the page goes after
 * sign-in: a same-origin relative path, anything else ignored.
 */
import { Locales } from "@vcr/core"
import { text } from "./schemas.ts"

const next = {
  type: "string",
  maxLength: 2048,
  description:
    "Where to go after sign-in: a same-origin relative path such as /history/h-123 (one leading /, not // or /\\, no scheme, " +
    "no whitespace); anything else is ignored"
}

/** The body of `POST /auth/link`: the secret from the sign-in link's fragment, and the link's `next` if any. */
export const signInRequestSchema = {
  type: "object",
  properties: { token: text("The secret of a one-time sign-in link (the link's fragment: /signin?next=<path>#token=<secret>)"), next },
  required: ["token"],
  additionalProperties: false
}

/** The answer of `POST /auth/link`: signed in, and where the page should go (`next` if it was safe, else /). */
export const signInResultSchema = {
  type: "object",
  properties: { signed_in: { type: "boolean", const: true }, next: { ...next, description: "The request's next when it is a safe path, else /" } },
  required: ["signed_in", "next"],
  additionalProperties: false
}

/** The body of `POST /api/v1/sign-in-links`. */
export const signInLinkRequestSchema = {
  type: "object",
  properties: {
    email: { type: "string", format: "email", maxLength: 254, description: "The account's address (letter case ignored)" },
    next: { ...next, type: ["string", "null"] },
    locale: { type: "string", enum: [...Locales.all], default: Locales.defaultLocale, description: "The language of the email" }
  },
  required: ["email"],
  additionalProperties: false
}

/** The answer of `POST /api/v1/sign-in-links`: the same for every address. */
export const signInLinkAcceptedSchema = {
  type: "object",
  description: "The same answer whether or not the address belongs to an active account (no account enumeration)",
  properties: {
    accepted: { type: "boolean", const: true },
    link_lifetime_minutes: { type: "integer", const: 15, description: "How long an emailed link works (once)" }
  },
  required: ["accepted", "link_lifetime_minutes"],
  additionalProperties: false
}
