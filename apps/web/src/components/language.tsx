/**
 * The language switch (SPEC §11.5): a labelled list of the locales, each named in its own language. Choosing
 * one switches the catalogue, keeps the choice for the next visit and re-renders the page (`onChange`).
 */
import { setLocale } from "../i18n/browser.ts"
import { locale, locales, t, type Locale } from "../i18n/index.ts"
import "./language.css"

/** The switch; `onChange` re-renders the page in the chosen locale. */
export const LanguageSwitch = (props: { readonly onChange: (locale: Locale) => void }) => {
  const m = t().language
  return (
    <div class="language">
      <label for="language">{m.label}</label>
      <select id="language" value={locale()} onChange={(e) => {
        const chosen = e.currentTarget.value as Locale
        setLocale(chosen)
        props.onChange(chosen)
      }}>
        {locales.map((l) => <option key={l} value={l} lang={l}>{m.names[l]}</option>)}
      </select>
    </div>
  )
}
