/**
 * The page's locales and their catalogues, without the browser: which locales exist (the API's `locale` values,
 * `en` the default) and which one a browser's saved choice or languages ask for. `./index.ts` adds the active one.
 */
import { en, type Messages } from "./en.ts"
import { zhCN } from "./zh-CN.ts"

/** Every locale's catalogue, by the locale name the API takes. */
export const catalogues = { en, "zh-CN": zhCN } as const satisfies Record<string, Messages>
/** A locale the page speaks (the API's `locale` values). */
export type Locale = keyof typeof catalogues
/** The locales in the order the switch offers them, the default first. */
export const locales: ReadonlyArray<Locale> = ["en", "zh-CN"]

/** The supported locale a language tag asks for: any Chinese tag is zh-CN (the one Chinese we have), any English en. */
export const localeOf = (tag: string): Locale | undefined => {
  const lower = tag.trim().toLowerCase()
  const exact = locales.find((l) => l.toLowerCase() === lower)
  if (exact !== undefined) return exact
  const language = lower.split(/[-_]/)[0]
  return language === "zh" ? "zh-CN" : language === "en" ? "en" : undefined
}

/** The locale for a browser: a saved choice first, else its first language we speak (navigator.languages), else en. */
export const pickLocale = (saved: string | null, languages: ReadonlyArray<string>): Locale => {
  const chosen = saved === null ? undefined : localeOf(saved)
  if (chosen !== undefined) return chosen
  for (const tag of languages) {
    const found = localeOf(tag)
    if (found !== undefined) return found
  }
  return "en"
}
