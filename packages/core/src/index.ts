/** @vcr/core: the report semantics of vcr as pure typed functions. */
export * as Column from "./Column.ts"
export type { Cell, ColumnKind, Row } from "./Column.ts"
export * as Report from "./Report.ts"
export type { Category, ParametersJson, RenderContext, ReportDefinition, ReportId } from "./Report.ts"
