/** Mounts the page in the visitor's locale. */
import { render } from "preact"
import { App } from "./app.tsx"
import { startLocale } from "./i18n/browser.ts"
import "./styles.css"

startLocale()
render(<App />, document.getElementById("app")!)
