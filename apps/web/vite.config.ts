/**
 * Builds the page to dist/: index.html, hashed files under assets/, and public/ (the favicon). The page is served
 * under a content security policy that allows only same-origin scripts and styles, so nothing may be inlined:
 * no module-preload polyfill (an inline script), no assets turned into data: URLs.
 */
import { defineConfig } from "vite"

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: "es2022",
    chunkSizeWarningLimit: 400
  }
})
