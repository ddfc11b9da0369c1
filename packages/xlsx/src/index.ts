/** @vcr/xlsx: the XLSX renderer of vcr reports (typed data sheets, field descriptions, injection-safe text). */
export { defaultMaxRowsPerSheet, writeWorkbookToStream } from "./workbook.ts"
export type { WorkbookInput, WorkbookSummary } from "./workbook.ts"
export { InvalidCellValue } from "./invalid-cell-value.ts"
export { maxCellLength, safeText, truncationMarker } from "./safe-text.ts"
export { SheetNames, validSheetName } from "./sheet-names.ts"
export { dateFormat, dateTimeFormat, durationFormat } from "./column-format.ts"
