/**
 * The scripts of the page, plain browser JavaScript served as files: the sign-in page's one action, and the
 * Reports page (settings, tiles with Download and Email, History, configuration), which uses only the JSON API.
 */

/** The sign-in page script served as /signin.js: posts the link's secret from the URL fragment. */
export const signInJs = String.raw`
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

/** The Reports page script served as /app.js. */
export const pageJs = String.raw`
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
