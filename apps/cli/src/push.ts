/**
 * `vcr push <file> --url … --token …`: sends an NDJSON file to a vcr server's `POST /api/v1/events` in chunks of
 * whole lines, in order, each retried on a network failure, 429 (after its Retry-After) or a 5xx. Every chunk is
 * all or nothing on the server and events are stored once per id, so pushing a file again (or a retried chunk the
 * server had already stored) changes nothing: a platform can replay a day's export safely.
 */
import { malformed } from "@vcr/core"
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { UsageError } from "./failure.ts"

export interface PushOptions {
  /** The server's base URL (`https://reports.example.org`). */
  readonly url: string
  readonly token: string
  /** Largest chunk in bytes (a longer single line goes alone). */
  readonly chunkBytes: number
  /** Attempts per chunk. */
  readonly attempts: number
  /** Waits between attempts (tests pass a fast one). */
  readonly sleep?: (ms: number) => Promise<void>
  readonly progress?: (p: { readonly lines: number; readonly requests: number }) => void
}

/** The counts of one push (the server's summaries added up). */
export interface PushSummary {
  lines: number
  requests: number
  events: { inserted: number; duplicates: number }
  directory: number
  logins: number
  components: number
  bytes: number
}

/** The most one request may carry (SPEC §11.6). */
export const MAX_CHUNK_BYTES = 50 * 1024 * 1024

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads the file and posts it chunk by chunk; resolves with the totals or throws the first refusal. */
export const push = async (file: string, options: PushOptions): Promise<PushSummary> => {
  if (!/^https?:\/\/[^/\s]+/i.test(options.url)) throw new UsageError(`--url must be the server's http:// or https:// address (got "${options.url}")`)
  if (!(options.chunkBytes > 0 && options.chunkBytes <= MAX_CHUNK_BYTES)) throw new UsageError(`--chunk-bytes must be from 1 to ${MAX_CHUNK_BYTES}`)
  const endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/events`
  const total: PushSummary = { lines: 0, requests: 0, events: { inserted: 0, duplicates: 0 }, directory: 0, logins: 0, components: 0, bytes: 0 }
  let chunk: Array<string> = []
  let size = 0
  let firstLine = 1
  const send = async () => {
    if (chunk.length === 0) return
    const body = `${chunk.join("\n")}\n`
    const summary = await postChunk(endpoint, body, firstLine, options)
    total.lines += chunk.length
    total.requests++
    total.events.inserted += summary.events.inserted
    total.events.duplicates += summary.events.duplicates
    total.directory += summary.directory
    total.logins += summary.logins
    total.components += summary.components
    total.bytes += summary.bytes
    firstLine += chunk.length
    chunk = []
    size = 0
    options.progress?.({ lines: total.lines, requests: total.requests })
  }
  const input = file === "-" ? process.stdin : createReadStream(file)
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const bytes = Buffer.byteLength(line) + 1
    if (size + bytes > options.chunkBytes) await send()
    chunk.push(line)
    size += bytes
  }
  await send()
  return total
}

interface ChunkSummary {
  readonly events: { readonly inserted: number; readonly duplicates: number }
  readonly directory: number
  readonly logins: number
  readonly components: number
  readonly bytes: number
}

/** Posts one chunk, retrying what may succeed later; a refused line is reported with its line number in the file. */
const postChunk = async (endpoint: string, body: string, firstLine: number, options: PushOptions): Promise<ChunkSummary> => {
  const sleep = options.sleep ?? delay
  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(30_000, 500 * 2 ** (attempt - 1))
    let response: Response
    try {
      response = await fetch(endpoint, {
        method: "POST", body, headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/x-ndjson" }
      })
    } catch (cause) {
      if (attempt >= options.attempts) throw new Error(`cannot reach ${endpoint}: ${String((cause as Error)?.cause ?? cause)}`, { cause })
      await sleep(backoff)
      continue
    }
    if (response.ok) return (await response.json()) as ChunkSummary
    const error = await response.json().then((b) => (b as { error?: { code?: string; message?: string } }).error ?? {}, () => ({ code: undefined, message: undefined }))
    const retryable = response.status === 429 || response.status >= 500
    if (retryable && attempt < options.attempts) {
      const after = Number(response.headers.get("retry-after"))
      await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : backoff)
      continue
    }
    const message = error.message ?? response.statusText
    // The server names the line within the chunk; the file's line number is what the sender can fix.
    const line = /^line (\d+): (.*)$/s.exec(message)
    if ((response.status === 400 || response.status === 409) && line !== null) throw malformed(firstLine + Number(line[1]) - 1, line[2]!)
    if (response.status === 413 || response.status === 415) throw new UsageError(`the server refused the chunk (${response.status}): ${message}`)
    throw new Error(`the server answered ${response.status}${error.code === undefined ? "" : ` ${error.code}`}: ${message}`)
  }
}
