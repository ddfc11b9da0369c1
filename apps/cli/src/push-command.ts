/**
 * `vcr push`: checks the options, sends the file with `push` and prints what the server stored. Progress goes to
 * stderr only on a terminal, so scripts read one summary line on stdout.
 */
import { configuration } from "./environment.ts"
import { UsageError } from "./failure.ts"
import { push } from "./push.ts"

/** Runs `vcr push <file> --url … [--token …] [--chunk-bytes …] [--attempts …]`. */
export const commandPush = async (file: string, o: { url: string; token?: string; chunkBytes: string; attempts: string }) => {
  const tokenValue = o.token ?? configuration().pushToken
  if (tokenValue === undefined || tokenValue === "") throw new UsageError("give --token <service token> (or set VCR_TOKEN)")
  const attempts = Number(o.attempts)
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100) throw new UsageError(`--attempts must be a whole number from 1 to 100 (got "${o.attempts}")`)
  const progress = process.stderr.isTTY ? (p: { lines: number; requests: number }) => process.stderr.write(`\rpushed ${p.lines} lines (${p.requests} requests)`) : undefined
  const s = await push(file, { url: o.url, token: tokenValue, chunkBytes: Number(o.chunkBytes), attempts, ...(progress === undefined ? {} : { progress }) })
  if (progress !== undefined) process.stderr.write("\n")
  process.stdout.write(
    `pushed ${s.lines} lines in ${s.requests} requests: ${s.events.inserted} new events, ${s.events.duplicates} duplicates ignored, ` +
      `${s.directory} directory records, ${s.logins} logins; ${s.components} components projected\n`
  )
}
