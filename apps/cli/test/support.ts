/**
 * Test support for whole-stack CLI tests: run `vcr` as a subprocess; PostgreSQL databases come from the
 * repository's shared test support.
 */
import { execFile } from "node:child_process"
import { join } from "node:path"

const main = join(import.meta.dirname, "../src/main.ts")
export const repoRoot = join(import.meta.dirname, "../../..")
export { acceptanceDir } from "../../../test-support/fixtures.ts"

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `vcr args…` with extra environment variables. */
export const vcr = (args: ReadonlyArray<string>, env: Record<string, string> = {}, input?: string): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: { ...process.env, ...env }, cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stdout, stderr })
    )
    if (input !== undefined) child.stdin?.end(input)
    else child.stdin?.end()
  })

export { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
