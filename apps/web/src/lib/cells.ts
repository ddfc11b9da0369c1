/**
 * How a report cell reads in the preview: the JSON report's value (SPEC §8) shown as the workbook shows it
 * (durations as h:mm:ss, booleans as Yes/No, instants as local date and time with their offset, blanks empty).
 */
import { t } from "../i18n/index.ts"
import { formatClock } from "./format.ts"

/** The text of one cell of a column of the given type. */
export const cellText = (type: string, value: unknown): string => {
  if (value === null || value === undefined) return ""
  switch (type) {
    case "seconds":
      return typeof value === "number" ? formatClock(value) : String(value)
    case "boolean":
      return value === true ? t().preview.yes : value === false ? t().preview.no : String(value)
    case "instant":
      return typeof value === "string" ? value.replace("T", " ").replace(/([+-]\d{2}:\d{2}|Z)$/, " $1") : String(value)
    default:
      return String(value)
  }
}
