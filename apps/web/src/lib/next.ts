/**
 * Where to go after signing in (SPEC §11.3): only a same-origin relative path is kept; anything else (another
 * origin, a protocol-relative `//host`, a backslash trick, a scheme) is ignored.
 */

/** The path to return to, or null when `value` is not a same-origin relative path. */
export const safeNext = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined || value === "") return null
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null
  const resolved = new URL(value, "http://origin.invalid")
  if (resolved.origin !== "http://origin.invalid") return null
  return resolved.pathname + resolved.search + resolved.hash
}

/** The emailed-report path of a location (`/history/<id>`), which signing in should lead back to. */
export const linkedEntry = (pathname: string): string | null => /^\/history\/([A-Za-z0-9_-]+)$/.exec(pathname)?.[1] ?? null
