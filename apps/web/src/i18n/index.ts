/**
 * The one way components read the words they show: `t()` gives the active locale's catalogue. The locales are
 * the API's (`en`, the default, and `zh-CN`, SPEC §11.5); each is a typed catalogue of the same shape. The page
 * starts in the visitor's saved choice, else the first of the browser's languages it speaks, else English;
 * `setLocale` switches, keeps the choice in localStorage and sets `<html lang>` (a switch re-renders after it).
 */
import { en, type Messages } from "./en.ts"
import { zhCN } from "./zh-CN.ts"

/** Every locale's catalogue, by the locale name the API takes. */
export const catalogues = { en, "zh-CN": zhCN } as const satisfies Record<string, Messages>
/** A locale the page speaks (the API's `locale` values). */
export type Locale = keyof typeof catalogues
/** The locales in the order the switch offers them, the default first. */
export const locales: ReadonlyArray<Locale> = ["en", "zh-CN"]

const storageKey = "vcr_locale"
let active: Locale = "en"
let current: Messages = en

/** The active locale's messages. */
export const t = (): Messages => current

/** The active locale, as the API's `locale` parameter names it. */
export const locale = (): Locale => active

/** Switches the catalogue (a language switch re-renders after calling this). */
export const setMessages = (messages: Messages): void => {
  current = messages
}

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

const show = (name: Locale) => {
  active = name
  current = catalogues[name]
  document.documentElement.lang = name
  document.title = `${current.app.title} · vcr`
}

/** Switches to a locale and keeps the choice for the next visit. */
export const setLocale = (name: Locale): void => {
  show(name)
  try {
    localStorage.setItem(storageKey, name)
  } catch { /* storage refused: the choice lasts this page only */ }
}

/** Starts in the saved or the browser's locale (called once, before the first render). */
export const startLocale = (): void => {
  let saved: string | null = null
  try {
    saved = localStorage.getItem(storageKey)
  } catch { /* storage refused */ }
  show(pickLocale(saved, navigator.languages ?? [navigator.language]))
}

export type { Messages }
