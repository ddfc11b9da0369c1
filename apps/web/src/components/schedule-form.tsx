/**
 * "Send this every…": a schedule made from the current settings (report, scope, format, timezone, minimum, the
 * range rule and the recurrence). Every rule the page can tell shows at once under its field; the API's answer
 * shows under the field it names; focus goes to the first field to fix.
 */
import { useEffect, useRef, useState } from "preact/hooks"
import { call, type Organisation } from "../api.ts"
import { locale, t } from "../i18n/index.ts"
import { dateIn } from "../lib/dates.ts"
import { bodyOf, checkDraft, draftFrom, rangeKinds, recurrenceKinds, weekdays, type CurrentSettings, type Draft, type DraftErrors, type DraftField, type Schedule } from "../lib/schedules.ts"

const formats = ["xlsx", "csv", "json"] as const
const days = Array.from({ length: 28 }, (_, i) => String(i + 1))

/** The control that shows a field's error (and takes focus when it is the first to fix). */
const controlOf = (field: DraftField, d: Draft): string => {
  switch (field) {
    case "clinic_id": return "sched-scope"
    case "minimum_duration_minutes": return "sched-minimum"
    case "range": return d.rangeKind === "last_n_days" ? "sched-days" : "sched-range"
    case "recurrence": return d.kind === "cron" ? "sched-cron" : "sched-time"
    default: return `sched-${field}`
  }
}
const order: ReadonlyArray<DraftField> = ["report", "clinic_id", "format", "timezone", "minimum_duration_minutes", "range", "recurrence"]

const fallback = (org: Organisation): CurrentSettings => {
  const today = dateIn(Date.now(), org.default_timezone)
  return { from: `${today.slice(0, 8)}01`, to: today, timezone: org.default_timezone, minimum_duration_minutes: String(org.default_minimum_duration_minutes), clinic_id: org.organisation_reports ? "" : (org.clinics[0]?.id ?? "") }
}

