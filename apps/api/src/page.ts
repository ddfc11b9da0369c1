/**
 * The Reports page (SPEC §10): plain HTML, CSS and a small script that uses only the JSON API. Settings,
 * Generate, tiles in three categories with Download (and Email), History, and the reporting configuration.
 * Served from the app's origin so the content security policy allows no inline script or style.
 */
import { indexHtml, signInHtml } from "./page-markup.ts"
import { pageJs, signInJs } from "./page-script.ts"
import { css } from "./page-styles.ts"

/** Static assets of the page, by path. */
export const pageAssets: Record<string, { type: string; body: string }> = {
  "/": { type: "text/html; charset=utf-8", body: indexHtml },
  "/signin": { type: "text/html; charset=utf-8", body: signInHtml },
  "/app.css": { type: "text/css; charset=utf-8", body: css },
  "/app.js": { type: "text/javascript; charset=utf-8", body: pageJs },
  "/signin.js": { type: "text/javascript; charset=utf-8", body: signInJs }
}
