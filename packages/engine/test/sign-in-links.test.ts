import type { EmailMessage, Mailer } from "@vcr/email"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createEngine, safeNextPath, signInUrl, type Engine } from "../src/index.ts"
import { sqlite, start, type Database } from "./fixtures.ts"

let db: Database
let engine: Engine
const sent: Array<EmailMessage> = []
const mailer: Mailer = { send: async (message) => (sent.push(message), { delivery: "outbox", path: "memory" }), close: async () => undefined }
const clock = { now: start }
const line = (value: Record<string, unknown>) => JSON.stringify(value)

beforeAll(async () => {
  db = await sqlite()
  engine = await createEngine({ database: db.url, files: join(db.dir, "files"), mail: mailer, now: () => clock.now })
  await engine.store.importLines([
    // Two accounts share an address in another letter case; one is not created yet at `start`; one has no roles.
    line({ type: "user", id: "u-twin", name: "Twin", email: "ADA@example.org", created_at: "2024-01-01T00:00:00Z" }),
    line({ type: "user", id: "u-later", name: "Later", email: "later@example.org", created_at: "2030-01-01T00:00:00Z" }),
    line({ type: "user", id: "u-bare", name: "Bare", email: "bare@example.org", created_at: "2024-01-01T00:00:00Z" })
  ])
})
afterAll(async () => {
  await engine.close()
  await db.drop()
})

const links = () => sent.map((m) => m.text.match(/https?:\/\/\S+/)![0])

describe("emailing a sign-in link (SPEC §11.3)", () => {
  it("emails each active account with the address one link of its own, and nobody else", async () => {
    sent.length = 0
    expect(await engine.access.emailSignInLink({ email: "ada@EXAMPLE.org", publicUrl: "https://r.example/", next: "/history/h-1" })).toBe(2)
    expect(sent.map((m) => m.to).sort()).toEqual(["ADA@example.org", "ada@example.org"])
    const [a, b] = links()
    expect(a).not.toBe(b)
    for (const link of links()) expect(link).toMatch(/^https:\/\/r\.example\/signin\?next=%2Fhistory%2Fh-1#token=vcr_link_[A-Za-z0-9_-]{43}$/)
    const users = await Promise.all(links().map(async (link) => (await engine.access.redeemLoginLink(new URL(link).hash.slice("#token=".length)))!.userId))
    expect(users.sort()).toEqual(["u-admin", "u-twin"])
  })

  it("sends nothing for an unknown address, an account not yet created, or a malformed address; an account without roles may sign in", async () => {
    sent.length = 0
    for (const email of ["nobody@example.org", "later@example.org", "not an address", ""]) {
      expect(await engine.access.emailSignInLink({ email, publicUrl: "https://r.example" })).toBe(0)
    }
    expect(sent).toEqual([])
    expect(await engine.access.emailSignInLink({ email: "bare@example.org", publicUrl: "https://r.example" })).toBe(1)
  })

  it("keeps next only when it is a same-origin relative path", () => {
    for (const ok of ["/", "/history/h-1", "/history/h-1?x=1#y", "/a/b%2Fc"]) expect(safeNextPath(ok)).toBe(ok)
    for (const bad of ["//evil.example", "/\\evil.example", "\\\\evil", "https://evil.example", "javascript:alert(1)", "history", "/a b", "/\t/x", "/\u2028", "", null, 3, "/" + "x".repeat(2048)]) {
      expect(safeNextPath(bad)).toBeUndefined()
    }
    expect(signInUrl("https://r.example//", "s", "//evil")).toBe("https://r.example/signin#token=s")
  })
})
