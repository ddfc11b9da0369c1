/**
 * Hardening behind a TLS proxy (client keys and Secure cookies) and in operation (structured logs without secrets
 * or personal data, Prometheus metrics only to the metrics token).
 */
import { describe, expect, it, vi } from "vitest"
import { createLoginLink } from "../src/index.ts"
import { day, start, type Running } from "./support.ts"

const download = "/api/v1/organisations/org-1/reports/consultations/downloads"

describe("behind a TLS proxy", () => {
  const signIn = (a: Running, forwardedFor: string, token = "wrong") =>
    fetch(a.url + "/auth/link", { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor, "X-Forwarded-Proto": "https" }, body: JSON.stringify({ token }) })

  it("keys the sign-in limit by the client a trusted proxy names, and a 429 carries Retry-After and RateLimit headers", async () => {
    const a = await start({ limits: { signIn: 2 }, app: { trustProxy: ["loopback"] } })
    try {
      for (let i = 0; i < 2; i++) expect((await signIn(a, "203.0.113.1")).status).toBe(401)
      const limited = await signIn(a, "203.0.113.1")
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(limited.headers.get("ratelimit-policy")).toBe("2;w=60")
      expect(limited.headers.get("ratelimit")).toMatch(/^limit=2, remaining=0, reset=\d+$/)
      // Another client behind the same proxy has its own budget.
      expect((await signIn(a, "203.0.113.2")).status).toBe(401)
    } finally {
      await a.close()
    }
  })

  it("ignores X-Forwarded-For when no proxy is trusted (a client cannot pick its own key)", async () => {
    const a = await start({ limits: { signIn: 2 } })
    try {
      expect((await signIn(a, "203.0.113.1")).status).toBe(401)
      expect((await signIn(a, "203.0.113.2")).status).toBe(401)
      expect((await signIn(a, "203.0.113.3")).status).toBe(429)
    } finally {
      await a.close()
    }
  })

  it("marks the session cookies Secure when configured, or when a trusted proxy forwarded https", async () => {
    for (const [app, secure] of [[{ secureCookies: true }, true], [{ trustProxy: true }, true], [{}, false]] as const) {
      const a = await start({ app })
      try {
        const link = await createLoginLink(a.store, "u-oadmin", a.clock.now)
        const r = await signIn(a, "203.0.113.9", link)
        expect(r.status).toBe(200)
        const cookies = r.headers.getSetCookie()
        expect(cookies).toHaveLength(2)
        for (const cookie of cookies) expect(cookie.endsWith("; Secure"), `${JSON.stringify(app)}: ${cookie.split("=")[0]}`).toBe(secure)
      } finally {
        await a.close()
      }
    }
  })
})

describe("operations", () => {
  const metricsToken = "metrics-0123456789abcdefghij"

  it("logs one structured line per request: level, request id, route pattern, status, duration; no secrets or personal data", async () => {
    const a = await start()
    try {
      const d = await a.as("u-oadmin", download, { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })
      const id = d.headers.get("x-history-entry")!
      await d.arrayBuffer()
      const r = await a.as("u-oadmin", `/api/v1/history/${id}?clinic_id=cl-a`, { headers: { "X-Request-Id": "trace-0123456789" } })
      expect(r.headers.get("x-request-id")).toBe("trace-0123456789")
      await r.arrayBuffer()
      const line = await vi.waitFor(() => a.logs.find((l) => l.reqId === "trace-0123456789") ?? Promise.reject(new Error("not logged yet")))
      expect(line).toMatchObject({ level: 30, method: "GET", route: "/api/v1/history/:entry", status: 200 })
      expect(typeof line!.durationMs).toBe("number")
      // A streamed download is logged when its response closes, which may come just after the client has read it all.
      await vi.waitFor(() => expect(a.logs.find((l) => l.route === "/api/v1/organisations/:org/reports/:report/downloads")).toMatchObject({ status: 200 }))
      const text = JSON.stringify(a.logs)
      for (const secret of [a.tokens["u-oadmin"], id, "cl-a", "oscar@example.org", "Oscar"]) expect(text).not.toContain(secret)
    } finally {
      await a.close()
    }
  })

  it("serves Prometheus metrics only to the metrics token: HTTP latency by route pattern and downloads by report and format", async () => {
    const off = await start()
    try {
      expect((await fetch(off.url + "/metrics")).status).toBe(404)
    } finally {
      await off.close()
    }
    const a = await start({ app: { metricsToken } })
    try {
      const d = await a.as("u-oadmin", download, { method: "POST", body: JSON.stringify({ ...day, format: "csv" }) })
      await d.arrayBuffer()
      expect((await fetch(a.url + "/metrics")).status).toBe(401)
      expect((await fetch(a.url + "/metrics", { headers: { Authorization: `Bearer ${a.tokens["u-oadmin"]}` } })).status).toBe(401)
      const m = await fetch(a.url + "/metrics", { headers: { Authorization: `Bearer ${metricsToken}` } })
      expect(m.status).toBe(200)
      expect(m.headers.get("content-type")).toContain("text/plain")
      const text = await m.text()
      expect(text).toMatch(/vcr_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/organisations\/:org\/reports\/:report\/downloads",status="200"\} 1/)
      expect(text).toContain('vcr_report_downloads_total{report="consultations",format="csv"} 1')
      expect(text).toContain("vcr_report_generation_seconds_bucket")
      expect(text).toContain("vcr_process_cpu_seconds_total")
      expect(text).not.toContain("org-1")
    } finally {
      await a.close()
    }
  })
})
