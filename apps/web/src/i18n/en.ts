import { schedulesEn } from "./schedules.en.ts"

/**
 * Every word the page shows, in English. Components read them only through `t` (./index.ts), so that another
 * locale is one more object of the same shape. Functions take the values a sentence needs.
 */
export const en = {
  locale: "en-GB",
  app: { title: "Reports", product: "vcr reports", infoIcon: "i", signedInAs: (who: string) => `Signed in as ${who}`, loading: "Loading…" },
  nav: { label: "Sections", reports: "Reports", history: "History", configuration: "Reporting configuration", signOut: "Sign out", schedules: "Schedules" },
  signIn: {
    heading: "Sign in to vcr reports",
    signedOut: "You are not signed in.",
    intro: "Enter the email address of your account and we will send you a one-time sign-in link.",
    afterLink: "After signing in you will be taken back to the report you opened.",
    email: "Email address",
    submit: "Email me a sign-in link",
    sending: "Sending…",
    sent: (email: string) => `If ${email} belongs to an account, a sign-in link is on its way. It works once, for 15 minutes.`,
    emailRequired: "Enter your email address",
    emailInvalid: "Enter an email address like name@example.org",
    tooMany: (seconds: string) => `Too many requests: try again in ${seconds} seconds.`,
    linkHeading: "Sign in to vcr reports",
    linkIntro: "This one-time link signs you in on this browser.",
    linkButton: "Sign in",
    linkFailed: "Sign-in failed.",
    requestAnother: "Request a new sign-in link"
  },
  settings: {
    heading: "Settings",
    organisation: "Organisation",
    scope: "Scope",
    wholeOrganisation: "Whole organisation",
    clinic: (name: string) => `Clinic: ${name}`,
    period: "Period",
    presets: { last7: "Last 7 days", lastMonth: "Last month", thisMonth: "This month", custom: "Custom" },
    from: "From",
    to: "To",
    timezone: "Timezone",
    minimum: "Minimum consultation duration (minutes)",
    generate: "Generate",
    generating: "Generating…",
    noRoles: "You have no roles that allow reports."
  },
  validation: {
    dateRequired: (field: string) => `${field} is required`,
    dateInvalid: (field: string) => `${field} must be a date like 2026-03-02`,
    toBeforeFrom: "to must be on or after from",
    timezoneRequired: "timezone is required",
    timezoneUnknown: (zone: string) => `timezone must be an IANA zone such as Australia/Sydney (got ${zone})`,
    fromTooEarly: (earliest: string) => `from must be ${earliest} or later`,
    toInFuture: (today: string, zone: string) => `to must not be after today in ${zone} (${today})`,
    minimumInvalid: "minimum_duration_minutes must be a number of minutes written with digits, such as 5 or 2.5",
    minimumRange: "minimum_duration_minutes must be from 0 to 1440 minutes",
    summary: (n: number) => (n === 1 ? "1 field needs attention." : `${n} fields need attention.`)
  },
  categories: { entities: "Entities", roles: "Roles", activities: "Activities" },
  tiles: {
    heading: "Summary",
    range: (scope: string, from: string, to: string, zone: string) => `${scope} · ${from} to ${to} · ${zone}`,
    open: (title: string) => `Preview ${title}`,
    about: (label: string) => `About ${label}`,
    previous: (value: string) => `previous period ${value}`,
    change: (percent: string) => `${percent} vs previous period`,
    noChange: "no change vs previous period",
    newActivity: "new vs previous period (none then)",
    fullValue: (value: string) => `Exact: ${value}`
  },
  /**
   * Each tile figure's name and what it counts (SPEC §7), by tile: a sum of a report column quotes that column's
   * description from the report (the test checks they agree), so the two Consultations figures explain themselves.
   */
  figures: {
    organisations: {
      organisations: { label: "Organisations", description: "Rows of the Organisations report: the organisations in scope." },
      user_accounts: { label: "User accounts", description: "Sum of User accounts: Distinct accounts that, at the end of the range, are not deactivated and hold at least one role in the organisation or in one of its clinics" },
      waiting_areas: { label: "Waiting areas", description: "Sum of Waiting areas: Clinics (one waiting area each) existing at the end of the range" },
      consultations: { label: "Consultations", description: "Sum of Consultations: Counted sessions (answered, consultation time at least the minimum) that entered a waiting area of this organisation in the range" },
      consultation_duration: { label: "Consultation time", description: "Sum of Consultation time: Total consultation time of those sessions, over all their segments" }
    },
    clinics: {
      clinics: { label: "Clinics", description: "Rows of the Clinics report: clinics that existed at any time in the range." },
      clinics_with_consultations: { label: "Clinics with consultations", description: "Clinics whose Consultations is more than 0." },
      abandoned_calls: { label: "Abandoned calls", description: "Sum of Abandoned calls: Segments of sessions of the range in this clinic whose caller left while waiting, never answered and not transferred (the minimum duration does not apply)" },
      transfers_out: { label: "Transfers out", description: "Sum of Transfers out: Segments of counted sessions transferred out of this clinic" }
    },
    "service-providers": {
      service_providers: { label: "Service providers", description: "Distinct service providers (user ids) in the Service Providers report." },
      service_providers_consulted: { label: "Providers who consulted", description: "Distinct service providers with Consultations more than 0." }
    },
    "service-provider-summary": {
      total: { label: "Total", description: "All Service Providers row, Total: Distinct accounts holding the role at the end of the range (accounts not deactivated)" },
      new: { label: "New", description: "All Service Providers row, New: Distinct accounts granted the role in the range" },
      deactivated: { label: "Deactivated", description: "All Service Providers row, Deactivated: Distinct accounts whose role was revoked, or whose account was deactivated while holding it, in the range" },
      logged_in: { label: "Logged in", description: "All Service Providers row, Logged in: Distinct accounts holding the role in the range that logged in during the range" },
      active: { label: "Active", description: "All Service Providers row, Active: Distinct accounts holding the role in the range that consulted (as host, with a caller) in a counted session or joined a counted room call as host" }
    },
    "room-calls": {
      room_calls: { label: "Room calls", description: "Distinct room calls (call ids) of the range that meet the minimum duration." },
      room_call_duration: { label: "Room call time", description: "Sum of Call duration over those calls: From call start to call end" }
    },
    consultations: {
      consultations: { label: "Consultations", description: "Distinct sessions (session ids) of the Waiting Area Consultations report that meet the minimum and were answered, each counted once however many segments or clinics it had." },
      consultation_duration: { label: "Consultation time", description: "Sum over the distinct segments of those sessions of Consultation time: Of the segment: time with at least one caller and one host present together" },
      abandoned: { label: "Abandoned", description: "Distinct abandoned segments, Abandoned: The caller left while waiting: never answered and not transferred" },
      transferred: { label: "Transferred", description: "Distinct segments of those sessions with a transfer time: callers moved on to another waiting area." },
      average_wait_duration: { label: "Average wait", description: "Mean over the distinct answered segments of those sessions of Wait: Of the segment: entry to answer time; if never answered, entry to the caller leaving or being transferred" },
      p90_wait_duration: { label: "P90 wait", description: "Nine in ten answered segments waited this long or less (nearest rank) — Wait: Of the segment: entry to answer time; if never answered, entry to the caller leaving or being transferred" }
    }
  } as Record<string, Record<string, { readonly label: string; readonly description: string }>>,
  reportTitles: {
    organisations: "Organisations", clinics: "Clinics", "service-providers": "Service Providers",
    "service-provider-summary": "Service Provider Summary", "room-calls": "Meeting and User Room Calls", consultations: "Waiting Area Consultations"
  },
  longRange: {
    notice: "This range is two months or longer. Summary tiles are only shown for shorter ranges; long reports are generated in the background and a link is emailed to you.",
    reports: "Reports for this range"
  },
  empty: {
    heading: "No activity in this range",
    body: (from: string, to: string) => `No consultations or room calls between ${from} and ${to}. Try a longer period or another scope.`
  },
  trends: {
    heading: "Trends",
    bucket: "Period",
    per: { day: "per day", week: "per week", month: "per month" },
    consultations: "Consultations",
    consultationTime: "Consultation time (hours)",
    waits: "Wait (minutes)",
    average: "Average",
    p90: "P90",
    abandonedTransferred: "Abandoned and transferred",
    abandoned: "Abandoned",
    transferred: "Transferred",
    roomCalls: "Room calls",
    byClinic: "Consultations by clinic",
    clinic: "Clinic",
    total: "Total",
    previous: (from: string, to: string) => `Previous period: ${from} to ${to}`,
    thisPeriod: "This period",
    previousPeriod: "Previous period",
    change: "Change",
    failed: (message: string) => `Trends are not available: ${message}`,
    chartLabel: (title: string, per: string, n: number) => `${title} ${per}, ${n} ${n === 1 ? "point" : "points"}`
  },
  actions: {
    format: (title: string) => `Format for ${title}`,
    download: "Download",
    downloadLabel: (title: string) => `Download ${title}`,
    email: "Email",
    emailLabel: (title: string) => `Email ${title}`,
    preparing: "Preparing…",
    preparingReport: (report: string) => `Preparing ${report}…`,
    downloaded: (file: string) => `Downloaded ${file}.`,
    emailed: (report: string, address: string) => `A link to ${report} will be emailed to ${address} when it is ready.`,
    yourAddress: "your address"
  },
  preview: {
    heading: (title: string) => `${title}: first rows`,
    shown: (shown: number, total: number) => `Showing ${shown} of ${total} rows. Download the report for all of them.`,
    none: "This report has no rows for these settings.",
    close: "Close",
    loading: "Loading preview…",
    columnInfo: (header: string) => `About the ${header} column`,
    yes: "Yes",
    no: "No"
  },
  history: {
    heading: "History (last 24 hours)",
    report: "Report",
    range: "Range",
    requested: (zone: string) => `Requested (${zone})`,
    delivery: "Delivery",
    status: "Status",
    action: "Action",
    again: (title: string) => `Download ${title} again`,
    download: "Download",
    empty: "No reports in the last 24 hours.",
    expired: "This report has expired: reports are kept for 24 hours.",
    notFound: "This report was not found.",
    entry: (title: string, from: string, to: string, status: string) => `${title}, ${from} – ${to}: ${status}`,
    /** The API's entry statuses and deliveries in words (English keeps the API's own). */
    statuses: { queued: "queued", generating: "generating", ready: "ready", failed: "failed", expired: "expired" },
    deliveries: { download: "download", email: "email" }
  },
  configuration: {
    heading: "Reporting configuration",
    tags: "Tags (one per line: key = label)",
    bandwidth: "Show bandwidth columns",
    timezone: "Default timezone",
    minimum: "Default minimum duration (minutes)",
    save: "Save",
    saved: "Saved."
  },
  units: { hours: "h", minutes: "min", seconds: "s", none: "–" },
  errors: { requestFailed: (status: number) => `Request failed (${status})` },
  language: { label: "Language", names: { en: "English", "zh-CN": "简体中文" } },
  schedules: schedulesEn
}

/** The shape every locale's catalogue has. */
export type Messages = typeof en
