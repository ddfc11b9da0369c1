/**
 * The OpenAPI schemas of the reports, from core's typed definitions: one row schema per report (fixed columns,
 * bandwidth columns when the report has them, `tag:<key>` columns) and the JSON download document around it.
 */
import { Definitions, Report, reportIds, type Column, type ReportId } from "@vcr/core"

/** A reference to a schema of the document's components. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** Schema name of a report's row ("ConsultationsRow"). */
const rowName = (id: ReportId) => `${id.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}Row`

/** A cell of a column kind as JSON shows it (instants as ISO text with offset, R69); null when blank. */
const cellSchema = (kind: Column.ColumnKind, description: string): object => ({ ...cellType(kind, description), "x-vcr-kind": kind })

const cellType = (kind: Column.ColumnKind, description: string): object => {
  switch (kind) {
    case "string":
      return { type: ["string", "null"], description }
    case "integer":
      return { type: ["integer", "null"], description }
    case "seconds":
      return { type: ["integer", "null"], minimum: 0, description: `${description} (whole seconds)` }
    case "instant":
      return { type: ["string", "null"], format: "date-time", description }
    case "date":
      return { type: ["string", "null"], format: "date", description }
    case "boolean":
      return { type: ["boolean", "null"], description }
  }
}

/**
 * A report's row: every fixed column (always present, null when blank), the six bandwidth columns when the
 * report has them and the organisation shows them, one `tag:<key>` column per configured tag; nothing else.
 */
const rowSchema = (id: ReportId) => {
  const definition = Definitions.reports[id]
  const fixed = Definitions.byId(id)
  const bandwidth = definition.bandwidth
    ? Report.resolve(definition, { bandwidth: true, tags: [] }).columns.filter((c) => (Report.bandwidthKeys as ReadonlyArray<string>).includes(c.key))
    : []
  return {
    type: "object",
    description:
      `${fixed.title}: ${fixed.grain}.` +
      (definition.bandwidth ? " The bandwidth columns are present when the organisation's configuration shows them." : "") +
      (definition.tags ? " One `tag:<key>` column per tag of the organisation's configuration follows." : ""),
    properties: Object.fromEntries([
      ...fixed.columns.map((c) => [c.key, cellSchema(c.type, `${c.header}: ${c.description}`)]),
      ...bandwidth.map((c) => [c.key, cellSchema(c.type, `${c.header}: ${c.description}`)])
    ]),
    required: fixed.columns.map((c) => c.key),
    ...(definition.tags ? { patternProperties: { "^tag:": { type: ["string", "null"], description: "A reporting tag's value; blank if not set" } } } : {}),
    additionalProperties: false
  }
}

const columnKinds: ReadonlyArray<Column.ColumnKind> = ["string", "integer", "seconds", "instant", "date", "boolean"]

/** The JSON download of one report: what was run, its columns and its rows (R70). */
const documentSchema = (id: ReportId) => ({
  type: "object",
  properties: {
    report: { type: "string", const: id },
    title: { type: "string" },
    parameters: ref("RunParameters"),
    generated_at: { type: "string", format: "date-time" },
    columns: {
      type: "array",
      items: {
        type: "object",
        properties: { key: { type: "string" }, header: { type: "string" }, type: { type: "string", enum: [...columnKinds] }, description: { type: "string" } },
        required: ["key", "header", "type", "description"],
        additionalProperties: false
      }
    },
    rows: { type: "array", items: ref(rowName(id)) }
  },
  required: ["report", "title", "parameters", "generated_at", "columns", "rows"],
  additionalProperties: false
})

const documentName = (id: ReportId) => rowName(id).replace(/Row$/, "Document")
const previewName = (id: ReportId) => rowName(id).replace(/Row$/, "Preview")

/** A report's preview (SPEC §11.2): the JSON download's shape holding the first rows only, plus `total_rows`. */
const previewSchema = (id: ReportId) => {
  const document = documentSchema(id)
  return {
    ...document,
    description: "The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report.",
    properties: { ...document.properties, total_rows: { type: "integer", minimum: 0, description: "Rows of the full report (exact)" } },
    required: [...document.required, "total_rows"]
  }
}

/** The row, document and preview schemas of every report, by schema name. */
export const reportSchemas = (): Record<string, object> => ({
  ...Object.fromEntries(reportIds.map((id) => [rowName(id), rowSchema(id)])),
  ...Object.fromEntries(reportIds.map((id) => [documentName(id), documentSchema(id)])),
  ...Object.fromEntries(reportIds.map((id) => [previewName(id), previewSchema(id)]))
})

/** The JSON download of any report. */
export const reportDocumentRefs = () => reportIds.map((id) => ref(documentName(id)))

/** The preview of any report. */
export const reportPreviewRefs = () => reportIds.map((id) => ref(previewName(id)))
