/**
 * The Reports view: settings, then for a short range the tiles with the trends under them; for a long range
 * (two months or more, R67) no tiles but the trends and each report's Email; an empty range says so.
 */
import { useEffect, useState } from "preact/hooks"
import { call, orgPath, query, type Me, type Organisation, type Summary, type Trends as TrendsDoc } from "../api.ts"
import { locale, t } from "../i18n/index.ts"
import type { FieldErrors } from "../lib/validation.ts"
import { isEmpty } from "../lib/series.ts"
import { ReportActions, type ActionContext } from "./actions.tsx"
import { Preview } from "./preview.tsx"
import { Settings, type RunSettings } from "./settings.tsx"
import { Tiles } from "./tiles.tsx"
import { Trends } from "./trends.tsx"


const scopeName = (org: Organisation, clinic: string) => {
  const name = org.name ?? org.id
  const c = org.clinics.find((x) => x.id === clinic)
  return c === undefined ? `${name} · ${t().settings.wholeOrganisation}` : `${name} · ${c.name ?? c.id}`
}

interface Outcome {
  readonly params: Readonly<Record<string, string>>
  readonly summary?: Summary
  readonly long: boolean
  readonly trends?: TrendsDoc
  readonly trendsError?: string
}

/** The view; `org` is the chosen organisation. */
export const Reports = (props: {
  readonly me: Me
  readonly org: Organisation
  readonly onOrg: (id: string) => void
  readonly visible: boolean
  /** The settings as they change (the Schedules view starts from them), and "Send this every…". */
  readonly onSettings?: (settings: RunSettings) => void
  readonly onSchedule?: () => void
}) => {
  const m = t()
  const [busy, setBusy] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors & { form?: string }>({})
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined)
  const [status, setStatus] = useState("")
  const [open, setOpen] = useState<{ report: string; title: string } | undefined>(undefined)
  // Another organisation's settings start afresh: the last results were not for it.
  useEffect(() => {
    setOutcome(undefined)
    setServerErrors({})
  }, [props.org.id])
  const [last, setLast] = useState<RunSettings | undefined>(undefined)
  const generate = async (s: RunSettings) => {
    setLast(s)
    setBusy(true)
    setOutcome(undefined)
    setServerErrors({})
    setStatus(m.settings.generating)
    const params = { from: s.from.trim(), to: s.to.trim(), timezone: s.timezone.trim(), minimum_duration_minutes: s.minimum_duration_minutes.trim(), clinic_id: s.clinic_id, locale: locale() }
    try {
      const [tiles, trends] = await Promise.all([
        call<Summary>(orgPath(props.org.id, `/tiles?${query(params)}`)),
        call<TrendsDoc>(orgPath(props.org.id, `/trends?${query({ ...params, by: "clinic" })}`))
      ])
      const long = !tiles.ok && tiles.error.code === "range_too_long_for_tiles"
      if (!tiles.ok && !long) {
        const e = tiles.error
        setServerErrors(e.field !== null && ["from", "to", "timezone", "minimum_duration_minutes"].includes(e.field) ? { [e.field]: e.message } : { form: e.message })
        return
      }
      setOutcome({
        params, long,
        ...(tiles.ok ? { summary: tiles.value } : {}),
        ...(trends.ok ? { trends: trends.value } : { trendsError: trends.error.message })
      })
    } finally {
      setBusy(false)
      setStatus("")
    }
  }
  // Results carry the words of their locale (titles, files, emails): another language generates them again.
  useEffect(() => {
    if (last !== undefined && outcome !== undefined && outcome.params.locale !== locale()) void generate(last)
  }, [locale()])
  const ctx: ActionContext | undefined = outcome === undefined ? undefined : { org: props.org.id, params: outcome.params, email: props.me.user.email, onStatus: setStatus }
  const empty = outcome?.trends !== undefined && isEmpty(outcome.trends)
  return (
    <section id="reports" class="view" aria-label={m.nav.reports} hidden={!props.visible}>
      <Settings me={props.me} org={props.org} onOrg={props.onOrg} busy={busy} serverErrors={serverErrors} onGenerate={generate} {...(props.onSettings === undefined ? {} : { onChange: props.onSettings })} />
      {props.onSchedule !== undefined && <p class="schedule-this"><button type="button" id="send-every" class="ghost small" onClick={props.onSchedule}>{m.schedules.sendEvery}</button></p>}
      {props.me.organisations.length === 0 && <p class="error">{m.settings.noRoles}</p>}
      <p id="status" class="status" role="status" aria-live="polite">{status}</p>
      {outcome !== undefined && ctx !== undefined && (
        <div class="results">
          <p class="range-line">{m.tiles.range(scopeName(props.org, outcome.params.clinic_id!), outcome.params.from!, outcome.params.to!, outcome.params.timezone!)}</p>
          {outcome.long && (
            <div id="long-range" class="notice" role="status">
              <p>{m.longRange.notice}</p>
              <h3 class="small-heading">{m.longRange.reports}</h3>
              <ul class="long-list">
                {Object.entries(m.reportTitles).map(([id, title]) => <li key={id}><span>{title}</span><ReportActions report={id} title={title} long ctx={ctx} /></li>)}
              </ul>
            </div>
          )}
          {empty && (
            <div id="empty-range" class="empty-state" role="status">
              <h3>{m.empty.heading}</h3>
              <p>{m.empty.body(outcome.params.from!, outcome.params.to!)}</p>
            </div>
          )}
          {outcome.summary !== undefined && <Tiles summary={outcome.summary} trends={outcome.trends} ctx={ctx} onOpen={(report, title) => setOpen({ report, title })} />}
          {outcome.trends !== undefined && !empty && <Trends trends={outcome.trends} />}
          {outcome.trendsError !== undefined && <p class="notice" role="status">{m.trends.failed(outcome.trendsError)}</p>}
        </div>
      )}
      {open !== undefined && outcome !== undefined && (
        <Preview org={props.org.id} report={open.report} title={open.title} params={outcome.params} onClose={() => setOpen(undefined)} />
      )}
    </section>
  )
}
