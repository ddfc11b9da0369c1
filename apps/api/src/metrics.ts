/**
 * Prometheus metrics with prom-client, in a registry of this app (two apps in one process do not mix):
 * HTTP latency by method, route pattern and status; report downloads by report and format with their
 * generation time and size; emails queued; Node's process metrics. Labels never hold ids or personal data.
 * The queue (jobs by status, the oldest queued entry's age, emails by status) is read from the database at each
 * scrape, since workers may run in other processes; while the database is down those gauges are left out.
 */
import type { QueueStats } from "@vcr/store"
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client"

/** The app's metrics and what records them. */
export interface Metrics {
  readonly registry: Registry
  /** One answered HTTP request (route is the pattern, never the path). */
  readonly request: (o: { readonly method: string; readonly route: string; readonly status: number; readonly seconds: number }) => void
  /** One download generated: its report, format, generation time and bytes. */
  readonly download: (o: { readonly report: string; readonly format: string; readonly seconds: number; readonly bytes: number }) => void
  /** One emailed report queued. */
  readonly emailQueued: (o: { readonly report: string; readonly format: string }) => void
  /** Reads the queue gauges from `stats` at each scrape (the first call wins: one source per registry). */
  readonly watchQueue: (stats: () => Promise<QueueStats>) => void
}

/**
 * Queue gauges whose values come from one `stats` read per scrape, shared by the three gauges read at once. A
 * failed read (database down) leaves the three without samples; the rest of the scrape still answers.
 */
const queueGauges = (registry: Registry, stats: () => Promise<QueueStats>) => {
  let pending: Promise<QueueStats | undefined> | undefined
  const read = () => (pending ??= stats().catch(() => undefined).finally(() => (pending = undefined)))
  const gauge = (config: { name: string; help: string; labelNames?: Array<string> }, fill: (g: Gauge, s: QueueStats) => void) => {
    const g = new Gauge({ ...config, registers: [registry] })
    const get = g.get.bind(g)
    // Read at scrape time rather than `collect`: an unlabelled gauge's reset puts back a 0, which would pass for a value.
    g.get = async () => {
      const s = await read()
      g.reset()
      if (s === undefined) return { ...(await get()), values: [] }
      fill(g, s)
      return get()
    }
  }
  gauge({ name: "vcr_jobs", help: "History entries (the background jobs and the downloads) by status and delivery, read from the database", labelNames: ["status", "delivery"] },
    (g, s) => s.jobs.forEach((j) => g.set({ status: j.status, delivery: j.delivery }, j.count)))
  gauge({ name: "vcr_queue_oldest_age_seconds", help: "Seconds the oldest queued history entry has waited since it was requested (0 when none is queued)" },
    (g, s) => g.set(s.oldestQueuedAgeSeconds))
  gauge({ name: "vcr_emails", help: "Emails of generated reports in the outbox by status (pending, sending, sent, failed, uncertain), read from the database", labelNames: ["status"] },
    (g, s) => s.emails.forEach((e) => g.set({ status: e.status }, e.count)))
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
    emailQueued: (o) => emails.inc({ report: o.report, format: o.format }),
    watchQueue: (stats) => {
      if (registry.getSingleMetric("vcr_jobs") === undefined) queueGauges(registry, stats)
    }
  }
}
