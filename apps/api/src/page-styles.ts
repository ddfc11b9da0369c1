/** The page's one stylesheet: readable defaults, visible focus, tiles in a grid, a stacked table on small screens. */

/** The stylesheet served as /app.css. */
export const css = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; background: #fff; line-height: 1.4; }
body { margin: 0 auto; padding: 1rem; max-width: 72rem; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.5rem; border-bottom: 1px solid #ccd; margin-bottom: 1rem; }
h1 { font-size: 1.5rem; margin: .25rem 0; }
nav { display: flex; flex-wrap: wrap; gap: .5rem; margin-left: auto; }
button, select, input, textarea { font: inherit; }
button { padding: .45rem .9rem; border: 1px solid #2a4d8f; background: #2a4d8f; color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary, nav button { background: #fff; color: #2a4d8f; }
nav button[aria-pressed="true"] { background: #2a4d8f; color: #fff; }
button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
button[disabled] { opacity: .6; cursor: progress; }
form#settings { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem 1rem; align-items: start; }
.field { display: flex; flex-direction: column; gap: .2rem; }
.field.check { flex-direction: row; align-items: center; gap: .5rem; }
.field input, .field select, .field textarea { padding: .4rem; border: 1px solid #889; border-radius: 4px; }
.actions { align-self: end; }
.error { color: #a4161a; margin: 0; min-height: 1em; font-size: .9rem; }
.notice { border-left: 4px solid #f0a000; padding: .5rem 1rem; background: #fff8e6; margin: 1rem 0; }
.category { margin-top: 1.5rem; }
.category h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
.tile-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.tile { border: 1px solid #ccd; border-radius: 6px; padding: .75rem 1rem; }
.tile h4 { margin: 0 0 .5rem; font-size: 1rem; }
.tile dl { display: grid; grid-template-columns: 1fr auto; gap: .15rem .75rem; margin: 0 0 .75rem; }
.tile dt { color: #455; } .tile dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; text-align: right; }
.tile .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.busy::after { content: ""; display: inline-block; width: .8em; height: .8em; margin-left: .4em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; vertical-align: -.1em; }
@keyframes spin { to { transform: rotate(360deg); } }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } td { border: none; padding: .1rem 0; } tr { border-bottom: 1px solid #dde; padding: .5rem 0; } }
`
