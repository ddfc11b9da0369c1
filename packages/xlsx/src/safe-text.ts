/**
 * Text that is safe to put in a spreadsheet cell: legal in XML 1.0 and no longer than a cell can hold, the
 * characters otherwise exact. A text cell is never evaluated as stored; formula-like text (core's one rule,
 * R74) is protected against a later edit by its style's `quotePrefix`, chosen in `sheet-xml`, not by an added
 * apostrophe. Every text cell of a workbook goes through `safeText`, headers and field descriptions included.
 */

/** The most characters an Excel cell holds. */
export const maxCellLength = 32_767

/** Appended to text cut to `maxCellLength`, so a reader sees the cell was cut. */
export const truncationMarker = "…[truncated]"

/** What XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; surrogates not in a pair. */
const illegalXml =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** U+FFFD REPLACEMENT CHARACTER, written in place of every character XML cannot carry. */
export const replacementCharacter = "\uFFFD"

/**
 * A character that may be illegal: a C0 control but tab, LF and CR, or anything from U+D800 up. Most cells
 * have none; this simple class decides them faster than the expression above (with its lookbehind).
 */
const maybeIllegal = /[^\t\n\r\u0020-\uD7FF]/

/** `text` with XML-illegal characters and lone surrogates replaced by U+FFFD. */
export const xmlLegal = (text: string): string => {
  if (!maybeIllegal.test(text)) return text
  illegalXml.lastIndex = 0
  return illegalXml.test(text) ? text.replace(illegalXml, replacementCharacter) : text
}

/** `text` cut so that it, with the marker, fits in one cell; never splits a surrogate pair. */
export const truncate = (text: string): string => {
  if (text.length <= maxCellLength) return text
  let end = maxCellLength - truncationMarker.length
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return text.slice(0, end) + truncationMarker
}

/** `text` as it is written to a cell: XML-legal, at most 32,767 characters, otherwise unchanged. */
export const safeText = (text: string): string => truncate(xmlLegal(text))
