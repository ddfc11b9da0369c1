/**
 * The caller's schedules: what each sends and when, the next five times in the schedule's own timezone, the last
 * run (a link to its history entry), the status with the paused reason, and Pause/Resume and Delete (which asks
 * once more, on the page, before deleting).
 */
import { useEffect, useRef, useState } from "preact/hooks"
import type { Me } from "../api.ts"
import { locales, t, type Locale } from "../i18n/index.ts"
import { formatCount, said } from "../lib/format.ts"
import { describeRange, describeRecurrence, formatOccurrence, type Schedule } from "../lib/schedules.ts"

/** Why a schedule is paused, in the page's words, from the API's stable code (a failed validation's detail stays the API's). */
const reasonText = (s: Schedule): string => {
  const m = t().schedules
  switch (s.paused_reason_code) {
    case "paused_by_owner": return m.pausedByOwner
    case "access_lost": return m.accessLost
    case "cannot_generate": return m.cannotGenerate((s.paused_reason ?? "").replace(/^paused: the report could not be generated: /, ""))
    default: return s.paused_reason ?? ""
  }
}

/** A schedule's report title in the page's words. */
export const scheduleTitle = (s: Schedule): string => (t().reportTitles as Record<string, string>)[s.report] ?? s.report

const LastRun = ({ run }: { readonly run: Schedule["last_run"] }) => {
  const m = t().schedules
  if (run === null) return <>{m.never}</>
  const words = [said(t().history.statuses, run.status), ...(run.late ? [m.late] : []), ...(run.skipped > 0 ? [m.skipped(run.skipped)] : [])]
  return (
    <>
      {words.join(", ")}
      {run.entry_id !== null && <>{" · "}<a href={`/history/${encodeURIComponent(run.entry_id)}`}>{m.openEntry}</a></>}
    </>
  )
}

/** One schedule; `onChange` sends a PATCH of its status, `onDelete` deletes it. */
const Item = (props: { readonly me: Me; readonly schedule: Schedule; readonly busy: boolean; readonly onStatus: (s: Schedule, status: "active" | "paused") => void; readonly onDelete: (s: Schedule) => void }) => {
  const m = t().schedules
  const { schedule: s } = props
  const [confirming, setConfirming] = useState(false)
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => { if (confirming) confirmButton.current?.focus() }, [confirming])
  const org = props.me.organisations.find((o) => o.id === s.organisation_id)
  const clinic = s.clinic_id === null ? undefined : org?.clinics.find((c) => c.id === s.clinic_id)
  const scope = s.clinic_id === null ? `${org?.name ?? s.organisation_id} · ${t().settings.wholeOrganisation}` : `${org?.name ?? s.organisation_id} · ${t().settings.clinic(clinic?.name ?? s.clinic_id)}`
  const title = scheduleTitle(s)
  const when = describeRecurrence(s.recurrence)
  const label = `${title} (${when})`
  const language = (locales as ReadonlyArray<string>).includes(s.locale) ? t().language.names[s.locale as Locale] : s.locale
  return (
    <li class="schedule card" data-schedule={s.id}>
      <div class="schedule-head">
        <h4 id={`schedule-${s.id}-title`}>{title}</h4>
        <span class={`status-pill ${s.status}`}>{m.statuses[s.status]}</span>
      </div>
      <p class="schedule-summary">{m.summary(when, describeRange(s.range))}</p>
      {s.status === "paused" && <p class="paused-reason">{reasonText(s)}</p>}
      <dl class="schedule-details">
        <div><dt>{m.details.scope}</dt><dd>{scope}</dd></div>
        <div><dt>{m.details.format}</dt><dd>{s.format.toUpperCase()}</dd></div>
        <div><dt>{m.details.timezone}</dt><dd>{s.timezone}</dd></div>
        <div><dt>{m.details.minimum}</dt><dd>{s.minimum_duration_minutes === null ? m.organisationDefault : m.minutes(formatCount(s.minimum_duration_minutes))}</dd></div>
        <div><dt>{m.details.language}</dt><dd lang={s.locale}>{language}</dd></div>
        <div><dt>{m.details.lastRun}</dt><dd class="last-run"><LastRun run={s.last_run} /></dd></div>
      </dl>
      <h5 id={`schedule-${s.id}-next`}>{m.next(s.timezone)}</h5>
      {s.next_occurrences.length === 0 ? <p class="muted">{m.noNext}</p> : (
        <ol class="next-times" aria-labelledby={`schedule-${s.id}-next`}>
          {s.next_occurrences.map((iso) => <li key={iso}><time dateTime={iso}>{formatOccurrence(iso, s.timezone)}</time></li>)}
        </ol>
      )}
      {confirming ? (
        <div key="confirm" class="row confirm" role="group" aria-label={m.confirmRemove(label)}>
          <p>{m.confirmRemove(label)}</p>
          <button type="button" class="danger small" disabled={props.busy} onClick={() => props.onDelete(s)} ref={confirmButton}>{m.confirm}</button>
          <button type="button" class="ghost small" onClick={() => setConfirming(false)}>{m.cancel}</button>
        </div>
      ) : (
        <div key="actions" class="row">
          {s.status === "active"
            ? <button type="button" class="secondary small" disabled={props.busy} aria-label={m.pauseLabel(label)} onClick={() => props.onStatus(s, "paused")}>{m.pause}</button>
            : <button type="button" class="secondary small" disabled={props.busy} aria-label={m.resumeLabel(label)} onClick={() => props.onStatus(s, "active")}>{m.resume}</button>}
          <button type="button" class="ghost small" disabled={props.busy} aria-label={m.removeLabel(label)} onClick={() => setConfirming(true)}>{m.remove}</button>
        </div>
      )}
    </li>
  )
}

/** The list (or the empty state). */
export const ScheduleList = (props: { readonly me: Me; readonly schedules: ReadonlyArray<Schedule>; readonly busy: string | null; readonly onStatus: (s: Schedule, status: "active" | "paused") => void; readonly onDelete: (s: Schedule) => void }) => {
  const m = t().schedules
  if (props.schedules.length === 0) return <p id="schedules-empty" class="empty-state">{m.empty}</p>
  return (
    <ul id="schedule-list" class="schedule-list">
      {props.schedules.map((s) => <Item key={s.id} me={props.me} schedule={s} busy={props.busy === s.id} onStatus={props.onStatus} onDelete={props.onDelete} />)}
    </ul>
  )
}
