/**
 * The worker checks the requester's rights again (SPEC §2: a revoked role stops working at once): a clinic admin
 * whose role is revoked after queueing an emailed report gets a failed entry with a user-safe reason, no file and
 * no email, whether the role goes before generation or between generation and sending; both are audited.
 */
import { Effect, Layer } from "effect"
import { readdir } from "node:fs/promises"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { Files, History, Mailer, Report, Store, Worker } from "../src/index.ts"
import { startSmtpServer } from "../../email/test/smtp-fixture.ts"
import { day, postgres, runTimed, sqlite } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const role = (revokedAt: string | null) => JSON.stringify({
  type: "clinic_role", user_id: "u-clin", clinic_id: "cl-1", role: "clinic_admin", granted_at: "2024-01-02T00:00:00Z", ...(revokedAt === null ? {} : { revoked_at: revokedAt })
})
const clinicAdmin = [JSON.stringify({ type: "user", id: "u-clin", name: "Cleo Clinic", email: "cleo@example.org", created_at: "2024-01-01T00:00:00Z" }), role(null)]
/** Revoked a day before the tests' instant. */
const revoke = Store.use((s) => Effect.promise(() => s.importLines([role("2026-03-08T00:00:00Z")])))

const files = async (dir: string) => (await readdir(dir).catch(() => [] as Array<string>))

describe("the worker re-checks the requester's rights", () => {
  it.each([
    ["SQLite", "before generation", sqlite],
    ["SQLite", "before sending", sqlite],
    ["PostgreSQL", "before generation", postgres],
    ["PostgreSQL", "before sending", postgres]
  ] as const)("(%s) fails a clinic admin's emailed report whose role was revoked %s: no file, no email, audited", async (_name, when, open) => {
    const db = await open()
    if (db === undefined) return
    cleanups.push(() => db.drop())
    const smtp = await startSmtpServer()
    cleanups.push(() => smtp.close())
    const folder = join(db.dir, "files")
    const layers = Layer.mergeAll(Files.folder(folder), Mailer.layer({ smtpUrl: smtp.url, timeoutMs: 2_000 })).pipe(Layer.provideMerge(Store.layer(db.url)))
    const { entry, audit } = await runTimed(Effect.gen(function* () {
      yield* Store.use((s) => Effect.promise(() => s.importLines(clinicAdmin)))
      const prepared = yield* Report.prepare("clinics", { ...day, clinicId: "cl-1" }, "Cleo Clinic")
      const queued = yield* History.queueEmail({ userId: "u-clin", prepared, format: "csv" })
      const worker = Worker.settle({ publicUrl: "https://reports.example.org", workerId: "w-rights", log: () => undefined })
      if (when === "before sending") expect(yield* Worker.generateOne(worker)).toBe(true)
      yield* revoke
      while ((yield* Worker.generateOne(worker)) || (yield* Worker.emailOne(worker))) { /* until idle */ }
      return yield* Store.use((s) => Effect.promise(async () => ({ entry: (await s.access.historyEntry(queued.id))!, audit: await s.access.auditLog() })))
    }).pipe(Effect.provide(layers)))
    expect(entry).toMatchObject({ status: "failed", error: Worker.accessLostReason })
    expect(smtp.received).toHaveLength(0)
    expect(smtp.connections()).toBe(0)
    if (when === "before generation") {
      expect(entry.file_ref).toBeNull()
      expect(await files(folder)).toEqual([])
      expect(audit.filter((a) => a.action === "generated")).toEqual([expect.objectContaining({ outcome: "denied", user_id: "u-clin", clinic_id: "cl-1" })])
    } else {
      expect(audit.filter((a) => a.action === "email_sent")).toEqual([expect.objectContaining({ outcome: "denied", user_id: "u-clin", clinic_id: "cl-1" })])
    }
  })
})
