/** The page header: the product, who is signed in, and the sections menu (rendered only when signed in). */
import type { Me } from "../api.ts"
import { t, type Locale } from "../i18n/index.ts"
import { LanguageSwitch } from "./language.tsx"

export type View = "reports" | "history" | "schedules" | "configuration"

/** The header; `me` undefined means signed out, and then there is no menu at all. */
export const Header = (props: {
  readonly me: Me | undefined
  readonly view: View
  readonly canConfigure: boolean
  readonly onView: (view: View) => void
  readonly onSignOut: () => void
  readonly onLocale: (locale: Locale) => void
}) => {
  const m = t()
  const tab = (view: View, label: string) => (
    <button type="button" class="tab" aria-pressed={props.view === view ? "true" : "false"} onClick={() => props.onView(view)}>{label}</button>
  )
  return (
    <header class="top">
      <div class="brand">
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <h1>{m.app.title}</h1>
      </div>
      {props.me !== undefined && (
        <>
          <nav aria-label={m.nav.label}>
            {tab("reports", m.nav.reports)}
            {tab("history", m.nav.history)}
            {tab("schedules", m.nav.schedules)}
            {props.canConfigure && tab("configuration", m.nav.configuration)}
          </nav>
          <div class="account">
            <LanguageSwitch onChange={props.onLocale} />
            <p class="who">{m.app.signedInAs(props.me.user.name ?? props.me.user.id)}</p>
            <button type="button" class="ghost" onClick={props.onSignOut}>{m.nav.signOut}</button>
          </div>
        </>
      )}
      {props.me === undefined && <div class="account"><LanguageSwitch onChange={props.onLocale} /></div>}
    </header>
  )
}
