/**
 * The locale in the browser (SPEC §11.5): the page starts in the visitor's saved choice, else the first of the
 * browser's languages it speaks (navigator.languages), else English; a switch keeps the choice in localStorage.
 * Either way `<html lang>` and the document title follow.
 */
import { catalogues, pickLocale, type Locale } from "./catalogues.ts"
import { activate } from "./index.ts"

const storageKey = "vcr_locale"

const show = (name: Locale) => {
  activate(name)
  document.documentElement.lang = name
  document.title = `${catalogues[name].app.title} · vcr`
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
