/**
 * A process killed mid-render leaves report data on disk only until the next start: a real process renders into
 * the files folder and is killed with SIGKILL once its temporary file appears; creating an engine on the folder
 * removes it, and so does the sweeper of an engine that was already running. A live writer's file is kept.
 */
import { spawn } from "node:child_process"
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { afterEach, describe, expect, it } from "vitest"
import { createEngine } from "../src/index.ts"
import { postgres, sqlite, start } from "./fixtures.ts"

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

// tsx as a loader of this very process (its command would run the script in a child that SIGKILL would miss).
const tsxLoader = import.meta.resolve("tsx")
const temporaries = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".tmp"))
  } catch {
    return []
  }
}

/** Starts a render in another process, waits until its temporary file has data, and kills it with SIGKILL. */
const killMidRender = async (url: string, dir: string) => {
  const child = spawn(process.execPath, ["--import", tsxLoader, join(import.meta.dirname, "slow-render.ts"), url, dir], { stdio: ["ignore", "ignore", "inherit"] })
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)))
  cleanups.push(() => child.kill("SIGKILL"))
  for (let i = 0; i < 600; i++) {
    const [tmp] = temporaries(dir)
    if (tmp !== undefined && statSync(join(dir, tmp)).size > 0) break
    await sleep(100)
  }
  const [tmp] = temporaries(dir)
  expect(tmp).toMatch(new RegExp(`^\\.killed\\.xlsx\\.${child.pid}\\.[0-9a-f]{12}\\.tmp$`))
  child.kill("SIGKILL")
  expect(await exited).toBe("SIGKILL")
  expect(temporaries(dir)).toEqual([tmp])
}

describe("a render killed midway", () => {
  it.each([["SQLite", sqlite], ["PostgreSQL", postgres]] as const)("leaves a temporary file that the next start removes (%s)", async (_name, open) => {
    const db = await open()
    if (db === undefined) return
    cleanups.push(() => db.drop())
    const dir = join(db.dir, "files")
    await killMidRender(db.url, dir)
    const engine = await createEngine({ database: db.url, files: { dir, storage: "folder" }, now: () => start })
    cleanups.push(() => engine.close())
    expect(temporaries(dir)).toEqual([])
  }, 120_000)

  it("leaves a temporary file that a running engine's sweep removes, keeping a live writer's", async () => {
    const db = await sqlite()
    cleanups.push(() => db.drop())
    const dir = join(db.dir, "files")
    const engine = await createEngine({ database: db.url, files: dir, now: () => start })
    cleanups.push(() => engine.close())
    await killMidRender(db.url, dir)
    // A writer that is alive (this very process) keeps its file.
    const live = `.live.csv.${process.pid}.0123456789ab.tmp`
    const { writeFileSync } = await import("node:fs")
    writeFileSync(join(dir, live), "in progress")
    await engine.sweep()
    expect(temporaries(dir)).toEqual([live])
  }, 120_000)
})
