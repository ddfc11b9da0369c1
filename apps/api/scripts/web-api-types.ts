/**
 * The page's API types, generated from the API's own OpenAPI document (openapi-typescript), so that `apps/web`,
 * which depends on no server package, cannot drift from what the server answers. Not checked in: the page's build
 * and typecheck (`pnpm --filter @vcr/web run generate:api-types`) write them first, so they are never stale.
 */
import openapiTS, { astToString } from "openapi-typescript"
import { mkdirSync, renameSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { openApiDocument } from "../src/openapi.ts"

/** Where the page keeps the generated types. */
const webApiTypesPath = join(import.meta.dirname, "../../web/generated/api.ts")

const header = `/**
 * Generated from the API's OpenAPI document by apps/api/scripts/web-api-types.ts at the page's build and
 * typecheck; not checked in, do not edit.
 */
`

const types = astToString(await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0], { immutable: true }))
mkdirSync(dirname(webApiTypesPath), { recursive: true })
// Written to a temporary file and renamed, so a reader never sees half a file.
writeFileSync(`${webApiTypesPath}.tmp`, header + types)
renameSync(`${webApiTypesPath}.tmp`, webApiTypesPath)
