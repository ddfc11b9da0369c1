/**
 * The version `vcr --version` prints: apps/cli/package.json's, injected by the bundler (tsup.config.ts) so the
 * shipped file needs no package.json beside it. Running the sources directly (tsx) prints a development marker.
 */
declare const __VCR_VERSION__: string | undefined

/** The version of this build of vcr. */
export const version: string = typeof __VCR_VERSION__ === "string" ? __VCR_VERSION__ : "0.0.0-development"
