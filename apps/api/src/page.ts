/**
 * The Reports page (SPEC §10): plain HTML, CSS and a small script that uses only the JSON API. Settings,
 * Generate, tiles in three categories with Download (and Email), History, and the reporting configuration.
 * Served from the app's origin so the content security policy allows no inline script or style.
 */

const html = String.raw

const index = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports · vcr</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header>
  <h1>Reports</h1>
  <p id="who" aria-live="polite"></p>
  <nav aria-label="Sections">
    <button type="button" id="show-reports" aria-pressed="true">Reports</button>
    <button type="button" id="show-history">History</button>
    <button type="button" id="show-configuration" hidden>Reporting configuration</button>
    <button type="button" id="sign-out">Sign out</button>
  </nav>
</header>
<main>
  <p id="signed-out" hidden>You are not signed in. Open the sign-in link that <code>vcr login-link --user &lt;id&gt;</code> (or <code>vcr demo</code>) printed.</p>
  <section id="reports" aria-labelledby="settings-title" hidden>
    <h2 id="settings-title">Settings</h2>
    <form id="settings" novalidate>
      <div class="field"><label for="organisation">Organisation</label><select id="organisation" name="organisation"></select></div>
      <div class="field"><label for="scope">Scope</label><select id="scope" name="scope"></select></div>
      <div class="field"><label for="from">From</label><input id="from" name="from" type="date" required aria-describedby="from-error"><p class="error" id="from-error" role="alert"></p></div>
      <div class="field"><label for="to">To</label><input id="to" name="to" type="date" required aria-describedby="to-error"><p class="error" id="to-error" role="alert"></p></div>
      <div class="field"><label for="timezone">Timezone</label><input id="timezone" name="timezone" list="zones" autocomplete="off" aria-describedby="timezone-error"><datalist id="zones"></datalist><p class="error" id="timezone-error" role="alert"></p></div>
      <div class="field"><label for="minimum">Minimum consultation duration (minutes)</label><input id="minimum" name="minimum" inputmode="decimal" aria-describedby="minimum_duration_minutes-error"><p class="error" id="minimum_duration_minutes-error" role="alert"></p></div>
      <div class="actions"><button type="submit" id="generate">Generate</button></div>
      <p class="error" id="form-error" role="alert"></p>
    </form>
    <div id="long-range" class="notice" hidden role="status">
      <p>This range is two months or longer. Summary tiles are only shown for shorter ranges; long reports are generated in the background and a link is emailed to you.</p>
      <div id="long-actions"></div>
    </div>
    <div id="tiles" aria-live="polite"></div>
    <p id="status" role="status" aria-live="polite"></p>
  </section>
  <section id="history" aria-labelledby="history-title" hidden>
    <h2 id="history-title">History (last 24 hours)</h2>
    <table><thead><tr><th scope="col">Report</th><th scope="col">Range</th><th scope="col">Requested</th><th scope="col">Delivery</th><th scope="col">Status</th><th scope="col"><span class="sr">Action</span></th></tr></thead><tbody id="history-rows"></tbody></table>
    <p id="history-empty" hidden>No reports in the last 24 hours.</p>
  </section>
  <section id="configuration" aria-labelledby="configuration-title" hidden>
    <h2 id="configuration-title">Reporting configuration</h2>
    <form id="configuration-form" novalidate>
      <div class="field"><label for="config-tags">Tags (one per line: key = label)</label><textarea id="config-tags" rows="4" aria-describedby="tags-error"></textarea><p class="error" id="tags-error" role="alert"></p></div>
      <div class="field check"><input id="config-bandwidth" type="checkbox"><label for="config-bandwidth">Show bandwidth columns</label></div>
      <div class="field"><label for="config-timezone">Default timezone</label><input id="config-timezone" list="zones" aria-describedby="default_timezone-error"><p class="error" id="default_timezone-error" role="alert"></p></div>
      <div class="field"><label for="config-minimum">Default minimum duration (minutes)</label><input id="config-minimum" inputmode="decimal" aria-describedby="default_minimum_duration_minutes-error"><p class="error" id="default_minimum_duration_minutes-error" role="alert"></p></div>
      <div class="actions"><button type="submit">Save</button></div>
      <p id="configuration-status" role="status"></p>
    </form>
  </section>
