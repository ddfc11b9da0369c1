/**
 * History (SPEC §9): the caller's entries of the last 24 hours, times in the organisation's timezone with the
 * zone named, and — opened from an emailed link — that one entry with its download.
 */
import { useEffect, useState } from "preact/hooks"
import { call, type HistoryEntry } from "../api.ts"
import { t } from "../i18n/index.ts"
import { formatInstant } from "../lib/dates.ts"
import { said } from "../lib/format.ts"

const downloadable = (e: HistoryEntry) => e.status === "ready" || (e.status === "failed" && e.size !== null)

/** The entry an emailed link points at. */
export const LinkedEntry = ({ id }: { readonly id: string }) => {
  const m = t().history
  const [text, setText] = useState<{ message: string; entry?: HistoryEntry } | undefined>(undefined)
  useEffect(() => {
    void call<HistoryEntry>(`/history/${encodeURIComponent(id)}`).then((r) => {
      if (r.ok) setText({ message: `${m.entry(r.value.title, r.value.parameters.from, r.value.parameters.to, said(m.statuses, r.value.status))}${r.value.error ? ` (${r.value.error})` : ""}. `, entry: r.value })
      else setText({ message: r.status === 410 ? m.expired : m.notFound })
    })
  }, [id])
  if (text === undefined) return null
  return (
    <div id="linked-entry" class="notice" role="status">
      {text.message}
      {text.entry !== undefined && downloadable(text.entry) && <a class="button primary small" href={text.entry.file_url}>{m.download}</a>}
    </div>
  )
}

/** The History view; reloads whenever it is shown. */
export const History = (props: { readonly visible: boolean; readonly timezone: string; readonly linked: string | null }) => {
  const m = t().history
  const [entries, setEntries] = useState<ReadonlyArray<HistoryEntry> | undefined>(undefined)
  useEffect(() => {
    if (!props.visible) return
    void call<{ entries: ReadonlyArray<HistoryEntry> }>("/history").then((r) => setEntries(r.ok ? r.value.entries : []))
  }, [props.visible])
  return (
    <section id="history" class="view" aria-labelledby="history-title" hidden={!props.visible}>
      <h2 id="history-title">{m.heading}</h2>
      {props.linked !== null && <LinkedEntry id={props.linked} />}
      {entries !== undefined && entries.length === 0 && <p id="history-empty" class="empty-state">{m.empty}</p>}
      {entries !== undefined && entries.length > 0 && (
        <div class="card table-card">
          <table class="data history">
            <thead>
              <tr>
                <th scope="col">{m.report}</th><th scope="col">{m.range}</th><th scope="col">{m.requested(props.timezone)}</th>
                <th scope="col">{m.delivery}</th><th scope="col">{m.status}</th><th scope="col"><span class="sr">{m.action}</span></th>
              </tr>
            </thead>
            <tbody id="history-rows">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td data-label={m.report}>{e.title}{e.clinic_id ? ` (${e.clinic_id})` : ""}</td>
                  <td data-label={m.range}>{`${e.parameters.from} – ${e.parameters.to} ${e.parameters.timezone}`}</td>
                  <td data-label={m.requested(props.timezone)}><time dateTime={e.requested_at}>{formatInstant(e.requested_at, props.timezone, t().locale)}</time></td>
                  <td data-label={m.delivery}>{said(m.deliveries, e.delivery)}</td>
                  <td data-label={m.status}><span class={`status-pill ${e.status}`}>{said(m.statuses, e.status)}</span></td>
                  <td>{e.status === "ready" && <a href={e.file_url} aria-label={m.again(e.title)}>{m.download}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
