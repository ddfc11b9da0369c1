/**
 * The locales vcr speaks (SPEC §11.5, R80): `en` (the default) and `zh-CN`. Locales change words, never data.
 * Every edge (API `locale`, CLI `--locale`, schedules, history entries) decodes a locale with `decode`.
 */
import { InvalidParameter } from "./Errors.ts"

/** Every supported locale, the default first. */
export const all = ["en", "zh-CN"] as const
/** A supported locale. */
export type Name = (typeof all)[number]
/** The locale of a request that names none. */
export const defaultLocale: Name = "en"

/**
 * Decodes a raw locale value: absent or blank is the default; a BCP 47 tag matching a supported locale in any
 * letter case (`zh-cn`, `EN`) is that locale; anything else is an `InvalidParameter` naming the field.
 */
export const decode = (raw: string | null | undefined, field = "locale"): Name | InvalidParameter => {
  if (raw === undefined || raw === null || raw.trim() === "") return defaultLocale
  const wanted = raw.trim().toLowerCase()
  const found = all.find((name) => name.toLowerCase() === wanted)
  return found ?? new InvalidParameter({
    field,
    code: "invalid_locale",
    message: `${field} must be one of ${all.join(", ")} (got "${raw}")`
  })
}
