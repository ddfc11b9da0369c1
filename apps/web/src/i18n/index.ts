/**
 * The one way components read the words they show: `t()` gives the active locale's catalogue. The locales are
 * the API's (`en`, the default, and `zh-CN`, SPEC §11.5); each is a typed catalogue of the same shape. Which
 * locale is active is set by `./browser.ts` (the visitor's choice or languages); this module never touches the
 * browser, so the page's pure modules and their tests run anywhere.
 */
import { catalogues, type Locale } from "./catalogues.ts"
import { en, type Messages } from "./en.ts"

export { catalogues, localeOf, locales, pickLocale, type Locale } from "./catalogues.ts"

let active: Locale = "en"
let current: Messages = en

/** The active locale's messages. */
export const t = (): Messages => current

/** The active locale, as the API's `locale` parameter names it. */
export const locale = (): Locale => active

/** Makes a locale the active one (the page re-renders after calling this). */
export const activate = (name: Locale): void => {
  active = name
  current = catalogues[name]
}

/** Switches the catalogue (a language switch re-renders after calling this). */
export const setMessages = (messages: Messages): void => {
  current = messages
}

export type { Messages }
