/**
 * Reading requests: the JSON body parser, the check for unknown fields, and the run parameters of SPEC §10
 * from a query or a body (wrong types are 400s naming the field; the values are validated by core).
 */
import { Permissions, type Actor, type ReportId, type RunInput } from "@vcr/core"
import express from "express"
import { BadRequest } from "./errors.ts"
import { runParameterSpecs } from "./openapi.ts"

/** JSON bodies: small, objects and arrays only. */
export const jsonBody = express.json({ limit: "16kb", strict: true })

/** Throws for the first key of `source` not in `allowed` (`what` completes "<key> is not ..."). */
export const rejectUnknown = (source: Record<string, unknown>, allowed: ReadonlyArray<string>, what = "a parameter of this request") => {
  for (const key of Object.keys(source)) {
    if (!allowed.includes(key)) throw new BadRequest({ code: "unknown_field", message: `${key} is not ${what}`, field: key })
  }
}

/** The names of the run parameters. */
export const runKeys = Object.keys(runParameterSpecs)

/** Reads run parameters from a query or JSON body (only `allowed` keys). */
export const runParameters = (source: Record<string, unknown>, allowed: ReadonlyArray<string>) => {
  rejectUnknown(source, allowed)
  const text = (key: string): string | undefined => {
    const v = source[key]
    if (v === undefined || v === null) return undefined
    if (typeof v !== "string") throw new BadRequest({ code: "invalid_type", message: `${key} must be a string`, field: key })
    return v
  }
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
    format: text("format")
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
  minimumDurationMinutes: p.minimumDurationMinutes
})
