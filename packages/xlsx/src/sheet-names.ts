/**
 * Worksheet names Excel accepts: 1 to 31 characters, none of `[ ] : * ? / \`, not starting or ending with
 * an apostrophe, not the reserved "History", and unique in the workbook ignoring case. `SheetNames` hands
 * out such names, adding " 2", " 3"... when a name is taken.
 */

import { xmlLegal } from "./safe-text.ts"

/** The longest sheet name Excel accepts. */
export const maxSheetNameLength = 31

const forbidden = /[[\]:*?/\\]/g

/** The first `length` UTF-16 units of `text`, one fewer if that would split a surrogate pair. */
const cut = (text: string, length: number): string => {
  if (text.length <= length) return text
  const last = text.charCodeAt(length - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length)
}

/** `name` made acceptable to Excel on its own (uniqueness is `SheetNames`' job). */
export const validSheetName = (name: string): string => {
  const unquote = (text: string) => text.replace(/^[\s']+|[\s']+$/g, "")
  // eslint-disable-next-line no-control-regex
  const plain = unquote(xmlLegal(name).replace(forbidden, "_").replace(/[\u0000-\u001F\uFFFD]/g, " "))
  let cleaned = unquote(cut(plain, maxSheetNameLength))
  if (cleaned === "" || cleaned.toLowerCase() === "history") cleaned = `Sheet ${cleaned}`.trim()
  return cleaned
}

/** Names already used in one workbook; `take` returns a fresh valid one. */
export class SheetNames {
  readonly #taken = new Set<string>()

  /** A valid name based on `name`, unique in this workbook; "Data" then "Data 2", "Data 3"... */
  take(name: string): string {
    const base = validSheetName(name)
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : ` ${n}`
      const candidate = cut(base, maxSheetNameLength - suffix.length).trimEnd() + suffix
      const key = candidate.toLowerCase()
      if (!this.#taken.has(key)) {
        this.#taken.add(key)
        return candidate
      }
    }
  }
}
