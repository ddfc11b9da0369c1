/**
 * @vcr/api: the HTTP JSON API and the Reports page. `createApp(options)` builds the express app from a store
 * and a files folder; `serve` listens and runs the history sweeper; `readConfiguration` decodes the environment.
 * The CLI's `vcr serve` and `vcr worker` use it.
 */
export { createApp, type AppOptions } from "./app.ts"
export { clockOf, ConfigurationError, decodeConfiguration, readConfiguration, type Configuration, type ConfigurationProblem, type Environment, type TrustProxy } from "./config.ts"
export { answerOf, type HttpAnswer } from "./errors.ts"
export { actorOf, createLoginLink, createToken, hashSecret } from "./auth.ts"
export { INGEST_LIMIT_BYTES } from "./ingest.ts"
export { openApiDocument } from "./openapi.ts"
export { serve, sweepExpired } from "./serve.ts"
export { createWorker, type Worker, type WorkerOptions } from "./worker.ts"
export { historyLifetimeMs, reportTitle, tombstoneLifetimeMs } from "@vcr/engine"
