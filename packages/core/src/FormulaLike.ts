/**
 * The formula-like rule of RULINGS R74, the one place that decides it for every renderer (CSV, XLSX) and
 * every cell a spreadsheet may open: headers (tag labels are user-configured), data cells, field descriptions.
 */

/**
 * After any leading whitespace (spaces, tabs, no-break spaces, any Unicode space separator), `=`, `+`, `-`,
 * `@`, tab, CR, LF, or a full-width `＝＋－＠` first. Tab, CR and LF count wherever they sit in that
 * leading run, since a spreadsheet may strip the spaces before them.
 */
const formulaLike = /^[\s\p{Zs}]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u

/** Prefixed to formula-like text so a spreadsheet shows it as text (OWASP "CSV injection" advice). */
export const guard = "'"

/** Whether a spreadsheet could evaluate `text` as a formula (R74). */
export const isFormulaLike = (text: string): boolean => {
  const first = text.charCodeAt(0)
  // Most cells start with a letter or digit: decided without the regular expression.
  if ((first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x7e)) return false
  return formulaLike.test(text)
}

/** `text` as a spreadsheet must receive it: guarded when formula-like, unchanged otherwise. */
export const neutralise = (text: string): string => (isFormulaLike(text) ? guard + text : text)
