/**
 * The JSON API of SPEC §10 as the page uses it: typed answers, the CSRF header from its cookie, and errors as
 * `{code, message, field}` whatever went wrong.
 */
import { t } from "./i18n/index.ts"

import type { components } from "../generated/api.ts"

/** The API's schemas, generated from its OpenAPI document (apps/api/scripts/web-api-types.ts). */
type Schemas = components["schemas"]
export type Me = Schemas["Me"]
export type Organisation = Me["organisations"][number]
export type Clinic = Organisation["clinics"][number]
export type Summary = Schemas["Summary"]
export type Tile = Summary["tiles"][number]
export type Category = Tile["category"]
export type Trends = Schemas["Trends"]
export type Bucket = Trends["buckets"][number]
export type TrendFigures = Bucket["figures"]
export type Granularity = Trends["granularity"]
export type Preview =
  | Schemas["OrganisationsPreview"] | Schemas["ClinicsPreview"] | Schemas["ServiceProvidersPreview"]
  | Schemas["ServiceProviderSummaryPreview"] | Schemas["RoomCallsPreview"] | Schemas["ConsultationsPreview"]
export type Column = Preview["columns"][number]
export type HistoryEntry = Schemas["HistoryEntry"]
export type Configuration = Schemas["ReportingConfiguration"]
export type Schedule = Schemas["Schedule"]
export type ApiError = Schemas["Error"]["error"]

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
