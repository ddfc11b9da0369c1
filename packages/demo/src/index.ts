/**
 * @vcr/demo: a seeded generator of realistic telehealth platform data, the NDJSON records of SPEC §4 (directory
 * records, then logins and call events in time order), for `vcr demo`, tests and load tests. Same seed and
 * options give the same output; it streams, so a benchmark can draw millions of participant rows from it.
 */
export { generateDemo } from "./generate.ts"
export type { DemoOptions } from "./options.ts"
export { demoAdminUserId, demoOrganisationId } from "./plan.ts"
export { estimateParticipantRows } from "./schedule.ts"
