/**
 * `vcr token create|list|revoke` and `vcr login-link`: sign-in secrets (personal tokens, service tokens of
 * platforms, sign-in links), printed once and stored only as hashes. The link's host comes from VCR_PUBLIC_URL
 * (never from a request).
 */
import { signInUrl, type Engine } from "@vcr/engine"
import { withEngine } from "./engine.ts"
import { publicUrl } from "./environment.ts"
import { UsageError } from "./failure.ts"
import type { GlobalOptions } from "./store.ts"

/** A sign-in link for a user, on VCR_PUBLIC_URL, else on the local address at `port` (PORT, default 8080), as `vcr serve` links. */
export const loginLinkFor = async (engine: Engine, userId: string, port?: number) => signInUrl(publicUrl(port), await engine.access.loginLink(userId))

/** How long a personal token lives unless `--expires-in` says otherwise: a lost token stops working on its own. */
const defaultTokenDays = 90

/** `--expires-in <days>` as milliseconds: a whole number of days from 1 to 3650. */
const tokenLifetimeMs = (days: string | undefined): number => {
  const value = days ?? String(defaultTokenDays)
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3650) {
    throw new UsageError(`--expires-in must be a whole number of days from 1 to 3650 (got "${value}")`)
  }
  return Number(value) * 86_400_000
}

/** `vcr token create`: a personal token (expiring, default 90 days) or a service token; printed once. */
export const commandToken = async (
  globals: GlobalOptions, o: { readonly user?: string; readonly service?: string; readonly scope?: string; readonly expiresIn?: string }
) => {
  if ((o.user === undefined) === (o.service === undefined)) throw new UsageError("give either --user <id> (a personal token) or --service <name> --scope ingest (a service token)")
  if (o.service !== undefined && o.scope === undefined) throw new UsageError("--service needs --scope ingest")
  if (o.user !== undefined && o.scope !== undefined) throw new UsageError("--scope is for service tokens: a personal token has its user's roles")
  if (o.service !== undefined && o.expiresIn !== undefined) throw new UsageError("--expires-in is for personal tokens: revoke a service token with vcr token revoke")
  const lifetimeMs = o.user === undefined ? null : tokenLifetimeMs(o.expiresIn)
  const token = await withEngine(globals, (engine) =>
    o.service !== undefined ? engine.access.serviceToken(o.service, o.scope!) : engine.access.token(o.user!, lifetimeMs))
  process.stdout.write(`${token}\n`)
}

/** `vcr token list`: one line per personal or service token (short id, kind, owner, scope, created, expires), never a secret. */
export const commandTokenList = async (globals: GlobalOptions) => {
  const tokens = await withEngine(globals, (engine) => engine.access.tokens())
  const rows = [["ID", "KIND", "OWNER", "SCOPE", "CREATED", "EXPIRES"], ...tokens.map((t) => [
    t.id, t.kind === "service" ? "service" : "personal", t.owner, t.scope ?? "-", new Date(t.created_at).toISOString(),
    t.expires_at === null ? "never" : new Date(t.expires_at).toISOString()
  ])]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  process.stdout.write(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n") + "\n")
}

/** `vcr token revoke <id>`: the token stops working at its next request. */
export const commandTokenRevoke = async (globals: GlobalOptions, id: string) => {
  await withEngine(globals, (engine) => engine.access.revokeToken(id))
  process.stdout.write(`revoked token ${id}\n`)
}

/** `vcr login-link`: a one-time sign-in link for the server that listens on `port` (when VCR_PUBLIC_URL is unset). */
export const commandLoginLink = async (globals: GlobalOptions, userId: string, port?: number) => {
  const link = await withEngine(globals, (engine) => loginLinkFor(engine, userId, port))
  process.stdout.write(`${link}\n`)
}
