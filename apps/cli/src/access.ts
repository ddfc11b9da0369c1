/**
 * `vcr token create` and `vcr login-link`: sign-in secrets, printed once and stored only as hashes. The link's
 * host comes from VCR_PUBLIC_URL (never from a request).
 */
import type { Engine } from "@vcr/engine"
import { withEngine } from "./engine.ts"
import type { GlobalOptions } from "./store.ts"

/** The public base URL of the page (VCR_PUBLIC_URL, else the local address). */
export const publicUrl = (port = Number(process.env.PORT ?? 8080)) => (process.env.VCR_PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "")

/** A sign-in link for a user. */
export const loginLinkFor = async (engine: Engine, userId: string, port?: number) => `${publicUrl(port)}/signin#token=${await engine.access.loginLink(userId)}`

export const commandToken = async (globals: GlobalOptions, userId: string) => {
  const token = await withEngine(globals, (engine) => engine.access.token(userId))
  process.stdout.write(`${token}\n`)
}

export const commandLoginLink = async (globals: GlobalOptions, userId: string) => {
  const link = await withEngine(globals, (engine) => loginLinkFor(engine, userId))
  process.stdout.write(`${link}\n`)
}
