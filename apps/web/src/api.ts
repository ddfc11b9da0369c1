/**
 * The JSON API of SPEC §10 as the page uses it: typed answers, the CSRF header from its cookie, and errors as
 * `{code, message, field}` whatever went wrong.
 */
import { t } from "./i18n/index.ts"

export interface Clinic { readonly id: string; readonly name: string | null }
export interface Organisation {
  readonly id: string
  readonly name: string | null
  readonly roles: ReadonlyArray<string>
  readonly organisation_reports: boolean
  readonly edit_configuration: boolean
  readonly default_timezone: string
  readonly default_minimum_duration_minutes: number
  readonly clinics: ReadonlyArray<Clinic>
}
export interface Me {
  readonly user: { readonly id: string; readonly name: string | null; readonly email: string | null }
  readonly organisations: ReadonlyArray<Organisation>
}
export type Category = "entities" | "roles" | "activities"
export interface Tile {
  readonly report: string
  readonly category: Category
  readonly title: string
  readonly figures: Readonly<Record<string, number | null>>
}
export interface Summary { readonly tiles: ReadonlyArray<Tile> }
export interface TrendFigures {
  readonly consultations: number
  readonly consultation_duration: number
  readonly abandoned: number
  readonly transferred: number
  readonly average_wait_duration: number | null
  readonly p90_wait_duration: number | null
  readonly room_calls: number
  readonly room_call_duration: number
}
export interface Bucket { readonly start: string; readonly end: string; readonly figures: TrendFigures }
export type Granularity = "day" | "week" | "month"
export interface Trends {
  readonly granularity: Granularity
  readonly buckets: ReadonlyArray<Bucket>
  readonly totals: TrendFigures
  readonly previous: { readonly from: string; readonly to: string; readonly totals: TrendFigures }
  readonly clinics?: ReadonlyArray<{ readonly clinic_id: string; readonly clinic_name: string | null; readonly buckets: ReadonlyArray<Bucket> }>
}
export interface Column { readonly key: string; readonly header: string; readonly type: string; readonly description: string }
export interface Preview {
  readonly title: string
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<Record<string, unknown>>
  readonly total_rows: number
}
export interface HistoryEntry {
  readonly id: string
  readonly title: string
  readonly clinic_id: string | null
  readonly parameters: { readonly from: string; readonly to: string; readonly timezone: string }
  readonly requested_at: string
  readonly delivery: string
  readonly status: string
  readonly error?: string | null
  readonly size: number | null
  readonly file_url: string
}
export interface Configuration {
  readonly tags: ReadonlyArray<{ readonly key: string; readonly label: string }>
  readonly bandwidth_columns: boolean
  readonly default_timezone: string | null
  readonly default_minimum_duration_minutes: number | null
}
export interface ApiError { readonly code: string; readonly message: string; readonly field: string | null }

/** An answer: the body, or the error with the status. */
export type Result<T> = { readonly ok: true; readonly value: T; readonly response: Response } | { readonly ok: false; readonly status: number; readonly error: ApiError; readonly response: Response }

const csrf = (): string => {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("vcr_csrf="))
  return cookie === undefined ? "" : decodeURIComponent(cookie.slice("vcr_csrf=".length))
}

/** The error of a failed answer (a generic one when its body is not the API's error shape). */
export const errorOf = async (res: Response): Promise<ApiError> => {
  try {
    const body = (await res.json()) as { error?: ApiError }
    if (body.error !== undefined) return body.error
  } catch { /* not JSON */ }
  return { code: "error", message: t().errors.requestFailed(res.status), field: null }
}

/** The event the page hears when the session has ended (expired or signed out elsewhere): it shows the sign-in form. */
export const signedOutEvent = "vcr:signed-out"

/** A raw request to the API under /api/v1 (JSON body when given); a 401 also tells the page that the session has ended. */
export const request = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> => {
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": csrf(), ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
  })
  if (response.status === 401) window.dispatchEvent(new Event(signedOutEvent))
  return response
}

/** A request whose answer is JSON of type T. */
export const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<Result<T>> => {
  const response = await request(path, init)
  if (!response.ok) return { ok: false, status: response.status, error: await errorOf(response), response }
  const value = response.status === 204 ? (undefined as T) : ((await response.json()) as T)
  return { ok: true, value, response }
}

/** The query string of run parameters (blank values left out). */
export const query = (params: Readonly<Record<string, string>>): string =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString()

/** The path of an organisation's resource. */
export const orgPath = (org: string, rest: string): string => `/organisations/${encodeURIComponent(org)}${rest}`
