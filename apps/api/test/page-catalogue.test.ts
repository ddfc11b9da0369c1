/**
 * The page's tile-figure notes (apps/web's catalogue) quote the report columns they add up (SPEC §7), and name
 * every figure the tiles API answers, so a changed column description or a new figure cannot go unnoticed.
 */
import { Definitions } from "@vcr/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { catalogues } from "../../web/src/i18n/catalogues.ts"
import { day, start, type Running } from "./support.ts"

const sums: ReadonlyArray<readonly [tile: string, figure: string, report: string, column: string]> = [
  ["organisations", "user_accounts", "organisations", "user_accounts"],
  ["organisations", "waiting_areas", "organisations", "waiting_areas"],
  ["organisations", "consultations", "organisations", "consultations"],
  ["organisations", "consultation_duration", "organisations", "consultation_duration"],
  ["clinics", "abandoned_calls", "clinics", "abandoned_calls"],
  ["clinics", "transfers_out", "clinics", "transfers_out"],
  ["service-provider-summary", "total", "service-provider-summary", "total"],
  ["service-provider-summary", "new", "service-provider-summary", "new"],
  ["service-provider-summary", "deactivated", "service-provider-summary", "deactivated"],
  ["service-provider-summary", "logged_in", "service-provider-summary", "logged_in"],
  ["service-provider-summary", "active", "service-provider-summary", "active"],
  ["room-calls", "room_call_duration", "room-calls", "call_duration"],
  ["consultations", "consultation_duration", "consultations", "consultation_duration"],
  ["consultations", "abandoned", "consultations", "abandoned"],
  ["consultations", "average_wait_duration", "consultations", "wait_duration"],
  ["consultations", "p90_wait_duration", "consultations", "wait_duration"]
]

let app: Running
beforeAll(async () => {
  app = await start()
})
afterAll(async () => {
  await app.close()
})

describe("the tile figures' notes on the page", () => {
  it("quote the description of the column each figure adds up, in every locale", () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const [tile, figure, report, column] of sums) {
        const text = Definitions.reports[report as keyof typeof Definitions.reports].text as Readonly<Record<string, { columns: Readonly<Record<string, { header: string; description: string }>> }>>
        const described = text[locale]!.columns[column]!
        expect(messages.figures[tile]![figure]!.description, `${locale} ${tile}.${figure}`).toContain(described.description)
        expect(messages.figures[tile]![figure]!.description, `${locale} ${tile}.${figure}`).toContain(described.header)
      }
    }
  })
  it("name every figure the tiles answer", async () => {
    const res = await app.as("u-oadmin", `/api/v1/organisations/org-1/tiles?${new URLSearchParams(day)}`)
    const { tiles } = (await res.json()) as { tiles: Array<{ report: string; figures: Record<string, unknown> }> }
    expect(tiles).toHaveLength(6)
    for (const tile of tiles) expect(Object.keys(catalogues.en.figures[tile.report]!).sort(), tile.report).toEqual(Object.keys(tile.figures).sort())
  })
})
