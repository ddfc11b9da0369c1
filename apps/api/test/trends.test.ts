import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { day, start, type Running } from "./support.ts"

let app: Running
beforeAll(async () => {
  app = await start()
})
afterAll(async () => app.close())

const q = (extra: Record<string, string> = {}) => "?" + new URLSearchParams({ ...day, ...extra }).toString()
const get = async (user: Parameters<Running["as"]>[0], path: string) => {
  const res = await app.as(user, path)
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

describe("GET /api/v1/organisations/{org}/trends", () => {
  it("answers buckets that add up to the tiles, the previous period and each clinic", async () => {
    const trends = await get("u-oadmin", `/api/v1/organisations/org-1/trends${q({ from: "2026-03-01", to: "2026-03-03", by: "clinic" })}`)
    expect(trends.status).toBe(200)
    expect(trends.body.granularity).toBe("day")
    expect(trends.body.buckets.map((b: { start: string }) => b.start)).toEqual(["2026-03-01T00:00:00+11:00", "2026-03-02T00:00:00+11:00", "2026-03-03T00:00:00+11:00"])
    expect(trends.body.previous).toMatchObject({ from: "2026-02-26", to: "2026-02-28" })
    const tiles = await get("u-oadmin", `/api/v1/organisations/org-1/tiles${q({ from: "2026-03-01", to: "2026-03-03" })}`)
    const tile = (id: string) => tiles.body.tiles.find((t: { report: string }) => t.report === id).figures
    expect(trends.body.totals).toEqual({ ...tile("consultations"), ...tile("room-calls") })
    expect(trends.body.buckets[1].figures.consultations).toBe(tile("consultations").consultations)
    expect(trends.body.clinics.map((c: { clinic_id: string }) => c.clinic_id)).toEqual(expect.arrayContaining(["cl-a", "cl-b", "cl-c"]))
  })

  it("gives long ranges weekly or monthly trends (they have no tiles)", async () => {
    const weeks = await get("u-oadmin", "/api/v1/organisations/org-1/trends?from=2026-01-01&to=2026-05-31&timezone=Australia/Sydney")
    expect(weeks.status).toBe(200)
    expect(weeks.body.granularity).toBe("week")
    expect(weeks.body.buckets[0].end).toBe("2026-01-05T00:00:00+11:00")
    const months = await get("u-oadmin", "/api/v1/organisations/org-1/trends?from=2025-11-01&to=2026-10-31&timezone=Australia/Sydney")
    expect(months.body.buckets).toHaveLength(12)
  })

  it("refuses 13 months, bad granularity and unknown parameters with 400 naming the field; 404 outside the roles", async () => {
    const long = await get("u-oadmin", "/api/v1/organisations/org-1/trends?from=2025-01-01&to=2026-02-01")
    expect(long.status).toBe(400)
    expect(long.body.error).toMatchObject({ field: "to" })
    expect((await get("u-oadmin", `/api/v1/organisations/org-1/trends${q({ granularity: "hour" })}`)).body.error).toMatchObject({ field: "granularity" })
    expect((await get("u-oadmin", `/api/v1/organisations/org-1/trends${q({ colour: "blue" })}`)).body.error).toMatchObject({ field: "colour" })
    expect((await get("u-cadmin", `/api/v1/organisations/org-1/trends${q()}`)).status).toBe(404)
    expect((await get("u-cadmin", `/api/v1/organisations/org-1/trends${q({ clinic_id: "cl-a" })}`)).status).toBe(200)
  })
})