/** The form; `focusKey` changing moves focus to its first field ("Send this every…" from the Reports view). */
export const ScheduleForm = (props: { readonly org: Organisation; readonly current: CurrentSettings | undefined; readonly focusKey: number; readonly onCreated: (s: Schedule) => void }) => {
  const m = t().schedules
  const { org } = props
  const start = () => {
    const s = props.current ?? fallback(org)
    return draftFrom(s, (() => { try { return dateIn(Date.now(), s.timezone.trim() || org.default_timezone) } catch { return "" } })())
  }
  const [draft, setDraft] = useState<Draft>(start)
  const [errors, setErrors] = useState<DraftErrors & { form?: string }>({})
  const [busy, setBusy] = useState(false)
  const first = useRef<HTMLSelectElement>(null)
  useEffect(() => { setDraft(start()); setErrors({}) }, [props.current, org.id])
  useEffect(() => { if (props.focusKey > 0) first.current?.focus() }, [props.focusKey])
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value })
  const focus = (found: DraftErrors) => {
    const field = order.find((f) => found[f] !== undefined)
    if (field !== undefined) setTimeout(() => document.getElementById(controlOf(field, draft))?.focus(), 0)
  }
  const submit = async (event: Event) => {
    event.preventDefault()
    const found = checkDraft(draft)
    setErrors(found)
    if (Object.keys(found).length > 0) return focus(found)
    setBusy(true)
    try {
      const r = await call<Schedule>("/schedules", { method: "POST", body: bodyOf(draft, org.id, locale()) })
      if (r.ok) return props.onCreated(r.value)
      const field = r.error.field as DraftField | null
      const shown: DraftErrors & { form?: string } = field !== null && order.includes(field) ? { [field]: r.error.message } : { form: r.error.message }
      setErrors(shown)
      focus(shown)
    } finally {
      setBusy(false)
    }
  }
  const described = (field: DraftField, hint?: string) => [hint, `sched-${field}-error`].filter(Boolean).join(" ")
  const invalid = (field: DraftField) => (errors[field] === undefined ? undefined : "true")
  const error = (field: DraftField) => <p class="error" id={`sched-${field}-error`} role="alert">{errors[field] ?? ""}</p>
  return (
    <form id="schedule-form" class="schedule-form card" onSubmit={submit} noValidate aria-labelledby="schedule-form-title">
      <h3 id="schedule-form-title">{m.sendEvery}</h3>
      <p class="muted form-note">{m.fromCurrent}</p>
      <div class="field">
        <label for="sched-report">{m.report}</label>
        <select id="sched-report" ref={first} value={draft.report} onChange={set("report")} aria-invalid={invalid("report")} aria-describedby={described("report")}>
          {Object.entries(t().reportTitles).map(([id, title]) => <option key={id} value={id}>{title}</option>)}
        </select>
        {error("report")}
      </div>
      <div class="field">
        <label for="sched-scope">{m.scope}</label>
        <select id="sched-scope" value={draft.clinic_id} onChange={set("clinic_id")} aria-invalid={invalid("clinic_id")} aria-describedby={described("clinic_id")}>
          {org.organisation_reports && <option value="">{t().settings.wholeOrganisation}</option>}
          {org.clinics.map((c) => <option key={c.id} value={c.id}>{t().settings.clinic(c.name ?? c.id)}</option>)}
        </select>
        {error("clinic_id")}
      </div>
      <div class="field">
        <label for="sched-format">{m.format}</label>
        <select id="sched-format" value={draft.format} onChange={set("format")} aria-invalid={invalid("format")} aria-describedby={described("format")}>
          {formats.map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
        </select>
        {error("format")}
      </div>
      <div class="field">
        <label for="sched-timezone">{m.timezone}</label>
        <input id="sched-timezone" list="zones" autocomplete="off" value={draft.timezone} onInput={set("timezone")} aria-invalid={invalid("timezone")} aria-describedby={described("timezone")} />
        {error("timezone")}
      </div>
      <div class="field">
        <label for="sched-minimum">{m.minimum}</label>
        <input id="sched-minimum" inputmode="decimal" value={draft.minimum} onInput={set("minimum")} aria-invalid={invalid("minimum_duration_minutes")} aria-describedby={described("minimum_duration_minutes", "sched-minimum-hint")} />
        <p class="hint" id="sched-minimum-hint">{m.minimumHint}</p>
        {error("minimum_duration_minutes")}
      </div>
      <div class="field">
        <label for="sched-range">{m.range}</label>
        <select id="sched-range" value={draft.rangeKind} onChange={set("rangeKind")} aria-invalid={draft.rangeKind === "last_n_days" ? undefined : invalid("range")} aria-describedby={described("range")}>
          {rangeKinds.map((k) => <option key={k} value={k}>{m.ranges[k]}</option>)}
        </select>
        {draft.rangeKind !== "last_n_days" && error("range")}
      </div>
      {draft.rangeKind === "last_n_days" && (
        <div class="field">
          <label for="sched-days">{m.days}</label>
          <input id="sched-days" inputmode="numeric" value={draft.days} onInput={set("days")} aria-invalid={invalid("range")} aria-describedby={described("range")} />
          {error("range")}
        </div>
      )}
      <div class="field">
        <label for="sched-kind">{m.repeat}</label>
        <select id="sched-kind" value={draft.kind} onChange={set("kind")}>
          {recurrenceKinds.map((k) => <option key={k} value={k}>{m.kinds[k]}</option>)}
        </select>
      </div>
      {draft.kind === "weekly" && (
        <div class="field">
          <label for="sched-weekday">{m.weekday}</label>
          <select id="sched-weekday" value={draft.weekday} onChange={set("weekday")}>
            {weekdays.map((d) => <option key={d} value={d}>{m.weekdays[d]}</option>)}
          </select>
        </div>
      )}
      {draft.kind === "monthly" && (
        <div class="field">
          <label for="sched-day">{m.dayOfMonth}</label>
          <select id="sched-day" value={draft.dayOfMonth} onChange={set("dayOfMonth")}>{days.map((d) => <option key={d} value={d}>{d}</option>)}</select>
        </div>
      )}
      {draft.kind === "cron" ? (
        <div class="field field-wide">
          <label for="sched-cron">{m.cron}</label>
          <input id="sched-cron" value={draft.cron} onInput={set("cron")} autocomplete="off" spellcheck={false} aria-invalid={invalid("recurrence")} aria-describedby={described("recurrence", "sched-cron-hint")} />
          <p class="hint" id="sched-cron-hint">{m.cronHint}</p>
          {error("recurrence")}
        </div>
      ) : (
        <div class="field">
          <label for="sched-time">{m.time}</label>
          <input id="sched-time" type="time" value={draft.time} onInput={set("time")} aria-invalid={invalid("recurrence")} aria-describedby={described("recurrence")} />
          {error("recurrence")}
        </div>
      )}
      <div class="actions">
        <button type="submit" id="schedule-create" class="primary" disabled={busy}>{busy ? m.creating : m.create}</button>
      </div>
      <p class="error form-error" id="schedule-form-error" role="alert">{errors.form ?? ""}</p>
    </form>
  )
}
