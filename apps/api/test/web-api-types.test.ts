/**
 * The page's API types (apps/web/src/generated/api.ts) are generated from this server's OpenAPI document: a
 * change to the document without regenerating them fails here, so the page cannot drift from the API.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { webApiTypes, webApiTypesPath } from "../scripts/web-api-types.ts"

describe("the page's generated API types", () => {
  it("are what the OpenAPI document generates (regenerate: pnpm --filter @vcr/api run generate:web-types)", async () => {
    expect(readFileSync(webApiTypesPath, "utf8")).toBe(await webApiTypes())
  })
})
