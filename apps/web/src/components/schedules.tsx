/**
 * The Schedules view (SPEC §11.4): "Send this every…" made from the current settings, and the caller's own
 * schedules with pause, resume and delete. What happened is said in a live region; after a delete, focus goes
 * to the list's heading so keyboard users are not left on a removed button.
 */
import { useEffect, useRef, useState } from "preact/hooks"
import { call, type Me, type Organisation } from "../api.ts"
import { t } from "../i18n/index.ts"
import type { CurrentSettings, Schedule } from "../lib/schedules.ts"
import { ScheduleForm } from "./schedule-form.tsx"
import { ScheduleList, scheduleTitle } from "./schedule-list.tsx"
import "./schedules.css"

/** The view; `focusKey` changing focuses the form (the Reports view's "Send this every…"). */
export const Schedules = (props: {
  readonly me: Me
  readonly org: Organisation | undefined
  readonly current: CurrentSettings | undefined
  readonly visible: boolean
  readonly focusKey: number
}) => {
  const m = t().schedules
  const [schedules, setSchedules] = useState<ReadonlyArray<Schedule> | undefined>(undefined)
  const [loadError, setLoadError] = useState("")
  const [status, setStatus] = useState("")
  const [busy, setBusy] = useState<string | null>(null)
  const listHeading = useRef<HTMLHeadingElement>(null)
  const load = async () => {
    const r = await call<{ schedules: ReadonlyArray<Schedule> }>("/schedules")
    if (r.ok) {
      setSchedules(r.value.schedules)
      setLoadError("")
    } else setLoadError(m.loadFailed(r.error.message))
  }
  useEffect(() => {
    if (props.visible) void load()
    else setStatus("")
  }, [props.visible])
  const created = (s: Schedule) => {
    setSchedules([...(schedules ?? []), s])
    setStatus(m.created(scheduleTitle(s)))
  }
  const changeStatus = async (s: Schedule, next: "active" | "paused") => {
    setBusy(s.id)
    try {
      const r = await call<Schedule>(`/schedules/${encodeURIComponent(s.id)}`, { method: "PATCH", body: { status: next } })
      if (!r.ok) return setStatus(r.error.message)
      setSchedules((schedules ?? []).map((x) => (x.id === s.id ? r.value : x)))
      setStatus(next === "paused" ? m.paused(scheduleTitle(s)) : m.resumed(scheduleTitle(s)))
    } finally {
      setBusy(null)
    }
  }
  const remove = async (s: Schedule) => {
    setBusy(s.id)
    try {
      const r = await call<undefined>(`/schedules/${encodeURIComponent(s.id)}`, { method: "DELETE" })
      if (!r.ok && r.status !== 404) return setStatus(r.error.message)
      setSchedules((schedules ?? []).filter((x) => x.id !== s.id))
      setStatus(m.removed(scheduleTitle(s)))
      listHeading.current?.focus()
    } finally {
      setBusy(null)
    }
  }
  // Nothing inside while hidden: the other views keep their labels to themselves (one "Timezone" field at a time).
  if (!props.visible) return <section id="schedules" class="view" hidden />
  return (
    <section id="schedules" class="view" aria-labelledby="schedules-title">
      <h2 id="schedules-title">{m.heading}</h2>
      <p class="muted">{m.intro}</p>
      {props.org !== undefined && <ScheduleForm org={props.org} current={props.current} focusKey={props.focusKey} onCreated={created} />}
      <p id="schedules-status" class="status" role="status" aria-live="polite">{status}</p>
      <h3 id="schedule-list-title" ref={listHeading} tabIndex={-1}>{m.listHeading}</h3>
      {loadError !== "" && <p class="error" role="alert">{loadError}</p>}
      {schedules !== undefined && <ScheduleList me={props.me} schedules={schedules} busy={busy} onStatus={changeStatus} onDelete={remove} />}
    </section>
  )
}
