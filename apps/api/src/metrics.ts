/**
 * Prometheus metrics with prom-client, in a registry of this app (two apps in one process do not mix):
 * HTTP latency by method, route pattern and status; report downloads by report and format with their
 * generation time and size; emails queued; Node's process metrics. Labels never hold ids or personal data.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client"

/** The app's metrics and what records them. */
export interface Metrics {
  readonly registry: Registry
  /** One answered HTTP request (route is the pattern, never the path). */
  readonly request: (o: { readonly method: string; readonly route: string; readonly status: number; readonly seconds: number }) => void
  /** One download generated: its report, format, generation time and bytes. */
  readonly download: (o: { readonly report: string; readonly format: string; readonly seconds: number; readonly bytes: number }) => void
  /** One emailed report queued. */
  readonly emailQueued: (o: { readonly report: string; readonly format: string }) => void
}

/** A fresh registry with vcr's metrics and the default process metrics. */
export const createMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: "vcr_" })
  const http = new Histogram({
    name: "vcr_http_request_duration_seconds", help: "Time to answer an HTTP request, by method, route pattern and status",
    labelNames: ["method", "route", "status"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry]
  })
  const generation = new Histogram({
    name: "vcr_report_generation_seconds", help: "Time to generate a downloaded report, by report and format",
    labelNames: ["report", "format"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry]
  })
  const bytes = new Counter({ name: "vcr_report_bytes_total", help: "Bytes of downloaded reports, by report and format", labelNames: ["report", "format"], registers: [registry] })
  const downloads = new Counter({ name: "vcr_report_downloads_total", help: "Reports generated for download, by report and format", labelNames: ["report", "format"], registers: [registry] })
  const emails = new Counter({ name: "vcr_report_emails_queued_total", help: "Emailed reports queued, by report and format", labelNames: ["report", "format"], registers: [registry] })
  return {
    registry,
    request: (o) => http.observe({ method: o.method, route: o.route, status: String(o.status) }, o.seconds),
    download: (o) => {
      generation.observe({ report: o.report, format: o.format }, o.seconds)
      downloads.inc({ report: o.report, format: o.format })
      bytes.inc({ report: o.report, format: o.format }, o.bytes)
    },
    emailQueued: (o) => emails.inc({ report: o.report, format: o.format })
  }
}