</main>
</body>
</html>`

const signin = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · vcr</title>
<link rel="stylesheet" href="/app.css"><script src="/signin.js" defer></script></head>
<body><main><h1>Sign in to vcr reports</h1>
<p>This one-time link signs you in on this browser.</p>
<button type="button" id="sign-in">Sign in</button>
<p class="error" id="sign-in-error" role="alert"></p></main></body></html>`

const signinJs = String.raw`
"use strict";
document.getElementById("sign-in").addEventListener("click", async () => {
  const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
  history.replaceState(null, "", "/signin");
  const res = await fetch("/auth/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
  if (res.ok) {
    const next = sessionStorage.getItem("vcr_next") || "";
    sessionStorage.removeItem("vcr_next");
    location.href = /^\/history\/[A-Za-z0-9_-]+$/.test(next) ? next : "/";
    return;
  }
  const body = await res.json().catch(() => ({}));
  document.getElementById("sign-in-error").textContent = (body.error && body.error.message) || "Sign-in failed.";
});
`

const css = `
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

const js = String.raw`
"use strict";
const $ = (id) => document.getElementById(id);
const csrf = () => (document.cookie.split("; ").find((c) => c.startsWith("vcr_csrf=")) || "").slice(9);
const api = async (path, init = {}) => {
  const headers = Object.assign({ "X-CSRF-Token": decodeURIComponent(csrf()) }, init.body ? { "Content-Type": "application/json" } : {}, init.headers || {});
  return fetch("/api/v1" + path, Object.assign({}, init, { headers, credentials: "same-origin" }));
};
const errorOf = async (res) => { try { return (await res.json()).error; } catch { return { code: "error", message: "Request failed (" + res.status + ")", field: null }; } };
let me = null;
const categories = [["entities", "Entities"], ["roles", "Roles"], ["activities", "Activities"]];
const reports = [["organisations", "Organisations", "entities"], ["clinics", "Clinics", "entities"], ["service-providers", "Service Providers", "roles"], ["service-provider-summary", "Service Provider Summary", "roles"], ["room-calls", "Meeting and User Room Calls", "activities"], ["consultations", "Waiting Area Consultations", "activities"]];
const label = (key) => key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
const seconds = (s) => s === null ? "–" : (Math.floor(s / 3600) + ":" + String(Math.floor(s / 60) % 60).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0"));
const show = (name) => {
  for (const s of ["reports", "history", "configuration"]) { $(s).hidden = s !== name; const b = $("show-" + s); if (b) b.setAttribute("aria-pressed", String(s === name)); }
  if (name === "history") loadHistory();
  if (name === "configuration") loadConfiguration();
};
const org = () => me.organisations.find((o) => o.id === $("organisation").value);
const clearErrors = () => document.querySelectorAll("#settings .error").forEach((e) => (e.textContent = ""));
const showError = (error) => {
  const target = error.field && $(error.field + "-error");
  (target || $("form-error")).textContent = error.message;
  const input = error.field && { from: "from", to: "to", timezone: "timezone", minimum_duration_minutes: "minimum" }[error.field];
  if (input) $(input).setAttribute("aria-invalid", "true");
};
const params = () => {
  const p = { from: $("from").value, to: $("to").value, timezone: $("timezone").value.trim(), minimum_duration_minutes: $("minimum").value.trim() };
  if ($("scope").value !== "") p.clinic_id = $("scope").value;
  return p;
};
const fillScopes = () => {
  const o = org(); const scope = $("scope"); scope.innerHTML = "";
  if (o.organisation_reports) scope.add(new Option("Whole organisation", ""));
  for (const c of o.clinics) scope.add(new Option("Clinic: " + (c.name || c.id), c.id));
  $("timezone").value = o.default_timezone; $("minimum").value = String(o.default_minimum_duration_minutes);
  $("show-configuration").hidden = !o.edit_configuration;
};
const today = () => new Date().toISOString().slice(0, 10);
const init = async () => {
  const res = await api("/me");
  if (res.status === 401) {
    // Remember an emailed link so that signing in on this browser brings the user back to it.
    if (/^\/history\/[A-Za-z0-9_-]+$/.test(location.pathname)) sessionStorage.setItem("vcr_next", location.pathname);
    $("signed-out").hidden = false; document.querySelector("nav").hidden = true; return;
  }
  me = await res.json();
  $("who").textContent = "Signed in as " + (me.user.name || me.user.id);
  for (const o of me.organisations) $("organisation").add(new Option(o.name || o.id, o.id));
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : [];
  for (const z of zones) { const opt = document.createElement("option"); opt.value = z; $("zones").append(opt); }
  const t = today(); $("from").value = t.slice(0, 8) + "01"; $("to").value = t;
  if (me.organisations.length === 0) { $("form-error").textContent = "You have no roles that allow reports."; }
  else fillScopes();
  $("reports").hidden = false;
  const linked = location.pathname.match(/^\/history\/([A-Za-z0-9_-]+)$/);
  if (linked) showEntry(linked[1]);
};
const showEntry = async (id) => {
  show("history");
  const box = document.createElement("div"); box.className = "notice"; box.id = "linked-entry"; box.setAttribute("role", "status");
  const res = await api("/history/" + encodeURIComponent(id));
  if (res.status === 410) box.textContent = "This report has expired: reports are kept for 24 hours.";
  else if (!res.ok) box.textContent = "This report was not found.";
  else {
    const e = await res.json();
    box.textContent = e.title + ", " + e.parameters.from + " – " + e.parameters.to + ": " + e.status + (e.error ? " (" + e.error + ")" : "") + ". ";
    if (e.status === "ready" || (e.status === "failed" && e.size !== null)) { const a = document.createElement("a"); a.href = e.file_url; a.textContent = "Download"; box.append(a); }
  }
  $("history").prepend(box);
};
const download = async (report, format, button) => {
  button.disabled = true; button.classList.add("busy"); const original = button.textContent; button.textContent = "Preparing…";
  $("status").textContent = "Preparing " + report + "…";
  try {
    const res = await api("/organisations/" + encodeURIComponent(org().id) + "/reports/" + report + "/downloads", { method: "POST", body: JSON.stringify(Object.assign(params(), { format })) });
    if (!res.ok) { const e = await errorOf(res); $("status").textContent = e.message; return; }
    const blob = await res.blob();
    const name = (res.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
    const a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = name ? name[1] : report + "." + format;
    document.body.append(a); a.click(); a.remove(); setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    $("status").textContent = "Downloaded " + a.download + ".";
  } finally { button.disabled = false; button.classList.remove("busy"); button.textContent = original; }
};
const email = async (report, format, button) => {
  button.disabled = true;
  try {
    const res = await api("/organisations/" + encodeURIComponent(org().id) + "/reports/" + report + "/emails", { method: "POST", body: JSON.stringify(Object.assign(params(), { format })) });
    if (!res.ok) { const e = await errorOf(res); $("status").textContent = e.message; return; }
    $("status").textContent = "A link to " + report + " will be emailed to " + (me.user.email || "your address") + " when it is ready.";
  } finally { button.disabled = false; }
};
const actions = (report, title, long) => {
  const row = document.createElement("div"); row.className = "row";
  const sel = document.createElement("select"); sel.setAttribute("aria-label", "Format for " + title);
  for (const f of ["xlsx", "csv", "json"]) sel.add(new Option(f.toUpperCase(), f));
  row.append(sel);
  if (!long) { const d = document.createElement("button"); d.type = "button"; d.textContent = "Download"; d.setAttribute("aria-label", "Download " + title); d.addEventListener("click", () => download(report, sel.value, d)); row.append(d); }
  const e = document.createElement("button"); e.type = "button"; e.className = "secondary"; e.textContent = "Email"; e.setAttribute("aria-label", "Email " + title); e.addEventListener("click", () => email(report, sel.value, e)); row.append(e);
  return row;
};
const renderTiles = (summary) => {
  const root = $("tiles"); root.innerHTML = "";
  for (const [cat, name] of categories) {
    const section = document.createElement("section"); section.className = "category"; section.setAttribute("aria-label", name);
    const h = document.createElement("h3"); h.textContent = name; section.append(h);
    const grid = document.createElement("div"); grid.className = "tile-grid";
    for (const tile of summary.tiles.filter((t) => t.category === cat)) {
      const card = document.createElement("article"); card.className = "tile"; card.dataset.report = tile.report;
      const title = document.createElement("h4"); title.textContent = tile.title; card.append(title);
      const dl = document.createElement("dl");
      for (const [k, v] of Object.entries(tile.figures)) { const dt = document.createElement("dt"); dt.textContent = label(k); const dd = document.createElement("dd"); dd.textContent = k.endsWith("_duration") ? seconds(v) : (v === null ? "–" : String(v)); dl.append(dt, dd); }
      card.append(dl, actions(tile.report, tile.title, false)); grid.append(card);
    }
    section.append(grid); root.append(section);
  }
};
const generate = async (event) => {
  event.preventDefault(); clearErrors(); document.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  $("tiles").innerHTML = ""; $("long-range").hidden = true; $("status").textContent = "Generating…";
  const q = new URLSearchParams(params());
  const res = await api("/organisations/" + encodeURIComponent(org().id) + "/tiles?" + q.toString());
  $("status").textContent = "";
  if (res.ok) { renderTiles(await res.json()); return; }
  const e = await errorOf(res);
  if (e.code === "range_too_long_for_tiles") {
    $("long-range").hidden = false; const box = $("long-actions"); box.innerHTML = "";
    for (const [id, title] of reports) { const p = document.createElement("p"); p.textContent = title + " "; p.append(actions(id, title, true)); box.append(p); }
    return;
  }
  showError(e);
};
const loadHistory = async () => {
  const res = await api("/history"); const body = $("history-rows"); body.innerHTML = "";
  if (!res.ok) return;
  const { entries } = await res.json();
  $("history-empty").hidden = entries.length > 0;
  for (const e of entries) {
    const tr = document.createElement("tr");
    const cells = [e.title + (e.clinic_id ? " (" + e.clinic_id + ")" : ""), e.parameters.from + " – " + e.parameters.to + " " + e.parameters.timezone, new Date(e.requested_at).toLocaleString(), e.delivery, e.status];
    for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.append(td); }
    const td = document.createElement("td");
    if (e.status === "ready") { const a = document.createElement("a"); a.href = e.file_url; a.textContent = "Download"; a.setAttribute("aria-label", "Download " + e.title + " again"); td.append(a); }
    tr.append(td); body.append(tr);
  }
};
const loadConfiguration = async () => {
  const res = await api("/organisations/" + encodeURIComponent(org().id) + "/reporting-configuration");
  if (!res.ok) return;
  const c = await res.json();
  $("config-tags").value = c.tags.map((t) => t.key + " = " + t.label).join("\n");
  $("config-bandwidth").checked = c.bandwidth_columns; $("config-timezone").value = c.default_timezone || ""; $("config-minimum").value = c.default_minimum_duration_minutes === null ? "" : String(c.default_minimum_duration_minutes);
};
const saveConfiguration = async (event) => {
  event.preventDefault(); document.querySelectorAll("#configuration-form .error").forEach((e) => (e.textContent = ""));
  const tags = $("config-tags").value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => { const [k, ...rest] = l.split("="); return { key: k.trim(), label: (rest.join("=").trim() || k.trim()) }; });
  const m = $("config-minimum").value.trim();
  const body = { tags, bandwidth_columns: $("config-bandwidth").checked, default_timezone: $("config-timezone").value.trim() || null, default_minimum_duration_minutes: m === "" ? null : Number(m) };
  const res = await api("/organisations/" + encodeURIComponent(org().id) + "/reporting-configuration", { method: "PUT", body: JSON.stringify(body) });
  if (res.ok) { $("configuration-status").textContent = "Saved."; return; }
  const e = await errorOf(res); const target = e.field && $(e.field + "-error"); (target || $("configuration-status")).textContent = e.message;
};
document.addEventListener("DOMContentLoaded", () => {
  $("settings").addEventListener("submit", generate);
  $("organisation").addEventListener("change", fillScopes);
  $("show-reports").addEventListener("click", () => show("reports"));
  $("show-history").addEventListener("click", () => show("history"));
  $("show-configuration").addEventListener("click", () => show("configuration"));
  $("configuration-form").addEventListener("submit", saveConfiguration);
  $("sign-out").addEventListener("click", async () => { await api("/session", { method: "DELETE" }); location.href = "/"; });
  init();
});
`

/** Static assets of the page, by path. */
export const pageAssets: Record<string, { type: string; body: string }> = {
  "/": { type: "text/html; charset=utf-8", body: index },
  "/signin": { type: "text/html; charset=utf-8", body: signin },
  "/app.css": { type: "text/css; charset=utf-8", body: css },
  "/app.js": { type: "text/javascript; charset=utf-8", body: js },
  "/signin.js": { type: "text/javascript; charset=utf-8", body: signinJs }
}
