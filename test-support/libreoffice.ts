/**
 * LibreOffice Calc as an independent reader of our files: headless `soffice` converts a batch of files in one
 * call, with a fresh user profile per call (a shared profile locks and leaks settings between runs), and
 * `libreoffice-views.py` (Debian's python3-uno) reports the views and filters Calc opens a workbook with.
 * Without `soffice` the suites that need it are skipped with a plain message, except under CI=true.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

/** soffice's environment: its own HOME (Calc's default CSV import reads Windows-1252 whatever the locale). */
const officeEnv = (profile: string) => ({ ...process.env, HOME: profile })

/** Debian's python3, which has the LibreOffice bridge (python3-uno); not a pyenv or venv python. */
const python = process.env.VCR_TEST_UNO_PYTHON ?? "/usr/bin/python3"

/** Where Debian's libreoffice-calc-nogui puts the launcher. */
const sofficePath = process.env.VCR_TEST_SOFFICE ?? "/usr/bin/soffice"

/** Whether LibreOffice is installed; under CI it must be. */
export const sofficeAvailable = (): boolean => {
  if (existsSync(sofficePath)) return true
  if (process.env.CI === "true") throw new Error(`LibreOffice is required in CI at ${sofficePath} (apt-get install libreoffice-calc-nogui)`)
  console.warn(`LibreOffice suite skipped: no ${sofficePath}. Install it with \`apt-get install libreoffice-calc-nogui\` and run the tests again.`)
  return false
}

/** CSV export: comma, double quote, UTF-8, cells as shown (formatted), formulas not exported; the first sheet. */
export const csvExport = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"

/**
 * Converts `files` to `format` (`csv`, `xlsx` or a filter spec such as `csvExport`) into `outDir`, one soffice
 * run for the whole batch; an input's default import filter is used (a CSV is read as Calc reads any CSV).
 */
export const sofficeConvert = async (files: ReadonlyArray<string>, format: string, outDir: string): Promise<void> => {
  const profile = await mkdtemp(join(tmpdir(), "vcr-soffice-profile-"))
  try {
    await run(
      sofficePath,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, ...files],
      { timeout: 120_000, env: officeEnv(profile) }
    )
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
}

/** How Calc opens one sheet of a workbook: frozen rows and columns, and its filter range if it shows one. */
export interface CalcSheetView {
  readonly name: string
  readonly frozen: boolean
  readonly splitRow: number
  readonly splitColumn: number
  readonly autoFilter: string | null
}

/** The sheets of each workbook as Calc opens them, in one soffice run (headless conversion keeps no views). */
export const calcViews = async (files: ReadonlyArray<string>): Promise<Map<string, ReadonlyArray<CalcSheetView>>> => {
  const profile = await mkdtemp(join(tmpdir(), "vcr-soffice-profile-"))
  try {
    const script = join(import.meta.dirname, "libreoffice-views.py")
    const pipe = `vcr-test-${process.pid}-${Date.now()}`
    const { stdout } = await run(python, [script, sofficePath, profile, pipe, ...files], {
      timeout: 120_000,
      env: officeEnv(profile)
    })
    const views = new Map<string, ReadonlyArray<CalcSheetView>>()
    for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
      const { file, sheets } = JSON.parse(line) as { file: string; sheets: ReadonlyArray<CalcSheetView> }
      views.set(file, sheets)
    }
    return views
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
}

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks; CRLF or LF). */
export const parseCsv = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i += 1
      } else quoted = false
    } else if (c === '"') quoted = true
    else if (c === ",") {
      record.push(field)
      field = ""
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i += 1
      record.push(field)
      records.push(record)
      record = []
      field = ""
    } else field += c
  }
  if (field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}
