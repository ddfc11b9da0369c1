/**
 * The markup of the Reports page and of the sign-in page: plain HTML with labelled fields, live regions for
 * status and errors, and no inline script or style (the content security policy allows only same-origin files).
 */

const html = String.raw

/** The Reports page. */
export const indexHtml = html`<!doctype html>
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

/** The sign-in page an emailed or printed link opens. */
export const signInHtml = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · vcr</title>
<link rel="stylesheet" href="/app.css"><script src="/signin.js" defer></script></head>
<body><main><h1>Sign in to vcr reports</h1>
<p>This one-time link signs you in on this browser.</p>
<button type="button" id="sign-in">Sign in</button>
<p class="error" id="sign-in-error" role="alert"></p></main></body></html>`
