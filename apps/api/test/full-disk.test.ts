/**
 * A full files folder (a real 64 KiB tmpfs, filled, where this machine allows mounting): a download in any
 * format answers 507 promptly (a hang fails by the test's timeout) with no file, no temporary file and no
 * history entry marked ready; the server goes on answering.
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { answerOf } from "../src/index.ts"
import { WriteError } from "@vcr/engine"
import { day, start, type Running } from "./support.ts"

let app: Running
let mounted = false
beforeAll(async () => {
  app = await start()
  mkdirSync(app.filesDir, { recursive: true })
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", app.filesDir], { stdio: "ignore" })
    mounted = true
    writeFileSync(join(app.filesDir, "filler"), Buffer.alloc(128 * 1024))
  } catch { /* not allowed here, or full: both fine */ }
})
afterAll(async () => {
  if (mounted) execFileSync("umount", [app.filesDir], { stdio: "ignore" })
  await app.close()
})

describe("a full files folder", () => {
  it("maps a WriteError from a full disk to 507 with Retry-After, any other to 500", () => {
    const full = new WriteError({ target: "x", message: "m", cause: Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }) })
    expect(answerOf(full)).toMatchObject({ status: 507, code: "insufficient_storage", retryAfter: 60 })
    expect(answerOf(new WriteError({ target: "x", message: "m", cause: new Error("EIO") }))).toMatchObject({ status: 500 })
  })

  it.each(["csv", "json", "xlsx"])("answers a %s download 507 promptly, leaving no file and no ready entry", async (format) => {
    if (!mounted) return
    const res = await app.as("u-oadmin", "/api/v1/organisations/org-1/reports/consultations/downloads", { method: "POST", body: JSON.stringify({ ...day, format }) })
    expect(res.status).toBe(507)
    expect(res.headers.get("retry-after")).toBe("60")
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("insufficient_storage")
    expect(readdirSync(app.filesDir)).toEqual(["filler"])
    expect((await app.store.access.historyOf("u-oadmin", 0)).filter((e) => e.status === "ready")).toEqual([])
    expect((await app.as("u-oadmin", "/api/v1/me")).status).toBe(200)
  })
})
