/**
 * The page: the sign-in link's page at /signin; else who is signed in decides between the signed-out view
 * (email form, no menu) and the three sections. An emailed link (/history/<entry>) opens History on its entry.
 */
import { useEffect, useState } from "preact/hooks"
import { call, request, signedOutEvent, type Me } from "./api.ts"
import { Configuration } from "./components/configuration.tsx"
import { Header, type View } from "./components/header.tsx"
import { History } from "./components/history.tsx"
import { Reports } from "./components/reports.tsx"
import { Schedules } from "./components/schedules.tsx"
import { SignedOut, SignInLink } from "./components/sign-in.tsx"
import { locale, t } from "./i18n/index.ts"
import type { CurrentSettings } from "./lib/schedules.ts"
import { linkedEntry } from "./lib/next.ts"

/** The whole page. */
export const App = () => {
  const linked = linkedEntry(location.pathname)
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [view, setView] = useState<View>(linked === null ? "reports" : "history")
  const [orgId, setOrgId] = useState("")
  const [, setLocaleShown] = useState(locale())
  const [settings, setSettings] = useState<CurrentSettings | undefined>(undefined)
  const [scheduleFocus, setScheduleFocus] = useState(0)
  const onSignIn = location.pathname === "/signin"
  useEffect(() => {
    const ended = () => setMe(null)
    window.addEventListener(signedOutEvent, ended)
    return () => window.removeEventListener(signedOutEvent, ended)
  }, [])
  useEffect(() => {
    if (onSignIn) return
    void call<Me>("/me").then((r) => {
      if (r.ok) {
        setMe(r.value)
        setOrgId(r.value.organisations[0]?.id ?? "")
      } else setMe(null)
    })
  }, [])
  const org = me?.organisations.find((o) => o.id === orgId)
  const signOut = async () => {
    await request("/session", { method: "DELETE" })
    location.href = "/"
  }
  if (view === "configuration" && org?.edit_configuration !== true && me) setView("reports")
  return (
    <>
      <a class="skip" href="#main">{t().nav.reports}</a>
      <Header me={me ?? undefined} view={view} canConfigure={org?.edit_configuration === true} onView={setView} onSignOut={signOut} onLocale={setLocaleShown} />
      <main id="main">
        {onSignIn && <SignInLink />}
        {!onSignIn && me === undefined && <p class="muted" role="status">{t().app.loading}</p>}
        {!onSignIn && me === null && <SignedOut next={linked === null ? null : location.pathname} />}
        {me && (
          <>
            {org !== undefined ? <Reports me={me} org={org} onOrg={setOrgId} visible={view === "reports"} onSettings={setSettings} onSchedule={() => { setView("schedules"); setScheduleFocus((n) => n + 1) }} /> : <p class="error" hidden={view !== "reports"}>{t().settings.noRoles}</p>}
            <History visible={view === "history"} timezone={org?.default_timezone ?? "UTC"} linked={linked} />
            <Schedules me={me} org={org} current={settings} visible={view === "schedules"} focusKey={scheduleFocus} />
            {org !== undefined && org.edit_configuration && <Configuration visible={view === "configuration"} org={org.id} />}
          </>
        )}
      </main>
    </>
  )
}
