/**
 * `--locale` on the command line (SPEC §11.5, R80): the acceptance scenario's CSV and JSON in zh-CN differ from en
 * only in header, title and description text, the summary's tiles carry Chinese titles and the same figures, and an
 * unknown locale exits 2 naming the field, writing nothing.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acceptanceDir, vcr } from "./support.ts"

const common = ["--org", "org-1", "--from", "2026-03-02", "--to", "2026-03-02", "--tz", "Australia/Sydney"]

describe("vcr --locale", () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vcr-locale-"))
    env = { VCR_DATABASE_URL: `sqlite:${join(dir, "vcr.db")}` }
    expect((await vcr(["import", join(acceptanceDir, "input.ndjson")], env)).code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("writes the consultations CSV and JSON in zh-CN with the same data as en", async () => {
    const run = (format: string, ...more: Array<string>) => vcr(["report", "consultations", ...common, "--format", format, ...more], { ...env, TZ: "America/Sao_Paulo" })
    const [enCsv, zhCsv] = [await run("csv"), await run("csv", "--locale", "zh-CN")]
    expect(zhCsv.code).toBe(0)
    const after = (text: string) => text.slice(text.indexOf("\r\n"))
    expect(after(zhCsv.stdout)).toBe(after(enCsv.stdout))
    expect(zhCsv.stdout.slice(0, zhCsv.stdout.indexOf("\r\n"))).toMatch(/^组织,诊所 ID,诊所,排队呼叫 ID,会话 ID,片段 ID,参与者 ID,等候区进入时间,/)
    const [enJson, zhJson] = [await run("json"), await run("json", "--locale", "zh-cn")]
    expect(zhJson.stdout.slice(zhJson.stdout.indexOf(',"rows":['))).toBe(enJson.stdout.slice(enJson.stdout.indexOf(',"rows":[')))
    expect(JSON.parse(zhJson.stdout).title).toBe("等候区咨询")
  })

  it("gives the summary's tiles Chinese titles and the same figures", async () => {
    const [en, zh] = [await vcr(["summary", ...common, "--format", "json"], env), await vcr(["summary", ...common, "--format", "json", "--locale", "zh-CN"], env)]
    const tiles = (text: string) => (JSON.parse(text) as { tiles: Array<{ title: string; figures: unknown }> }).tiles
    expect(tiles(zh.stdout).map((t) => t.title)).toEqual(["组织", "诊所(等候区)", "服务提供商", "服务提供商摘要", "会议和用户室通话", "等候区咨询"])
    expect(tiles(zh.stdout).map((t) => t.figures)).toEqual(tiles(en.stdout).map((t) => t.figures))
  })

  it("exits 2 on an unknown locale, naming the field, and writes no file", async () => {
    const out = join(dir, "never.xlsx")
    const result = await vcr(["report", "clinics", ...common, "--format", "xlsx", "--out", out, "--locale", "fr"], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/locale must be one of en, zh-CN \(got "fr"\)/)
    expect(existsSync(out)).toBe(false)
    const demo = await vcr(["demo", "--out", join(dir, "demo"), "--locale", "klingon"], { VCR_DATABASE_URL: `sqlite:${join(dir, "demo.db")}` })
    expect(demo.code).toBe(2)
    expect(demo.stderr).toMatch(/--locale must be one of/)
    expect(existsSync(join(dir, "demo.db"))).toBe(false)
  })
})
