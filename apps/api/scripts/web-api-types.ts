/**
 * The page's API types, generated from the API's own OpenAPI document (openapi-typescript), so that `apps/web`,
 * which depends on no server package, cannot drift from what the server answers. Run after changing the document:
 *   pnpm --filter @vcr/api run generate:web-types
 * `test/web-api-types.test.ts` fails while the checked-in file differs from what this prints.
 */
import openapiTS, { astToString } from "openapi-typescript"
import { writeFileSync, renameSync } from "node:fs"
import { join } from "node:path"
import { openApiDocument } from "../src/openapi.ts"

/** Where the page keeps the generated types. */
export const webApiTypesPath = join(import.meta.dirname, "../../web/src/generated/api.ts")

const header = `/**
 * Generated from the API's OpenAPI document by apps/api/scripts/web-api-types.ts; do not edit.
 * Regenerate with: pnpm --filter @vcr/api run generate:web-types
 */
`

/** The text of the generated module. */
export const webApiTypes = async (): Promise<string> =>
  header + astToString(await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0], { immutable: true }))

if (process.argv[1] === import.meta.filename) {
  const temporary = `${webApiTypesPath}.tmp`
  writeFileSync(temporary, await webApiTypes())
  renameSync(temporary, webApiTypesPath)
  process.stdout.write(`wrote ${webApiTypesPath}\n`)
}
