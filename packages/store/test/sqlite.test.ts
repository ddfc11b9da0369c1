/** The store contract on SQLite: a fresh database file per case under the system temp directory. */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { contract } from "./store.contract.ts"

const dir = mkdtempSync(join(tmpdir(), "vcr-store-"))
let n = 0
afterAll(() => rmSync(dir, { recursive: true, force: true }))

contract("sqlite", async () => `sqlite:${join(dir, `store-${++n}.db`)}`)
