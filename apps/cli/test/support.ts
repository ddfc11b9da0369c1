/**
 * Test support for whole-stack CLI tests: run the built `vcr` (dist/vcr.js, what ships) with plain node as a
 * subprocess; PostgreSQL databases come from the repository's shared test support. `pnpm test` builds first.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"

/** The bundled command line, as `pnpm build` writes it. */
export const vcrBundle = join(import.meta.dirname, "../dist/vcr.js")
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
    if (!existsSync(vcrBundle)) throw new Error(`${vcrBundle} is missing: run \`pnpm build\` (pnpm test does) before the CLI tests`)
    const child = execFile(
      process.execPath,
      [vcrBundle, ...args],
      { env: { ...process.env, ...env }, cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stdout, stderr })
    )
    if (input !== undefined) child.stdin?.end(input)
    else child.stdin?.end()
  })

export { freshPostgres, postgresAvailable } from "../../../test-support/postgres.ts"
