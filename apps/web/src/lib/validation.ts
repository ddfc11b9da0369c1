/**
 * Checks the settings form before anything is asked of the server, reporting every broken rule at once, each
 * under the field it concerns (the server applies the same rules, SPEC §3, and names one field per answer).
 */
import { t } from "../i18n/index.ts"
import { isDate } from "./dates.ts"

/** The run parameters as the form holds them (text, as typed). */
export interface FormValues {
  readonly from: string
  readonly to: string
  readonly timezone: string
  readonly minimum_duration_minutes: string
}

/** A message per field that breaks a rule; empty when the form may be sent. */
export type FieldErrors = Partial<Record<keyof FormValues, string>>

/** The first day with data (R26). */
export const earliestDate = "2019-08-28"

/** Whether the browser knows a timezone name. */
export const isTimezone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Every rule the values break, by field; `today` is the date in the form's timezone. */
export const validate = (values: FormValues, today: (zone: string) => string): FieldErrors => {
  const m = t().validation
  const errors: FieldErrors = {}
  const zone = values.timezone.trim()
  if (zone === "") errors.timezone = m.timezoneRequired
  else if (!isTimezone(zone)) errors.timezone = m.timezoneUnknown(zone)
  for (const field of ["from", "to"] as const) {
    const value = values[field].trim()
    if (value === "") errors[field] = m.dateRequired(field)
    else if (!isDate(value)) errors[field] = m.dateInvalid(field)
  }
  const from = values.from.trim()
  const to = values.to.trim()
  if (errors.from === undefined && from < earliestDate) errors.from = m.fromTooEarly(earliestDate)
  if (errors.from === undefined && errors.to === undefined && to < from) errors.to = m.toBeforeFrom
  if (errors.to === undefined && errors.timezone === undefined && to > today(zone)) errors.to = m.toInFuture(today(zone), zone)
  const minimum = values.minimum_duration_minutes.trim()
  if (minimum !== "") {
    if (!/^\d+(?:\.\d+)?$/.test(minimum)) errors.minimum_duration_minutes = m.minimumInvalid
    else if (Number(minimum) > 1440) errors.minimum_duration_minutes = m.minimumRange
  }
  return errors
}
