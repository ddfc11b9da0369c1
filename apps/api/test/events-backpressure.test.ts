/**
 * POST /api/v1/events under load: a slow sender holds the only slot and others get 429 with Retry-After; the
 * ingest slots bound how many requests run and wait at once.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openStore } from "@vcr/store"
import { describe, expect, it } from "vitest"
import { createEngine } from "@vcr/engine"
import { createIngestSlots } from "../src/ingest-slots.ts"
import { serve } from "../src/index.ts"

const line = (record: Record<string, unknown>) => JSON.stringify(record)

describe("back-pressure over HTTP", () => {
  it("answers 429 with Retry-After while the only slot is taken by a slow sender, and takes pushes again after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vcr-events-429-"))
    const store = await openStore(`sqlite:${join(dir, "vcr.db")}`)
    await store.migrate()
    const now = Date.parse("2026-11-26T00:00:00Z")
    const engine = await createEngine({ database: store, now: () => now })
    const token = await engine.access.serviceToken("slow-platform", "ingest")
    const server = await serve({ store, filesDir: join(dir, "files"), port: 0, now: () => now, log: () => undefined, ingest: { stagingDir: dir, concurrent: 1, queued: 0 } })
    const post = (body: string | ReadableStream<Uint8Array>) =>
      fetch(`http://127.0.0.1:${server.port}/api/v1/events`, {
        method: "POST", body, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" },
        ...(typeof body === "string" ? {} : { duplex: "half" })
      } as RequestInit)
    try {
      let finish = () => {}
      const held = new Promise<void>((resolve) => (finish = resolve))
      const slow = post(new ReadableStream({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(`${line({ type: "login", user_id: "u-1", at: "2026-03-02T09:00:00Z" })}\n`))
          await held
          controller.close()
        }
      }))
      let refused: Response | undefined
      for (let i = 0; i < 100 && refused === undefined; i++) {
        const res = await post("\n")
        if (res.status === 429) refused = res
        else await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(refused?.status).toBe(429)
      expect(refused?.headers.get("retry-after")).toBe("1")
      finish()
      expect(await (await slow).json()).toMatchObject({ logins: 1 })
      expect((await post("\n")).status).toBe(200)
    } finally {
      await server.close()
      await engine.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("ingest slots", () => {
  it("runs a bounded number at once, queues a bounded number more, and refuses the rest with a retry delay", async () => {
    const slots = createIngestSlots({ concurrent: 2, queued: 1, retryAfterSeconds: 3 })
    const a = await slots.acquire()
    await slots.acquire()
    let third = false
    const waiting = slots.acquire().then((release) => {
      third = true
      return release
    })
    await expect(slots.acquire()).rejects.toMatchObject({ _tag: "TooManyRequests", retryAfter: 3 })
    expect(third).toBe(false)
    a()
    a()
    ;(await waiting)()
    expect(third).toBe(true)
  })
})
