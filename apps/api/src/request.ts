/**
 * Reading requests: the JSON body parser, the check for unknown fields, and the run parameters of SPEC §10
 * from a query or a body (wrong types are 400s naming the field; the values are validated by core).
 */
import { Permissions, type Actor, type ReportId, type RunInput } from "@vcr/core"
import express, { type RequestHandler } from "express"
import { BadRequest, UnsupportedMediaType } from "./errors.ts"
import { runParameterSpecs } from "./schemas.ts"

/** The Content-Encodings a JSON body may use (small bodies: nothing else is worth a decompressor's risk). */
const bodyEncodings = ["identity", "gzip", "deflate"]

const parseJson = express.json({ limit: "16kb", strict: true })

/** Whether the request carries a body (an empty one counts as none, so a bare POST takes the defaults). */
const hasBody = (headers: Record<string, string | Array<string> | undefined>): boolean =>
  headers["transfer-encoding"] !== undefined || (headers["content-length"] !== undefined && headers["content-length"] !== "0")

/** The path of the first string holding a NUL character (U+0000), which no text in vcr may contain (import rejects it too). */
const nulPath = (value: unknown, path = ""): string | undefined => {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined
  if (typeof value !== "object" || value === null) return undefined
  for (const [key, v] of Object.entries(value)) {
    if (key.includes("\u0000")) return path
    const found = nulPath(v, path === "" ? key : `${path}.${key}`)
    if (found !== undefined) return found
  }
  return undefined
}

/** Rejects a NUL anywhere in `value` (a body or a query) with a 400 naming the field. */
export const rejectNul = (value: unknown): void => {
  const path = nulPath(value)
  if (path !== undefined) {
    throw new BadRequest({ code: "invalid_text", message: `${path === "" ? "the request" : path} must not contain the NUL character (U+0000)`, field: path === "" ? null : path })
  }
}

/**
 * JSON bodies: small, objects and arrays only, in `application/json` (any other media type is a 415, never
 * ignored; an unknown charset or Content-Encoding is a 415 from the parser); no NUL in any string.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (hasBody(req.headers) && req.is("application/json") !== "application/json") {
    return next(new UnsupportedMediaType({ message: "send the request body as application/json" }))
  }
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase()
  if (!bodyEncodings.includes(encoding)) {
    return next(new UnsupportedMediaType({ message: `the request body's Content-Encoding must be ${bodyEncodings.join(", ")}` }))
  }
  parseJson(req, res, (error?: unknown) => {
    if (error !== undefined) return next(error)
    try {
      rejectNul(req.body)
    } catch (e) {
      return next(e)
    }
    next()
  })
}

/** Throws for the first key of `source` not in `allowed` (`what` completes "<key> is not ..."). */
export const rejectUnknown = (source: Record<string, unknown>, allowed: ReadonlyArray<string>, what = "a parameter of this request") => {
  for (const key of Object.keys(source)) {
    if (!allowed.includes(key)) throw new BadRequest({ code: "unknown_field", message: `${key} is not ${what}`, field: key })
  }
}

/** A text field of a query or body: undefined when absent (or null), a 400 naming the field when not a string. */
export const textField = (source: Record<string, unknown>, key: string): string | undefined => {
  const v = source[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "string") throw new BadRequest({ code: "invalid_type", message: `${key} must be a string`, field: key })
  return v
}

/** The names of the run parameters. */
export const runKeys = Object.keys(runParameterSpecs)

/** Reads run parameters from a query or JSON body (only `allowed` keys). */
export const runParameters = (source: Record<string, unknown>, allowed: ReadonlyArray<string>) => {
  rejectUnknown(source, allowed)
  const text = (key: string) => textField(source, key)
  const minimum = source.minimum_duration_minutes
  if (minimum !== undefined && minimum !== null && typeof minimum !== "string" && typeof minimum !== "number") {
    throw new BadRequest({ code: "invalid_type", message: "minimum_duration_minutes must be a number of minutes", field: "minimum_duration_minutes" })
  }
  return {
    from: text("from"),
    to: text("to"),
    timezone: text("timezone"),
    minimumDurationMinutes: minimum === null ? undefined : (minimum as string | number | undefined),
    clinicId: text("clinic_id") ?? null,
    format: text("format"),
    locale: text("locale")
  }
}

/** Run parameters as read from a request. */
export type RunParameters = ReturnType<typeof runParameters>

/** Core's run input; the organisations report at organisation level also lists the other reportable ones. */
export const runInput = (actor: Actor, organisationId: string, report: ReportId | null, p: RunParameters): RunInput => ({
  organisationIds:
    report === "organisations" && p.clinicId === null
      ? [organisationId, ...Permissions.reportableOrganisations(actor).filter((id) => id !== organisationId)]
      : [organisationId],
  clinicId: p.clinicId,
  from: p.from,
  to: p.to,
  timezone: p.timezone,
  minimumDurationMinutes: p.minimumDurationMinutes,
  locale: p.locale
})

/**
 * Every API request: a path that does not decode (a malformed percent-encoding) or holds a NUL, or a query
 * holding a NUL, is a 400 before any route or database sees it; a NUL is not valid text on PostgreSQL.
 */
export const checkRequestText: RequestHandler = (req, _res, next) => {
  let path: string
  try {
    path = decodeURIComponent(req.path)
  } catch {
    return next(new BadRequest({ code: "malformed_encoding", message: "the request path has a malformed percent-encoding", field: null }))
  }
  if (path.includes("\u0000")) return next(new BadRequest({ code: "invalid_text", message: "the request path must not contain the NUL character (U+0000)", field: null }))
  try {
    rejectNul(req.query)
  } catch (e) {
    return next(e)
  }
  next()
}

/** Answers of the API and sign-in carry personal data or report files: no cache may keep them (issue 12). */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store")
  next()
}
