/**
 * The fixed parts of the XLSX package (ECMA-376 Part 1 and 2) around the worksheets: content types, the
 * relationships, document properties, the workbook (sheets, views, defined names) and the style sheet. Each
 * is a few hundred bytes written once; the worksheets themselves stream (`sheet-xml`, `workbook`).
 */
import { escapeXmlText } from "./sheet-xml.ts"

const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

/** Text escaped for an XML attribute value in double quotes. */
const attribute = (text: string): string => escapeXmlText(text).replaceAll('"', "&quot;")

/** A workbook-level defined name (a sheet's `_xlnm._FilterDatabase`). */
export interface DefinedName {
  readonly name: string
  readonly localSheetId: number
  readonly ref: string
}

export const contentTypes = (sheetCount: number): string => {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
  ).join("")
  return (
    declaration +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    "</Types>"
  )
}

export const rootRelationships =
  declaration +
  `<Relationships xmlns="${packageRelationships}">` +
  `<Relationship Id="rId1" Type="${officeRelationships}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${packageRelationships}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${officeRelationships}/extended-properties" Target="docProps/app.xml"/>` +
  "</Relationships>"

/** Relationships of the workbook: the styles (rId1), then the sheets (rId2...). */
export const workbookRelationships = (sheetCount: number): string =>
  declaration +
  `<Relationships xmlns="${packageRelationships}">` +
  `<Relationship Id="rId1" Type="${officeRelationships}/styles" Target="styles.xml"/>` +
  Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 2}" Type="${officeRelationships}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
  ).join("") +
  "</Relationships>"

/** The sheets in order, the first one active, each data sheet's filter as a defined name. */
export const workbookXml = (sheetNames: ReadonlyArray<string>, definedNames: ReadonlyArray<DefinedName>): string => {
  const sheets = sheetNames.map((name, i) => `<sheet name="${attribute(name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join("")
  const names = definedNames
    .map((d) => `<definedName name="${d.name}" localSheetId="${d.localSheetId}">${escapeXmlText(d.ref).replaceAll("'", "&apos;")}</definedName>`)
    .join("")
  return (
    declaration +
    `<workbook xmlns="${main}" xmlns:r="${officeRelationships}">` +
    // Without a workbook view LibreOffice ignores every sheet's view, the frozen header included.
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="17600" firstSheet="0" activeTab="0"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    (names === "" ? "" : `<definedNames>${names}</definedNames>`) +
    '<calcPr calcId="171027"/>' +
    "</workbook>"
  )
}

/** Core properties: creator and times (W3CDTF, UTC). */
export const coreProperties = (creator: string, created: Date): string => {
  const at = created.toISOString().replace(/\.\d{3}Z$/, "Z")
  return (
    declaration +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXmlText(creator)}</dc:creator><cp:lastModifiedBy>${escapeXmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    "</cp:coreProperties>"
  )
}

/** Extended properties: the application and the sheet titles. */
export const appProperties = (application: string, sheetNames: ReadonlyArray<string>): string =>
  declaration +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  `<Application>${escapeXmlText(application)}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
  `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheetNames.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
  `<TitlesOfParts><vt:vector size="${sheetNames.length}" baseType="lpstr">${sheetNames.map((n) => `<vt:lpstr>${escapeXmlText(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
  "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>" +
  "</Properties>"

/** Excel's built-in number formats used here; others get ids from 164. */
const builtInFormats: Readonly<Record<string, number>> = { General: 0, "0": 1, "[h]:mm:ss": 46, "@": 49 }

/**
 * The cell formats (`<xf>`) of a workbook, registered as sheets need them: a number format, bold or not, and
 * `quotePrefix` or not (what Excel and LibreOffice set when a user types text starting with an apostrophe,
 * so formula-like text stays text when edited). Id 0 is the default format.
 */
export class Styles {
  readonly #formats = new Map<string, number>()
  readonly #xfs: Array<string> = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
  readonly #ids = new Map<string, number>()

  /** The id of the cell format: `numFmt` (an Excel format code), bold font, quote prefix. */
  id(numFmt: string, bold = false, quoted = false): number {
    let formatId = builtInFormats[numFmt] ?? this.#formats.get(numFmt)
    if (formatId === undefined) this.#formats.set(numFmt, (formatId = 164 + this.#formats.size))
    const xf =
      `<xf${quoted ? ' quotePrefix="1"' : ""} numFmtId="${formatId}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"` +
      `${formatId === 0 ? "" : ' applyNumberFormat="1"'}${bold ? ' applyFont="1"' : ""}/>`
    let id = this.#ids.get(xf)
    if (id === undefined) {
      this.#ids.set(xf, (id = this.#xfs.length))
      this.#xfs.push(xf)
    }
    return id
  }

  /** The style sheet with every registered format. */
  xml(): string {
    const formats = [...this.#formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attribute(code)}"/>`)
    return (
      declaration +
      `<styleSheet xmlns="${main}">` +
      (formats.length === 0 ? "" : `<numFmts count="${formats.length}">${formats.join("")}</numFmts>`) +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.#xfs.length}">${this.#xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    )
  }
}

/** A sheet's XML up to its first row: frozen header, column widths and styles. */
export const sheetOpening = (columns: ReadonlyArray<{ readonly width: number; readonly style?: number }>): string =>
  declaration +
  `<worksheet xmlns="${main}" xmlns:r="${officeRelationships}">` +
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/>' +
  (columns.length === 0
    ? ""
    : "<cols>" +
      columns
        .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ""} customWidth="1"/>`)
        .join("") +
      "</cols>") +
  "<sheetData>"

/** A sheet's XML after its last row: the filter, if any, and the page margins. */
export const sheetClosing = (autoFilterRef: string | undefined): string =>
  "</sheetData>" +
  (autoFilterRef === undefined ? "" : `<autoFilter ref="${autoFilterRef}"/>`) +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  "</worksheet>"
