/**
 * Where the built page (apps/web, `vite build`) is: beside the running module in the CLI's bundle (its build
 * copies apps/web/dist to apps/cli/dist/web), else apps/web/dist in the workspace (running from source).
 */
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const candidates = [new URL("./web/", import.meta.url), new URL("../../web/dist/", import.meta.url)]

/** The folder holding index.html and assets/, or undefined when the page has not been built. */
export const findWebRoot = (): string | undefined =>
  candidates.map((url) => fileURLToPath(url)).find((dir) => existsSync(`${dir}index.html`))
