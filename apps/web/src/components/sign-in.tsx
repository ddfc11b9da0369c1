/**
 * Signing in (SPEC §11.3): the signed-out view asks for an email address and has a one-time link emailed,
 * keeping where the user was going (`next`); the link's page redeems the secret from the URL fragment.
 */
import { useEffect, useState } from "preact/hooks"
import { request, errorOf } from "../api.ts"
import { locale, t } from "../i18n/index.ts"
import { safeNext } from "../lib/next.ts"

const nextKey = "vcr_next"

/** The email form shown to a signed-out visitor; `next` is where the emailed link should lead back to. */
export const SignedOut = ({ next }: { readonly next: string | null }) => {
  const m = t().signIn
  const [email, setEmail] = useState("")
  const [error, setError] = useState("")
  const [status, setStatus] = useState("")
  const [busy, setBusy] = useState(false)
  // A printed link opened later on this browser also leads back to where the user was going.
  useEffect(() => { if (next !== null) sessionStorage.setItem(nextKey, next) }, [next])
  const submit = async (event: Event) => {
    event.preventDefault()
    setStatus("")
    const address = email.trim()
    if (address === "") return setError(m.emailRequired)
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return setError(m.emailInvalid)
    setError("")
    setBusy(true)
    try {
      const res = await request("/sign-in-links", { method: "POST", body: { email: address, locale: locale(), ...(next === null ? {} : { next }) } })
      if (res.status === 429) setStatus(m.tooMany(res.headers.get("Retry-After") ?? "60"))
      else if (!res.ok) {
        const e = await errorOf(res)
        if (e.field === "email") setError(e.message)
        else setStatus(e.message)
      } else setStatus(m.sent(address))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="signin card" aria-labelledby="signin-title">
      <h2 id="signin-title">{m.heading}</h2>
      <p id="signed-out">{m.signedOut} {m.intro}</p>
      {next !== null && <p class="muted">{m.afterLink}</p>}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="signin-email">{m.email}</label>
          <input id="signin-email" type="email" autocomplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={error === "" ? undefined : "true"} aria-describedby="email-error" />
          <p class="error" id="email-error" role="alert">{error}</p>
        </div>
        <button type="submit" class="primary" disabled={busy}>{busy ? m.sending : m.submit}</button>
      </form>
      <p class="status" role="status">{status}</p>
    </section>
  )
}

/** The page an emailed or printed link opens: one button that redeems the link's secret. */
export const SignInLink = () => {
  const m = t().signIn
  const [error, setError] = useState("")
  const signIn = async () => {
    // The link's fragment holds the secret and, for an emailed link, where to go next (never sent in a URL).
    const fragment = new URLSearchParams(location.hash.slice(1))
    const token = fragment.get("token") ?? ""
    const next = safeNext(fragment.get("next")) ?? safeNext(new URLSearchParams(location.search).get("next"))
    history.replaceState(null, "", "/signin")
    const res = await fetch("/auth/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(next === null ? { token } : { token, next }) })
    if (res.ok) {
      const answered = safeNext(((await res.json().catch(() => ({}))) as { next?: string }).next)
      const stored = safeNext(sessionStorage.getItem(nextKey))
      sessionStorage.removeItem(nextKey)
      location.href = next !== null ? (answered ?? next) : (stored ?? "/")
      return
    }
    setError((await errorOf(res)).message || m.linkFailed)
  }
  return (
    <section class="signin card" aria-labelledby="link-title">
      <h2 id="link-title">{m.linkHeading}</h2>
      <p>{m.linkIntro}</p>
      <button type="button" class="primary" onClick={signIn}>{m.linkButton}</button>
      <p class="error" id="sign-in-error" role="alert">{error}</p>
      {error !== "" && <p><a href="/">{m.requestAnother}</a></p>}
    </section>
  )
}
