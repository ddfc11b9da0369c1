/** The organisation's reporting configuration (tags, bandwidth columns, defaults), for those who may edit it. */
import { useEffect, useState } from "preact/hooks"
import { call, orgPath, type Configuration as Config } from "../api.ts"
import { t } from "../i18n/index.ts"

const fields = ["tags", "default_timezone", "default_minimum_duration_minutes"] as const

/** The configuration view. */
export const Configuration = (props: { readonly visible: boolean; readonly org: string }) => {
  const m = t().configuration
  const [tags, setTags] = useState("")
  const [bandwidth, setBandwidth] = useState(false)
  const [zone, setZone] = useState("")
  const [minimum, setMinimum] = useState("")
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState("")
  useEffect(() => {
    if (!props.visible) return
    void call<Config>(orgPath(props.org, "/reporting-configuration")).then((r) => {
      if (!r.ok) return
      setTags(r.value.tags.map((tag) => `${tag.key} = ${tag.label}`).join("\n"))
      setBandwidth(r.value.bandwidth_columns)
      setZone(r.value.default_timezone ?? "")
      setMinimum(r.value.default_minimum_duration_minutes === null ? "" : String(r.value.default_minimum_duration_minutes))
    })
  }, [props.visible, props.org])
  const save = async (event: Event) => {
    event.preventDefault()
    setErrors({})
    setStatus("")
    const parsed = tags.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
      const [key = "", ...rest] = l.split("=")
      return { key: key.trim(), label: rest.join("=").trim() || key.trim() }
    })
    const body = { tags: parsed, bandwidth_columns: bandwidth, default_timezone: zone.trim() || null, default_minimum_duration_minutes: minimum.trim() === "" ? null : Number(minimum) }
    const r = await call<Config>(orgPath(props.org, "/reporting-configuration"), { method: "PUT", body })
    if (r.ok) return setStatus(m.saved)
    if (r.error.field !== null && (fields as ReadonlyArray<string>).includes(r.error.field)) setErrors({ [r.error.field]: r.error.message })
    else setStatus(r.error.message)
  }
  const error = (field: string) => <p class="error" id={`${field}-error`} role="alert">{errors[field] ?? ""}</p>
  return (
    <section id="configuration" class="view" aria-labelledby="configuration-title" hidden={!props.visible}>
      <h2 id="configuration-title">{m.heading}</h2>
      <form id="configuration-form" class="card stacked" onSubmit={save} noValidate>
        <div class="field"><label for="config-tags">{m.tags}</label><textarea id="config-tags" rows={4} value={tags} onInput={(e) => setTags(e.currentTarget.value)} aria-describedby="tags-error" />{error("tags")}</div>
        <div class="field check"><input id="config-bandwidth" type="checkbox" checked={bandwidth} onChange={(e) => setBandwidth(e.currentTarget.checked)} /><label for="config-bandwidth">{m.bandwidth}</label></div>
        <div class="field"><label for="config-timezone">{m.timezone}</label><input id="config-timezone" list="zones" value={zone} onInput={(e) => setZone(e.currentTarget.value)} aria-describedby="default_timezone-error" />{error("default_timezone")}</div>
        <div class="field"><label for="config-minimum">{m.minimum}</label><input id="config-minimum" inputmode="decimal" value={minimum} onInput={(e) => setMinimum(e.currentTarget.value)} aria-describedby="default_minimum_duration_minutes-error" />{error("default_minimum_duration_minutes")}</div>
        <div class="actions"><button type="submit" class="primary">{m.save}</button></div>
        <p id="configuration-status" role="status">{status}</p>
      </form>
    </section>
  )
}
