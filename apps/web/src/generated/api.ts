/**
 * Generated from the API's OpenAPI document by apps/api/scripts/web-api-types.ts; do not edit.
 * Regenerate with: pnpm --filter @vcr/api run generate:web-types
 */
export interface paths {
    readonly "/healthz": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Liveness */
        readonly get: operations["getHealth"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/readyz": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Readiness (database reachable) */
        readonly get: operations["getReadiness"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/auth/link": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Exchange a one-time sign-in link's secret for the session and CSRF cookies */
        readonly post: operations["signIn"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/sign-in-links": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Email a one-time sign-in link to an account's address (SPEC §11.3)
         * @description No credential needed. The answer is the same 202 whether or not the address belongs to an active account; an active account gets an email with <base>/signin[?next=<percent-encoded path>]#token=<secret>, valid 15 minutes, once (base: VCR_PUBLIC_URL, else this server's address). The page posts token and next to POST /auth/link, which answers the safe next to go to. Limited per address (3) and per client (10) per 15 minutes.
         */
        readonly post: operations["requestSignInLink"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/session": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /** Sign out: the session is deleted and its cookies cleared */
        readonly delete: operations["signOut"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/openapi.json": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** This document (public: it holds no data) */
        readonly get: operations["getOpenApi"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/me": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The account, its organisations, clinics and roles */
        readonly get: operations["getMe"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/tiles": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The six summary tiles (short ranges only) */
        readonly get: operations["getTiles"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/trends": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Tile figures per day, week or month, with totals and the previous period (ranges up to 13 months) */
        readonly get: operations["getTrends"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/reports/{report}/preview": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The first rows of a report (short range) and the total; nothing is recorded (SPEC §11.2)
         * @description Same scope and role checks as a download. A long range is a 400 (code range_too_long_for_preview, field to); a limit outside 1–200 is a 400 (field limit).
         */
        readonly get: operations["previewReport"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/reports/{report}/downloads": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Generate a report (short range) and stream the file; records a history entry */
        readonly post: operations["downloadReport"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/reports/{report}/emails": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Generate a report in the background and email a link */
        readonly post: operations["emailReport"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/history": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The caller's own entries of the last 24 hours */
        readonly get: operations["listHistory"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/history/{entry}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** One history entry */
        readonly get: operations["getHistoryEntry"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/history/{entry}/file": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The entry's file */
        readonly get: operations["getHistoryFile"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Receive events and directory records pushed by a platform (SPEC §11.6), all or nothing like vcr import of one file
         * @description The lines of SPEC §4 as NDJSON, up to 50 MB per request, streamed. Concurrent, out-of-order and repeated pushes store the same facts as one import of all their lines; reports and tiles include them as soon as the 200 is sent. Only a service token with the ingest scope may post; such a token gets 404 on every other route.
         */
        readonly post: operations["postEvents"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/schedules": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The caller's own schedules, oldest first */
        readonly get: operations["listSchedules"];
        readonly put?: never;
        /**
         * Schedule a report for yourself: generated at each occurrence and emailed to you as a link (SPEC §11.4)
         * @description Needs the right to run the report's scope now and at every occurrence; a schedule whose owner loses it is paused with the reason.
         */
        readonly post: operations["createSchedule"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/schedules/{schedule}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** One of the caller's schedules (anyone else's answers 404) */
        readonly get: operations["getSchedule"];
        readonly put?: never;
        readonly post?: never;
        /** Delete your schedule (its history entries stay) */
        readonly delete: operations["deleteSchedule"];
        readonly options?: never;
        readonly head?: never;
        /** Change fields of your schedule, pause it or resume it */
        readonly patch: operations["updateSchedule"];
        readonly trace?: never;
    };
    readonly "/api/v1/organisations/{org}/reporting-configuration": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Tags, bandwidth columns, default timezone and minimum */
        readonly get: operations["getReportingConfiguration"];
        /** Replace the reporting configuration */
        readonly put: operations["putReportingConfiguration"];
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        readonly Error: {
            readonly error: {
                /** @description Stable machine-readable code, such as invalid_parameter */
                readonly code: string;
                /** @description What went wrong, for people */
                readonly message: string;
                /** @description The parameter or field at fault, if any */
                readonly field: string | null;
            };
        };
        readonly Health: {
            /** @constant */
            readonly status: "ok";
        };
        readonly Ready: {
            /** @enum {string} */
            readonly status: "ready" | "database unreachable";
        };
        readonly SignInRequest: {
            /** @description The secret of a one-time sign-in link (the link's fragment: /signin?next=<path>#token=<secret>) */
            readonly token: string;
            /** @description Where to go after sign-in: a same-origin relative path such as /history/h-123 (one leading /, not // or /\, no scheme, no whitespace); anything else is ignored */
            readonly next?: string;
        };
        readonly SignInResult: {
            /** @constant */
            readonly signed_in: true;
            /** @description The request's next when it is a safe path, else / */
            readonly next: string;
        };
        readonly SignInLinkRequest: {
            /**
             * Format: email
             * @description The account's address (letter case ignored)
             */
            readonly email: string;
            /** @description Where to go after sign-in: a same-origin relative path such as /history/h-123 (one leading /, not // or /\, no scheme, no whitespace); anything else is ignored */
            readonly next?: string | null;
            /**
             * @description The language of the email
             * @default en
             * @enum {string}
             */
            readonly locale: "en" | "zh-CN";
        };
        /** @description The same answer whether or not the address belongs to an active account (no account enumeration) */
        readonly SignInLinkAccepted: {
            /** @constant */
            readonly accepted: true;
            /**
             * @description How long an emailed link works (once)
             * @constant
             */
            readonly link_lifetime_minutes: 15;
        };
        readonly Me: {
            readonly user: {
                /** @description User id */
                readonly id: string;
                /** @description Display name */
                readonly name: string | null;
                /** @description Email address */
                readonly email: string | null;
            };
            readonly organisations: readonly {
                /** @description Organisation id */
                readonly id: string;
                /** @description Organisation name */
                readonly name: string | null;
                /** @description Roles held: organisation roles by name, clinic roles as role:clinic_id */
                readonly roles: readonly string[];
                /** @description May run organisation-level reports */
                readonly organisation_reports: boolean;
                /** @description May read and replace the reporting configuration */
                readonly edit_configuration: boolean;
                /** @description The organisation's default timezone */
                readonly default_timezone: string;
                /** @description The organisation's default minimum duration */
                readonly default_minimum_duration_minutes: number;
                /** @description Clinics the caller may report on, by name */
                readonly clinics: readonly {
                    /** @description Id */
                    readonly id: string;
                    /** @description Name; blank if the directory has none */
                    readonly name: string | null;
                }[];
            }[];
        };
        readonly RunParameters: {
            readonly organisation_ids: readonly string[];
            /** @description The clinic of a clinic-level run */
            readonly clinic_id: string | null;
            /** Format: date */
            readonly from: string;
            /** Format: date */
            readonly to: string;
            /** @description IANA time zone */
            readonly timezone: string;
            readonly minimum_duration_minutes: number;
            /**
             * Format: date-time
             * @description Start of the range: local midnight of `from`
             */
            readonly range_start: string;
            /**
             * Format: date-time
             * @description End of the range: local midnight after `to`
             */
            readonly range_end: string;
            /** @enum {string} */
            readonly range_kind: "short" | "long";
        };
        readonly Summary: {
            readonly parameters: components["schemas"]["RunParameters"];
            /**
             * Format: date-time
             * @description When the tiles were computed
             */
            readonly generated_at: string;
            readonly tiles: readonly {
                /** @enum {string} */
                readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
                /** @enum {string} */
                readonly category: "entities" | "roles" | "activities";
                /** @description The report's title */
                readonly title: string;
                /** @description The tile's figures by key; null when there is nothing to average */
                readonly figures: {
                    readonly [key: string]: number | null;
                };
            }[];
        };
        readonly Trends: {
            readonly parameters: components["schemas"]["RunParameters"];
            /**
             * Format: date-time
             * @description When the trends were computed
             */
            readonly generated_at: string;
            /** @enum {string} */
            readonly granularity: "day" | "week" | "month";
            readonly buckets: readonly {
                /**
                 * Format: date-time
                 * @description Local midnight the bucket starts at (the range's start for the first)
                 */
                readonly start: string;
                /**
                 * Format: date-time
                 * @description Local midnight after the bucket (the range's end for the last)
                 */
                readonly end: string;
                /** @description Figures of the Waiting Area Consultations and Room Calls tiles (R76); durations in whole seconds */
                readonly figures: {
                    /** @description Counted sessions that entered the waiting area in the bucket */
                    readonly consultations: number;
                    /** @description Consultation time of those sessions' segments, seconds */
                    readonly consultation_duration: number;
                    /** @description Segments abandoned while waiting, of sessions that entered in the bucket */
                    readonly abandoned: number;
                    /** @description Segments of counted sessions transferred out */
                    readonly transferred: number;
                    /** @description Mean wait of the answered segments of counted sessions, seconds; null when none */
                    readonly average_wait_duration: number | null;
                    /** @description 90th percentile (nearest rank) of those waits, seconds; null when none */
                    readonly p90_wait_duration: number | null;
                    /** @description Room calls meeting the minimum that started in the bucket */
                    readonly room_calls: number;
                    /** @description Their total duration, seconds */
                    readonly room_call_duration: number;
                };
            }[];
            /** @description Figures of the Waiting Area Consultations and Room Calls tiles (R76); durations in whole seconds */
            readonly totals: {
                /** @description Counted sessions that entered the waiting area in the bucket */
                readonly consultations: number;
                /** @description Consultation time of those sessions' segments, seconds */
                readonly consultation_duration: number;
                /** @description Segments abandoned while waiting, of sessions that entered in the bucket */
                readonly abandoned: number;
                /** @description Segments of counted sessions transferred out */
                readonly transferred: number;
                /** @description Mean wait of the answered segments of counted sessions, seconds; null when none */
                readonly average_wait_duration: number | null;
                /** @description 90th percentile (nearest rank) of those waits, seconds; null when none */
                readonly p90_wait_duration: number | null;
                /** @description Room calls meeting the minimum that started in the bucket */
                readonly room_calls: number;
                /** @description Their total duration, seconds */
                readonly room_call_duration: number;
            };
            /** @description The same number of local days ending the day before `from`, same scope, zone and minimum (R77) */
            readonly previous: {
                /** Format: date */
                readonly from: string;
                /** Format: date */
                readonly to: string;
                /** @description Figures of the Waiting Area Consultations and Room Calls tiles (R76); durations in whole seconds */
                readonly totals: {
                    /** @description Counted sessions that entered the waiting area in the bucket */
                    readonly consultations: number;
                    /** @description Consultation time of those sessions' segments, seconds */
                    readonly consultation_duration: number;
                    /** @description Segments abandoned while waiting, of sessions that entered in the bucket */
                    readonly abandoned: number;
                    /** @description Segments of counted sessions transferred out */
                    readonly transferred: number;
                    /** @description Mean wait of the answered segments of counted sessions, seconds; null when none */
                    readonly average_wait_duration: number | null;
                    /** @description 90th percentile (nearest rank) of those waits, seconds; null when none */
                    readonly p90_wait_duration: number | null;
                    /** @description Room calls meeting the minimum that started in the bucket */
                    readonly room_calls: number;
                    /** @description Their total duration, seconds */
                    readonly room_call_duration: number;
                };
            };
            /** @description With by=clinic: every clinic of the scope with its own buckets */
            readonly clinics?: readonly {
                /** @description Clinic id */
                readonly clinic_id: string;
                /** @description Clinic name */
                readonly clinic_name: string | null;
                readonly buckets: readonly {
                    /**
                     * Format: date-time
                     * @description Local midnight the bucket starts at (the range's start for the first)
                     */
                    readonly start: string;
                    /**
                     * Format: date-time
                     * @description Local midnight after the bucket (the range's end for the last)
                     */
                    readonly end: string;
                    /** @description Figures of the Waiting Area Consultations and Room Calls tiles (R76); durations in whole seconds */
                    readonly figures: {
                        /** @description Counted sessions that entered the waiting area in the bucket */
                        readonly consultations: number;
                        /** @description Consultation time of those sessions' segments, seconds */
                        readonly consultation_duration: number;
                        /** @description Segments abandoned while waiting, of sessions that entered in the bucket */
                        readonly abandoned: number;
                        /** @description Segments of counted sessions transferred out */
                        readonly transferred: number;
                        /** @description Mean wait of the answered segments of counted sessions, seconds; null when none */
                        readonly average_wait_duration: number | null;
                        /** @description 90th percentile (nearest rank) of those waits, seconds; null when none */
                        readonly p90_wait_duration: number | null;
                        /** @description Room calls meeting the minimum that started in the bucket */
                        readonly room_calls: number;
                        /** @description Their total duration, seconds */
                        readonly room_call_duration: number;
                    };
                }[];
            }[];
        };
        readonly HistoryEntry: {
            /** @description Entry id */
            readonly id: string;
            /** @enum {string} */
            readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            /** @description The report's title */
            readonly title: string;
            /** @description Organisation id */
            readonly organisation_id: string;
            /** @description The clinic of a clinic-level run */
            readonly clinic_id: string | null;
            readonly parameters: components["schemas"]["RunParameters"];
            /** @enum {string} */
            readonly format: "xlsx" | "csv" | "json";
            /** @enum {string} */
            readonly delivery: "download" | "email";
            /** @enum {string} */
            readonly status: "queued" | "generating" | "ready" | "failed" | "expired";
            /** @description File size in bytes, once generated */
            readonly size: number | null;
            /** @description Why generating or emailing failed */
            readonly error: string | null;
            /**
             * Format: date-time
             * @description When it was requested
             */
            readonly requested_at: string;
            /**
             * Format: date-time
             * @description When the entry and its file expire (24 hours)
             */
            readonly expires_at: string;
            /** @description Where to download the file */
            readonly file_url: string;
            /**
             * @description The locale of the request: the file, its title here and its email are in it
             * @enum {string}
             */
            readonly locale: "en" | "zh-CN";
        };
        readonly HistoryList: {
            readonly entries: readonly components["schemas"]["HistoryEntry"][];
        };
        readonly ReportingConfiguration: {
            /** @description Organisation id */
            readonly organisation_id: string;
            /** @description Reporting tags: each becomes a `tag:<key>` column, headed by its label */
            readonly tags: readonly {
                /** @description Tag key */
                readonly key: string;
                /** @description Column header */
                readonly label?: string | null;
            }[];
            /** @description Show the six bandwidth columns in the Room Calls and Consultations reports */
            readonly bandwidth_columns: boolean;
            /** @description Default timezone of runs */
            readonly default_timezone: string | null;
            /** @description Default minimum consultation duration in minutes */
            readonly default_minimum_duration_minutes: number | null;
        };
        readonly ReportingConfigurationInput: {
            /** @description Reporting tags: each becomes a `tag:<key>` column, headed by its label */
            readonly tags: readonly {
                /** @description Tag key */
                readonly key: string;
                /** @description Column header */
                readonly label?: string | null;
            }[] | null;
            /** @description Show the six bandwidth columns in the Room Calls and Consultations reports */
            readonly bandwidth_columns: boolean;
            /** @description Default timezone of runs */
            readonly default_timezone: string | null;
            /** @description Default minimum consultation duration in minutes */
            readonly default_minimum_duration_minutes: number | null;
        };
        /** @description What one push stored: the same counts as `vcr import` of the body as one file */
        readonly IngestSummary: {
            /** @description Lines read, blank lines included */
            readonly lines: number;
            /** @description Non-blank lines, each one record */
            readonly records: number;
            readonly events: {
                /** @description New events stored */
                readonly inserted: number;
                /** @description Events already stored with the same content, ignored */
                readonly duplicates: number;
            };
            /** @description Directory records upserted (organisations, clinics, users, roles, rooms, reporting configurations) */
            readonly directory: number;
            /** @description Login records read */
            readonly logins: number;
            /** @description Components (linked sessions, room calls) whose facts were recomputed */
            readonly components: number;
            /** @description Size of the body */
            readonly bytes: number;
        };
        readonly Schedule: {
            /** @description Schedule id */
            readonly id: string;
            /**
             * @description The report id
             * @enum {string}
             */
            readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            /** @description The organisation the report is for */
            readonly organisation_id: string;
            /** @description The clinic of a clinic-level schedule, else null */
            readonly clinic_id: string | null;
            /**
             * @description File format of each occurrence's report
             * @enum {string}
             */
            readonly format: "xlsx" | "csv" | "json";
            /** @description IANA time zone, canonical spelling */
            readonly timezone: string;
            /** @description The minimum, or null for the organisation's configured minimum at each run */
            readonly minimum_duration_minutes: number | null;
            /** @enum {string} */
            readonly locale: "en" | "zh-CN";
            /** @description The range rule, canonical (previous_week, last_n_days:14) */
            readonly range: string;
            /** @description The recurrence, canonical (weekly Mon 08:00, a cron expression) */
            readonly recurrence: string;
            /** @enum {string} */
            readonly status: "active" | "paused";
            /** @description Why the schedule is paused (by its owner, or because the owner lost the right to its scope), in English, else null */
            readonly paused_reason: string | null;
            /**
             * @description Why the schedule is paused, as a stable code: paused_by_owner; access_lost (the owner lost the right to its scope); cannot_generate (the report no longer passes its own validation, paused_reason says why); null when active
             * @enum {string|null}
             */
            readonly paused_reason_code: "paused_by_owner" | "access_lost" | "cannot_generate" | null;
            /** @description The next five occurrences after now (R78); empty while paused */
            readonly next_occurrences: readonly string[];
            /** @description The latest occurrence that ran, or null */
            readonly last_run: {
                /** @description The history entry it created */
                readonly entry_id: string | null;
                /**
                 * @description That entry's status now
                 * @enum {string}
                 */
                readonly status: "queued" | "generating" | "ready" | "failed" | "expired";
                /** @description Run after downtime, later than its time */
                readonly late: boolean;
                /** @description Occurrences missed during downtime just before it, recorded as skipped (R78) */
                readonly skipped: number;
            } | null;
        };
        readonly ScheduleList: {
            readonly schedules: readonly components["schemas"]["Schedule"][];
        };
        readonly ScheduleInput: {
            /**
             * @description The report id
             * @enum {string}
             */
            readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            /** @description The organisation the report is for */
            readonly organisation_id: string;
            /** @description Narrow the report to one clinic of the organisation (optional) */
            readonly clinic_id?: string | null;
            /**
             * @description File format of each occurrence's report
             * @enum {string}
             */
            readonly format: "xlsx" | "csv" | "json";
            /** @description IANA time zone of the recurrence and of each run (any letter case) */
            readonly timezone: string;
            /** @description Minimum consultation duration in minutes, 0 to 1440 (optional; null or absent: the organisation's configured minimum at each run) */
            readonly minimum_duration_minutes?: number | string | null;
            /** @description Locale of the emails and report text, en or zh-CN in any letter case (optional, default en) */
            readonly locale?: string | null;
            /** @description The range each run covers, from the occurrence's local date (R79): previous_day, previous_week, previous_month, month_to_date or last_n_days:N (1 to 366) */
            readonly range: string;
            /** @description When it runs, in the schedule's timezone (R78): daily HH:MM, weekly <Mon..Sun> HH:MM, monthly <1..28> HH:MM, or a 5-field cron expression */
            readonly recurrence: string;
        };
        readonly ScheduleChange: {
            /**
             * @description The report id
             * @enum {string}
             */
            readonly report?: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            /** @description The organisation the report is for */
            readonly organisation_id?: string;
            /** @description Narrow the report to one clinic of the organisation (optional) */
            readonly clinic_id?: string | null;
            /**
             * @description File format of each occurrence's report
             * @enum {string}
             */
            readonly format?: "xlsx" | "csv" | "json";
            /** @description IANA time zone of the recurrence and of each run (any letter case) */
            readonly timezone?: string;
            /** @description Minimum consultation duration in minutes, 0 to 1440 (optional; null or absent: the organisation's configured minimum at each run) */
            readonly minimum_duration_minutes?: number | string | null;
            /** @description Locale of the emails and report text, en or zh-CN in any letter case (optional, default en) */
            readonly locale?: string | null;
            /** @description The range each run covers, from the occurrence's local date (R79): previous_day, previous_week, previous_month, month_to_date or last_n_days:N (1 to 366) */
            readonly range?: string;
            /** @description When it runs, in the schedule's timezone (R78): daily HH:MM, weekly <Mon..Sun> HH:MM, monthly <1..28> HH:MM, or a 5-field cron expression */
            readonly recurrence?: string;
            /**
             * @description paused stops the schedule (its reason: paused by its owner); active resumes it from now on
             * @enum {string}
             */
            readonly status?: "active" | "paused";
        };
        /** @description Organisations: One row per organisation in scope. */
        readonly OrganisationsRow: {
            /** @description Organisation ID: Stable identifier of the organisation */
            readonly organisation_id: string | null;
            /** @description Organisation: Name of the organisation */
            readonly organisation_name: string | null;
            /** @description State: State of the organisation */
            readonly state: string | null;
            /** @description Specialty: Specialty of the organisation */
            readonly specialty: string | null;
            /** @description Contract: Contract of the organisation */
            readonly contract: string | null;
            /**
             * Format: date-time
             * @description Created: When the organisation was created
             */
            readonly created_time: string | null;
            /**
             * Format: date-time
             * @description Deleted: When the organisation was deleted; blank if it has not been
             */
            readonly deleted_time: string | null;
            /** @description User accounts: Distinct accounts that, at the end of the range, are not deactivated and hold at least one role in the organisation or in one of its clinics */
            readonly user_accounts: number | null;
            /** @description Waiting areas: Clinics (one waiting area each) existing at the end of the range */
            readonly waiting_areas: number | null;
            /** @description New waiting areas: Clinics created in the range */
            readonly new_waiting_areas: number | null;
            /** @description Deleted waiting areas: Clinics deleted in the range */
            readonly deleted_waiting_areas: number | null;
            /** @description Service providers consulted: Distinct accounts that, as host, were together with a caller in a counted session of the range */
            readonly service_providers_consulted: number | null;
            /** @description Consultations: Counted sessions (answered, consultation time at least the minimum) that entered a waiting area of this organisation in the range */
            readonly consultations: number | null;
            /** @description Consultation time: Total consultation time of those sessions, over all their segments (whole seconds) */
            readonly consultation_duration: number | null;
            /** @description Meeting rooms: Rooms of any kind (meeting, group, user) existing at the end of the range */
            readonly meeting_rooms: number | null;
            /** @description New meeting rooms: Rooms of any kind created in the range */
            readonly new_meeting_rooms: number | null;
            /** @description Deleted meeting rooms: Rooms of any kind deleted in the range */
            readonly deleted_meeting_rooms: number | null;
            /** @description Room calls: Room calls that started in the range and last at least the minimum duration */
            readonly room_calls: number | null;
            /** @description Room call time: Total duration of those room calls (whole seconds) */
            readonly room_call_duration: number | null;
        };
        /** @description Clinics: One row per clinic that existed at any time in the range. One `tag:<key>` column per tag of the organisation's configuration follows. */
        readonly ClinicsRow: {
            /** @description Organisation: Name of the clinic's organisation */
            readonly organisation_name: string | null;
            /** @description Clinic ID: Stable identifier of the clinic */
            readonly clinic_id: string | null;
            /** @description Clinic: Name of the clinic */
            readonly clinic_name: string | null;
            /** @description Subdomain: Subdomain of the clinic */
            readonly subdomain: string | null;
            /** @description Waiting area status: Open or Closed, as currently configured */
            readonly waiting_area_status: string | null;
            /** @description State: State of the clinic */
            readonly state: string | null;
            /** @description Specialty: Specialty of the clinic */
            readonly specialty: string | null;
            /** @description Contract: Contract of the clinic */
            readonly contract: string | null;
            /** @description Consultation name: Name given to consultations in this clinic */
            readonly consultation_name: string | null;
            /**
             * Format: date-time
             * @description Created: When the clinic was created
             */
            readonly created_time: string | null;
            /**
             * Format: date-time
             * @description Deleted: When the clinic was deleted; blank if it has not been
             */
            readonly deleted_time: string | null;
            /**
             * Format: date-time
             * @description Last consultation: Answer time in this clinic of the latest counted session that entered before the end of the range (any earlier date included); blank if none
             */
            readonly last_consultation_time: string | null;
            /** @description Members: Distinct accounts holding a role in this clinic at the end of the range (accounts not deactivated) */
            readonly members: number | null;
            /** @description Members consulted: Distinct accounts that, as host in this clinic, were together with a caller in a counted session of the range */
            readonly members_consulted: number | null;
            /** @description New members: Distinct accounts granted a role in this clinic in the range */
            readonly new_members: number | null;
            /** @description Consultations: Counted sessions of the range answered in this clinic (a session counts once per clinic) */
            readonly consultations: number | null;
            /** @description Consultation time: Consultation time of those sessions spent in this clinic (whole seconds) */
            readonly consultation_duration: number | null;
            /** @description Average consultation: Consultation time divided by consultations, to the nearest second; blank if none (whole seconds) */
            readonly average_consultation_duration: number | null;
            /** @description Average wait: Mean wait (entry to answer) of the answered segments of counted sessions in this clinic, to the nearest second; blank if none (whole seconds) */
            readonly average_wait_duration: number | null;
            /** @description Abandoned calls: Segments of sessions of the range in this clinic whose caller left while waiting, never answered and not transferred (the minimum duration does not apply) */
            readonly abandoned_calls: number | null;
            /** @description Transfers in: Segments of counted sessions transferred into this clinic */
            readonly transfers_in: number | null;
            /** @description Transfers out: Segments of counted sessions transferred out of this clinic */
            readonly transfers_out: number | null;
        } & {
            readonly [key: string]: string | null;
        };
        /** @description Service Providers: One row per account holder per clinic (a blank-clinic row for holders of organisation roles only). One `tag:<key>` column per tag of the organisation's configuration follows. */
        readonly ServiceProvidersRow: {
            /** @description Organisation: Name of the organisation */
            readonly organisation_name: string | null;
            /** @description User ID: Stable identifier of the account */
            readonly user_id: string | null;
            /** @description User: Name of the account */
            readonly user_name: string | null;
            /** @description Email: Email address of the account */
            readonly email: string | null;
            /** @description Clinic ID: Clinic of the roles; blank on the row of a holder of organisation roles only */
            readonly clinic_id: string | null;
            /** @description Clinic: Name of the clinic; blank on the row of a holder of organisation roles only */
            readonly clinic_name: string | null;
            /** @description Roles: Roles held in this clinic (or in the organisation) at any time in the range, separated by '; ' */
            readonly roles: string | null;
            /**
             * Format: date-time
             * @description Access granted: Earliest grant among those roles that is still held at the end of the range; blank if none is held
             */
            readonly access_granted_time: string | null;
            /** @description Account status: Active, or Deactivated if deactivated before the end of the range */
            readonly account_status: string | null;
            /** @description Consultations: Counted sessions of the range in which this provider, as host in this clinic (any clinic of the organisation on a blank-clinic row), was together with a caller */
            readonly consultations: number | null;
            /** @description Consultation time: The provider's own time together with at least one caller in those sessions (whole seconds) */
            readonly consultation_duration: number | null;
            /**
             * Format: date-time
             * @description Last consultation: Start of the provider's latest own consultation time in a counted session that entered before the end of the range (any earlier date included); blank if none
             */
            readonly last_consultation_time: string | null;
            /** @description Room calls: Counted room calls of the range, in rooms of this clinic, that the provider joined as host */
            readonly room_calls: number | null;
            /** @description Room call time: The provider's own attendance in those room calls (whole seconds) */
            readonly room_call_duration: number | null;
            /**
             * Format: date-time
             * @description Last login: Latest login before the end of the range; blank if none
             */
            readonly last_login_time: string | null;
        } & {
            readonly [key: string]: string | null;
        };
        /** @description Service Provider Summary: One row per role, then a total row, per organisation. */
        readonly ServiceProviderSummaryRow: {
            /** @description Organisation: Name of the organisation */
            readonly organisation_name: string | null;
            /** @description Role: The role, or All Service Providers on the total row */
            readonly role: string | null;
            /** @description Access level: Organisation or Clinic; blank on the total row */
            readonly access_level: string | null;
            /** @description Total: Distinct accounts holding the role at the end of the range (accounts not deactivated) */
            readonly total: number | null;
            /** @description New: Distinct accounts granted the role in the range */
            readonly new: number | null;
            /** @description Deactivated: Distinct accounts whose role was revoked, or whose account was deactivated while holding it, in the range */
            readonly deactivated: number | null;
            /** @description Logged in: Distinct accounts holding the role in the range that logged in during the range */
            readonly logged_in: number | null;
            /** @description Active: Distinct accounts holding the role in the range that consulted (as host, with a caller) in a counted session or joined a counted room call as host */
            readonly active: number | null;
        };
        /** @description Meeting and User Room Calls: One row per participant per room call. The bandwidth columns are present when the organisation's configuration shows them. One `tag:<key>` column per tag of the organisation's configuration follows. */
        readonly RoomCallsRow: {
            /** @description Organisation: Name of the room's organisation */
            readonly organisation_name: string | null;
            /** @description Clinic ID: Clinic of the room */
            readonly clinic_id: string | null;
            /** @description Clinic: Name of the clinic of the room */
            readonly clinic_name: string | null;
            /** @description Room ID: Stable identifier of the room */
            readonly room_id: string | null;
            /** @description Room: Name of the room */
            readonly room_name: string | null;
            /** @description Room type: Meeting, Group or User */
            readonly room_type: string | null;
            /** @description Room owner: Owner of a user room; blank for other rooms */
            readonly room_owner_name: string | null;
            /** @description Call ID: Identifier of the room call */
            readonly call_id: string | null;
            /**
             * Format: date-time
             * @description Call start: First join of the call
             */
            readonly call_start_time: string | null;
            /**
             * Format: date-time
             * @description Call end: Last leave of the call
             */
            readonly call_end_time: string | null;
            /** @description Call duration: From call start to call end (whole seconds) */
            readonly call_duration: number | null;
            /** @description Participants in call: Distinct participants of the call */
            readonly participants_in_call: number | null;
            /** @description Participant ID: Identifier of the participant */
            readonly participant_id: string | null;
            /** @description User: Name of the account of a host; blank for guests */
            readonly user_name: string | null;
            /** @description Participant type: Host (an account holder) or Guest */
            readonly participant_type: string | null;
            /**
             * Format: date-time
             * @description Joined: First join of this participant
             */
            readonly joined_time: string | null;
            /**
             * Format: date-time
             * @description Left: Last leave of this participant
             */
            readonly left_time: string | null;
            /** @description Attendance: Total time this participant was present (whole seconds) */
            readonly attendance_duration: number | null;
            /** @description Meets minimum duration: Whether the call duration is at least the minimum consultation duration */
            readonly meets_minimum_duration: boolean | null;
            /** @description Incomplete: Whether a presence of this participant had no leave and was closed at the call's last event */
            readonly incomplete: boolean | null;
            /** @description Min sent (kbps): Lowest upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly min_sent_kbps?: number | null;
            /** @description Max sent (kbps): Highest upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly max_sent_kbps?: number | null;
            /** @description Average sent (kbps): Average upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly avg_sent_kbps?: number | null;
            /** @description Min received (kbps): Lowest download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly min_received_kbps?: number | null;
            /** @description Max received (kbps): Highest download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly max_received_kbps?: number | null;
            /** @description Average received (kbps): Average download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly avg_received_kbps?: number | null;
        } & {
            readonly [key: string]: string | null;
        };
        /** @description Waiting Area Consultations: One row per participant per segment. The bandwidth columns are present when the organisation's configuration shows them. One `tag:<key>` column per tag of the organisation's configuration follows. */
        readonly ConsultationsRow: {
            /** @description Organisation: Name of the clinic's organisation */
            readonly organisation_name: string | null;
            /** @description Clinic ID: Clinic of the segment */
            readonly clinic_id: string | null;
            /** @description Clinic: Name of the clinic of the segment */
            readonly clinic_name: string | null;
            /** @description Queued call ID: Identifier of the caller's entry into this clinic's queue */
            readonly queued_call_id: string | null;
            /** @description Session ID: The whole call; unchanged across transfers */
            readonly session_id: string | null;
            /** @description Segment ID: The part of the session spent in this clinic */
            readonly segment_id: string | null;
            /** @description Participant ID: Identifier of the participant */
            readonly participant_id: string | null;
            /**
             * Format: date-time
             * @description Waiting area entry: When the caller entered this clinic's waiting area (or was transferred in)
             */
            readonly waiting_area_entry_time: string | null;
            /**
             * Format: date-time
             * @description Answered: Of the segment: the first instant at which a caller and a host were present together; blank if never answered
             */
            readonly answered_time: string | null;
            /** @description User: Name of the account of a host; blank for callers */
            readonly user_name: string | null;
            /** @description Participant type: Caller (the patient or an invited person) or Host */
            readonly participant_type: string | null;
            /**
             * Format: date-time
             * @description Joined: First join; for the primary caller the segment's answer time, blank if never answered
             */
            readonly joined_time: string | null;
            /**
             * Format: date-time
             * @description Left: Last leave (for the primary caller, or the transfer out)
             */
            readonly left_time: string | null;
            /** @description Attendance: Total presence; for the primary caller only the time together with at least one host (whole seconds) */
            readonly attendance_duration: number | null;
            /** @description Wait: Of the segment: entry to answer time; if never answered, entry to the caller leaving or being transferred (whole seconds) */
            readonly wait_duration: number | null;
            /**
             * Format: date-time
             * @description Segment end: Last leave of any participant of the segment
             */
            readonly segment_end_time: string | null;
            /**
             * Format: date-time
             * @description Transfer time: When the caller was transferred out of this segment; blank if not
             */
            readonly transfer_time: string | null;
            /** @description Transferred to clinic ID: Clinic the caller was transferred to */
            readonly transferred_to_clinic_id: string | null;
            /** @description Transferred to clinic: Name of that clinic; blank when it belongs to an organisation outside this report's scope */
            readonly transferred_to_clinic_name: string | null;
            /** @description Transferred to segment ID: Segment started by the transfer */
            readonly transferred_to_segment_id: string | null;
            /** @description Participants in segment: Distinct participants of the segment, caller included */
            readonly participants_in_segment: number | null;
            /** @description Consultation time: Of the segment: time with at least one caller and one host present together (whole seconds) */
            readonly consultation_duration: number | null;
            /** @description Meets minimum duration: Whether the session's consultation time (all segments) is at least the minimum */
            readonly meets_minimum_duration: boolean | null;
            /** @description Abandoned: The caller left while waiting: never answered and not transferred */
            readonly abandoned: boolean | null;
            /**
             * Format: date-time
             * @description Abandoned time: When the caller of an abandoned segment left
             */
            readonly abandoned_time: string | null;
            /** @description Incomplete: Whether a presence of this participant had no closing event and was closed at the segment's last event */
            readonly incomplete: boolean | null;
            /** @description Min sent (kbps): Lowest upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly min_sent_kbps?: number | null;
            /** @description Max sent (kbps): Highest upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly max_sent_kbps?: number | null;
            /** @description Average sent (kbps): Average upload bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly avg_sent_kbps?: number | null;
            /** @description Min received (kbps): Lowest download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly min_received_kbps?: number | null;
            /** @description Max received (kbps): Highest download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly max_received_kbps?: number | null;
            /** @description Average received (kbps): Average download bandwidth of this participant, as last reported when leaving; blank if never reported */
            readonly avg_received_kbps?: number | null;
        } & {
            readonly [key: string]: string | null;
        };
        readonly OrganisationsDocument: {
            /** @constant */
            readonly report: "organisations";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["OrganisationsRow"][];
        };
        readonly ClinicsDocument: {
            /** @constant */
            readonly report: "clinics";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ClinicsRow"][];
        };
        readonly ServiceProvidersDocument: {
            /** @constant */
            readonly report: "service-providers";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ServiceProvidersRow"][];
        };
        readonly ServiceProviderSummaryDocument: {
            /** @constant */
            readonly report: "service-provider-summary";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ServiceProviderSummaryRow"][];
        };
        readonly RoomCallsDocument: {
            /** @constant */
            readonly report: "room-calls";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["RoomCallsRow"][];
        };
        readonly ConsultationsDocument: {
            /** @constant */
            readonly report: "consultations";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ConsultationsRow"][];
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly OrganisationsPreview: {
            /** @constant */
            readonly report: "organisations";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["OrganisationsRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly ClinicsPreview: {
            /** @constant */
            readonly report: "clinics";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ClinicsRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly ServiceProvidersPreview: {
            /** @constant */
            readonly report: "service-providers";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ServiceProvidersRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly ServiceProviderSummaryPreview: {
            /** @constant */
            readonly report: "service-provider-summary";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ServiceProviderSummaryRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly RoomCallsPreview: {
            /** @constant */
            readonly report: "room-calls";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["RoomCallsRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
        /** @description The first `limit` rows of the JSON report, in report order; `total_rows` is the number of rows of the full report. */
        readonly ConsultationsPreview: {
            /** @constant */
            readonly report: "consultations";
            readonly title: string;
            readonly parameters: components["schemas"]["RunParameters"];
            /** Format: date-time */
            readonly generated_at: string;
            readonly columns: readonly {
                readonly key: string;
                readonly header: string;
                /** @enum {string} */
                readonly type: "string" | "integer" | "seconds" | "instant" | "date" | "boolean";
                readonly description: string;
            }[];
            readonly rows: readonly components["schemas"]["ConsultationsRow"][];
            /** @description Rows of the full report (exact) */
            readonly total_rows: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    readonly getHealth: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description alive */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Health"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getReadiness: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description ready */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Ready"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description database unreachable */
            readonly 503: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Ready"];
                };
            };
        };
    };
    readonly signIn: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["SignInRequest"];
            };
        };
        readonly responses: {
            /** @description signed in: Set-Cookie carries vcr_session and vcr_csrf */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["SignInResult"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests (see Retry-After) */
            readonly 429: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly requestSignInLink: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["SignInLinkRequest"];
            };
        };
        readonly responses: {
            /** @description accepted (the same for every address) */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["SignInLinkAccepted"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests (see Retry-After) */
            readonly 429: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly signOut: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description signed out */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getOpenApi: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description OpenAPI document */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": Record<string, never>;
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getMe: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the caller */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Me"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getTiles: {
        readonly parameters: {
            readonly query?: {
                /** @description First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later */
                readonly from?: string;
                /** @description Last date, inclusive (default: today); not after today in the timezone */
                readonly to?: string;
                /** @description IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney) */
                readonly timezone?: string;
                /** @description Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0) */
                readonly minimum_duration_minutes?: number | string;
                /** @description Narrow the run to one clinic of the organisation */
                readonly clinic_id?: string;
                /** @description Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry */
                readonly locale?: string;
            };
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description summary document (SPEC §7) */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Summary"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict (range too long, not ready) */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getTrends: {
        readonly parameters: {
            readonly query?: {
                /** @description First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later */
                readonly from?: string;
                /** @description Last date, inclusive (default: today); not after today in the timezone */
                readonly to?: string;
                /** @description IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney) */
                readonly timezone?: string;
                /** @description Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0) */
                readonly minimum_duration_minutes?: number | string;
                /** @description Narrow the run to one clinic of the organisation */
                readonly clinic_id?: string;
                /** @description Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry */
                readonly locale?: string;
                /** @description Bucket size in the run's timezone (default: day up to 62 days, week up to 26 weeks, month beyond) */
                readonly granularity?: "day" | "week" | "month";
                /** @description Add each clinic's buckets (those of a clinic-level run for that clinic) */
                readonly by?: "clinic";
            };
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description trends document (SPEC §11.1) */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Trends"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly previewReport: {
        readonly parameters: {
            readonly query?: {
                /** @description First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later */
                readonly from?: string;
                /** @description Last date, inclusive (default: today); not after today in the timezone */
                readonly to?: string;
                /** @description IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney) */
                readonly timezone?: string;
                /** @description Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0) */
                readonly minimum_duration_minutes?: number | string;
                /** @description Narrow the run to one clinic of the organisation */
                readonly clinic_id?: string;
                /** @description Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry */
                readonly locale?: string;
                /** @description Rows to return */
                readonly limit?: number;
            };
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
                /** @description Report id */
                readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the JSON report's first rows and total_rows */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationsPreview"] | components["schemas"]["ClinicsPreview"] | components["schemas"]["ServiceProvidersPreview"] | components["schemas"]["ServiceProviderSummaryPreview"] | components["schemas"]["RoomCallsPreview"] | components["schemas"]["ConsultationsPreview"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly downloadReport: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
                /** @description Report id */
                readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": {
                    /**
                     * Format: date
                     * @description First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later
                     */
                    readonly from?: string;
                    /**
                     * Format: date
                     * @description Last date, inclusive (default: today); not after today in the timezone
                     */
                    readonly to?: string;
                    /** @description IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney) */
                    readonly timezone?: string;
                    /** @description Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0) */
                    readonly minimum_duration_minutes?: number | string;
                    /** @description Narrow the run to one clinic of the organisation */
                    readonly clinic_id?: string;
                    /** @description Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry */
                    readonly locale?: string;
                    /**
                     * @description File format
                     * @default xlsx
                     * @enum {string}
                     */
                    readonly format?: "xlsx" | "csv" | "json";
                };
            };
        };
        readonly responses: {
            /** @description the file (the X-History-Entry header names its entry) */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    readonly "text/csv": string;
                    readonly "application/json": components["schemas"]["OrganisationsDocument"] | components["schemas"]["ClinicsDocument"] | components["schemas"]["ServiceProvidersDocument"] | components["schemas"]["ServiceProviderSummaryDocument"] | components["schemas"]["RoomCallsDocument"] | components["schemas"]["ConsultationsDocument"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict (range too long, not ready) */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests (see Retry-After) */
            readonly 429: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly emailReport: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
                /** @description Report id */
                readonly report: "organisations" | "clinics" | "service-providers" | "service-provider-summary" | "room-calls" | "consultations";
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": {
                    /**
                     * Format: date
                     * @description First date of the range, YYYY-MM-DD (default: first day of this month); 2019-08-28 or later
                     */
                    readonly from?: string;
                    /**
                     * Format: date
                     * @description Last date, inclusive (default: today); not after today in the timezone
                     */
                    readonly to?: string;
                    /** @description IANA time zone, any letter case (default: the organisation's configured zone, else Australia/Sydney) */
                    readonly timezone?: string;
                    /** @description Minimum consultation duration in minutes, 0 to 1440 (default: configured, else 0) */
                    readonly minimum_duration_minutes?: number | string;
                    /** @description Narrow the run to one clinic of the organisation */
                    readonly clinic_id?: string;
                    /** @description Language of the words: en (default) or zh-CN, any letter case (R80). Titles, headers, field descriptions, sheet names, Yes/No and the email change; keys, ids, values, numbers and instants never do. An emailed report keeps it in its history entry */
                    readonly locale?: string;
                    /**
                     * @description File format
                     * @default xlsx
                     * @enum {string}
                     */
                    readonly format?: "xlsx" | "csv" | "json";
                };
            };
        };
        readonly responses: {
            /** @description queued: the history entry */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["HistoryEntry"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly listHistory: {
        readonly parameters: {
            readonly query?: {
                /** @description Only entries of this organisation */
                readonly organisation_id?: string;
                /** @description Only entries of this clinic */
                readonly clinic_id?: string;
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description entries, newest first */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["HistoryList"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getHistoryEntry: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description History entry id */
                readonly entry: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the entry */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["HistoryEntry"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description expired */
            readonly 410: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getHistoryFile: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description History entry id */
                readonly entry: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the file */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    readonly "text/csv": string;
                    readonly "application/json": components["schemas"]["OrganisationsDocument"] | components["schemas"]["ClinicsDocument"] | components["schemas"]["ServiceProvidersDocument"] | components["schemas"]["ServiceProviderSummaryDocument"] | components["schemas"]["RoomCallsDocument"] | components["schemas"]["ConsultationsDocument"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict (range too long, not ready) */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description expired */
            readonly 410: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly postEvents: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/x-ndjson": string;
            };
        };
        readonly responses: {
            /** @description stored: the counts */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["IngestSummary"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an event id already used for a different event (nothing stored) */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests (see Retry-After) */
            readonly 429: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly listSchedules: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description schedules */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ScheduleList"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly createSchedule: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["ScheduleInput"];
            };
        };
        readonly responses: {
            /** @description the schedule */
            readonly 201: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests (see Retry-After) */
            readonly 429: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getSchedule: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Schedule id */
                readonly schedule: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the schedule */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly deleteSchedule: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Schedule id */
                readonly schedule: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description deleted */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly updateSchedule: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Schedule id */
                readonly schedule: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["ScheduleChange"];
            };
        };
        readonly responses: {
            /** @description the schedule */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly getReportingConfiguration: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description the configuration */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReportingConfiguration"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readonly putReportingConfiguration: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description Organisation id */
                readonly org: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["ReportingConfigurationInput"];
            };
        };
        readonly responses: {
            /** @description the configuration now */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReportingConfiguration"];
                };
            };
            /** @description bad parameter: the error names the field and the rule */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description missing CSRF token, or a credential that may not do this */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found (also anything outside your roles) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description body too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
            /** @description unsupported media type */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
