/**
 * The command line's view of the environment. Every variable is decoded by the HTTP app's one configuration
 * module (`@vcr/api/config`), so `vcr report` and `vcr serve` read VCR_DATABASE_URL, VCR_NOW, PORT and the rest
 * by the same rules; a wrong value stops any command with one ConfigurationError (exit 2) before it opens anything.
 */
import { clockOf, decodeConfiguration, type Configuration } from "@vcr/api/config"
import { UsageError } from "./failure.ts"

let decoded: Configuration | undefined

/** The decoded environment, decoded once per process on first use. */
export const configuration = (): Configuration => (decoded ??= decodeConfiguration(process.env))

/** Now: VCR_NOW when set, else the system clock. */
export const currentTime = (): number => clockOf(configuration())()

/** The page's base URL: VCR_PUBLIC_URL, else the local address on `port` (PORT when not given). */
export const publicUrl = (port = configuration().port): string => configuration().publicUrl ?? `http://127.0.0.1:${port}`

/** A `--port` value (`vcr serve`, `vcr login-link`): a whole number from 0 to 65535, as PORT is. */
export const portOption = (raw: string): number => {
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${raw}")`)
  return port
}
