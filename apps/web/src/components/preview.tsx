/**
 * A report's first rows (SPEC §11.2) in a modal dialog, before anything is downloaded: the columns' headers
 * with their descriptions on hover and focus, the rows as the workbook shows them, and how many rows there are.
 */
import { useEffect, useRef, useState } from "preact/hooks"
import { call, orgPath, query, type Preview as PreviewDoc } from "../api.ts"
import { t } from "../i18n/index.ts"
import { cellText } from "../lib/cells.ts"
import { InfoTip } from "./info.tsx"

/** A row's cell by its column's key: each report's rows have their own typed shape; the page reads them through the keys its columns list. */
const cellOf = (row: object, key: string): unknown => (row as Readonly<Record<string, unknown>>)[key]

/** The dialog for `report`; closing it calls `onClose`. */
export const Preview = (props: { readonly org: string; readonly report: string; readonly title: string; readonly params: Readonly<Record<string, string>>; readonly onClose: () => void }) => {
  const m = t().preview
  const dialog = useRef<HTMLDialogElement>(null)
  const [doc, setDoc] = useState<PreviewDoc | undefined>(undefined)
  const [error, setError] = useState("")
  useEffect(() => {
    dialog.current?.showModal()
    let live = true
    void call<PreviewDoc>(orgPath(props.org, `/reports/${props.report}/preview?${query({ ...props.params, limit: "50" })}`)).then((r) => {
      if (!live) return
      if (r.ok) setDoc(r.value)
      else setError(r.error.message)
    })
    return () => { live = false }
  }, [props.org, props.report])
  return (
    <dialog ref={dialog} class="preview" aria-labelledby="preview-title" onClose={props.onClose}>
      <header class="dialog-head">
        <h2 id="preview-title">{m.heading(props.title)}</h2>
        <form method="dialog"><button type="submit" class="ghost">{m.close}</button></form>
      </header>
      {doc === undefined && error === "" && <p role="status">{m.loading}</p>}
      {error !== "" && <p class="error" role="alert">{error}</p>}
      {doc !== undefined && (
        <>
          <p class="muted" role="status">{doc.rows.length === 0 ? m.none : m.shown(doc.rows.length, doc.total_rows)}</p>
          {doc.rows.length > 0 && (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={props.title}>
              <table class="data">
                <thead>
                  <tr>{doc.columns.map((c) => <th key={c.key} scope="col" data-key={c.key}><span>{c.header}</span><InfoTip label={m.columnInfo(c.header)} text={c.description} /></th>)}</tr>
                </thead>
                <tbody>
                  {doc.rows.map((row, i) => (
                    <tr key={i}>{doc.columns.map((c) => <td key={c.key} class={c.type === "integer" || c.type === "seconds" ? "num" : undefined}>{cellText(c.type, cellOf(row, c.key))}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </dialog>
  )
}
