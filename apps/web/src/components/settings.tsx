/**
 * The settings form: organisation, scope, a period preset or custom dates, timezone and minimum. Every broken
 * rule shows at once under its field (the server's answer too, under the field it names).
 */
import { useEffect, useMemo, useState } from "preact/hooks"
import type { Me, Organisation } from "../api.ts"
import { t } from "../i18n/index.ts"
import { dateIn, presetOf, presetRange, type Preset } from "../lib/dates.ts"
import { validate, type FieldErrors, type FormValues } from "../lib/validation.ts"

/** What Generate runs: the form's values and the scope. */
export interface RunSettings extends FormValues { readonly clinic_id: string }

const zones = (): ReadonlyArray<string> => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [])
const presets: ReadonlyArray<Exclude<Preset, "custom">> = ["last7", "lastMonth", "thisMonth"]

const Field = (props: { readonly id: string; readonly field: keyof FormValues; readonly label: string; readonly errors: FieldErrors; readonly children: (invalid: boolean) => preact.ComponentChildren }) => (
  <div class={`field field-${props.id}`}>
    <label for={props.id}>{props.label}</label>
    {props.children(props.errors[props.field] !== undefined)}
    <p class="error" id={`${props.field}-error`} role="alert">{props.errors[props.field] ?? ""}</p>
  </div>
)

/** The form; `serverErrors` are the server's answer to the last Generate. */
export const Settings = (props: {
  readonly me: Me
  readonly org: Organisation
  readonly onOrg: (id: string) => void
  readonly busy: boolean
  readonly serverErrors: FieldErrors & { readonly form?: string }
  readonly onGenerate: (settings: RunSettings) => void
  /** Told the values whenever they change (what "Send this every…" starts from). */
  readonly onChange?: (settings: RunSettings) => void
}) => {
  const m = t().settings
  const { org } = props
  const todayIn = (zone: string) => dateIn(Date.now(), zone)
  const [values, setValues] = useState<RunSettings>(() => ({ ...presetRange("thisMonth", todayIn(org.default_timezone)), timezone: org.default_timezone, minimum_duration_minutes: String(org.default_minimum_duration_minutes), clinic_id: org.organisation_reports ? "" : (org.clinics[0]?.id ?? "") }))
  const [errors, setErrors] = useState<FieldErrors>({})
  useEffect(() => {
    setValues((v) => ({ ...v, timezone: org.default_timezone, minimum_duration_minutes: String(org.default_minimum_duration_minutes), clinic_id: org.organisation_reports ? "" : (org.clinics[0]?.id ?? "") }))
  }, [org.id])
  useEffect(() => setErrors(props.serverErrors), [props.serverErrors])
  useEffect(() => props.onChange?.(values), [values])
  const zoneList = useMemo(zones, [])
  const today = () => todayIn(values.timezone.trim() === "" ? org.default_timezone : values.timezone.trim())
  const preset = presetOf(values, (() => { try { return today() } catch { return "" } })())
  const set = (key: keyof RunSettings) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value
    setValues((v) => ({ ...v, [key]: value }))
  }
  const choose = (p: Preset) => { if (p !== "custom") setValues((v) => ({ ...v, ...presetRange(p, today()) })) }
  const submit = (event: Event) => {
    event.preventDefault()
    const found = validate(values, (zone) => todayIn(zone))
    setErrors(found)
    if (Object.keys(found).length === 0) props.onGenerate(values)
  }
  const count = Object.keys(errors).length
  const input = (id: string, field: keyof FormValues, extra: Record<string, string>) => (invalid: boolean) => (
    <input id={id} name={field} value={values[field]} onInput={set(field)} aria-invalid={invalid ? "true" : undefined} aria-describedby={`${field}-error`} {...extra} />
  )
  return (
    <form id="settings" class="settings card" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <h2 id="settings-title" class="sr">{m.heading}</h2>
      <div class="field">
        <label for="organisation">{m.organisation}</label>
        <select id="organisation" value={org.id} onChange={(e) => props.onOrg(e.currentTarget.value)}>
          {props.me.organisations.map((o) => <option key={o.id} value={o.id}>{o.name ?? o.id}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="scope">{m.scope}</label>
        <select id="scope" value={values.clinic_id} onChange={set("clinic_id")}>
          {org.organisation_reports && <option value="">{m.wholeOrganisation}</option>}
          {org.clinics.map((c) => <option key={c.id} value={c.id}>{m.clinic(c.name ?? c.id)}</option>)}
        </select>
      </div>
      <fieldset class="presets">
        <legend>{m.period}</legend>
        {[...presets, "custom" as const].map((p) => (
          <label key={p} class={preset === p ? "chip selected" : "chip"}>
            <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => choose(p)} />
            {m.presets[p]}
          </label>
        ))}
      </fieldset>
      <Field id="from" field="from" label={m.from} errors={errors}>{input("from", "from", { type: "date", required: "" })}</Field>
      <Field id="to" field="to" label={m.to} errors={errors}>{input("to", "to", { type: "date", required: "" })}</Field>
      <Field id="timezone" field="timezone" label={m.timezone} errors={errors}>{input("timezone", "timezone", { list: "zones", autocomplete: "off" })}</Field>
      <datalist id="zones">{zoneList.map((z) => <option key={z} value={z} />)}</datalist>
      <Field id="minimum" field="minimum_duration_minutes" label={m.minimum} errors={errors}>{input("minimum", "minimum_duration_minutes", { inputmode: "decimal" })}</Field>
      <div class="actions">
        <button type="submit" id="generate" class="primary" disabled={props.busy}>{props.busy ? m.generating : m.generate}</button>
      </div>
      <p class="error form-error" id="form-error" role="alert">{props.serverErrors.form ?? (count > 1 ? t().validation.summary(count) : "")}</p>
    </form>
  )
}
