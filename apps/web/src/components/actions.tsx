/** A report's actions: the format, Download (short ranges: generated while the user waits) and Email. */
import { useState } from "preact/hooks"
import { errorOf, orgPath, request } from "../api.ts"
import { t } from "../i18n/index.ts"

/** What a report action needs: the organisation, the run's parameters and where to say what happened. */
export interface ActionContext {
  readonly org: string
  readonly params: Readonly<Record<string, string>>
  readonly email: string | null
  readonly onStatus: (text: string) => void
}

const body = (ctx: ActionContext, format: string) => ({ ...Object.fromEntries(Object.entries(ctx.params).filter(([, v]) => v !== "")), format })

/** Format, Download and Email for one report. */
export const ReportActions = (props: { readonly report: string; readonly title: string; readonly long: boolean; readonly ctx: ActionContext }) => {
  const m = t().actions
  const [format, setFormat] = useState("xlsx")
  const [downloading, setDownloading] = useState(false)
  const [emailing, setEmailing] = useState(false)
  const { ctx, report, title } = props
  const download = async () => {
    setDownloading(true)
    ctx.onStatus(m.preparingReport(title))
    try {
      const res = await request(orgPath(ctx.org, `/reports/${report}/downloads`), { method: "POST", body: body(ctx, format) })
      if (!res.ok) return ctx.onStatus((await errorOf(res)).message)
      const blob = await res.blob()
      const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `${report}.${format}`
      const a = document.createElement("a")
      a.href = URL.createObjectURL(blob)
      a.download = name
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
      ctx.onStatus(m.downloaded(name))
    } finally {
      setDownloading(false)
    }
  }
  const email = async () => {
    setEmailing(true)
    try {
      const res = await request(orgPath(ctx.org, `/reports/${report}/emails`), { method: "POST", body: body(ctx, format) })
      ctx.onStatus(res.ok ? m.emailed(title, ctx.email ?? m.yourAddress) : (await errorOf(res)).message)
    } finally {
      setEmailing(false)
    }
  }
  return (
    <div class="row">
      <select aria-label={m.format(title)} value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
        {["xlsx", "csv", "json"].map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
      </select>
      {!props.long && (
        <button type="button" class={downloading ? "primary small busy" : "primary small"} disabled={downloading} aria-label={m.downloadLabel(title)} onClick={download}>
          {downloading ? m.preparing : m.download}
        </button>
      )}
      <button type="button" class="secondary small" disabled={emailing} aria-label={m.emailLabel(title)} onClick={email}>{m.email}</button>
    </div>
  )
}
