/**
 * Where the in-repository acceptance scenario lives, for tests outside @vcr/core (store, api, cli): the
 * three-clinic-transfer input and its expected outputs, kept under core's test fixtures so no test reads outside
 * the checkout.
 */
import { join } from "node:path"

/** The folder holding `input.ndjson` and the `expected-*.json` files of the three-clinic-transfer scenario. */
export const acceptanceDir = join(import.meta.dirname, "../packages/core/test/fixtures/three-clinic-transfer")

/** A provider on several devices in room calls (R73): overlap, a rejoin, a gap, and a second clinic. */
export const providerDevicesPath = join(import.meta.dirname, "../packages/core/test/fixtures/provider-devices.ndjson")
