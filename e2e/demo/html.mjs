// The demo's HTML: an index of scenarios for people, one page per scenario
// that triggers its 401 on load (for tests), and the storage pages. No
// external resources: the demo runs offline and on loopback only.

const esc = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** JSON safe inside <script>: no "</script>" or "<!--" can end it early. */
const scriptJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

const style = `
  :root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --accent: #0b5cad; --card: #f6f8fa; --border: #d0d7de; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --accent: #58a6ff; --card: #161b22; --border: #30363d; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
  h1 { font-size: 1.75rem; margin: 0.5rem 0; }
  h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
  p { margin: 0.25rem 0 0.5rem; }
  a { color: var(--accent); }
  a:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  code, pre { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  pre { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem; white-space: pre-wrap; word-break: break-all; }
  ul.scenarios { list-style: none; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
  ul.scenarios li { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 0.9rem 1rem; display: flex; flex-direction: column; }
  ul.scenarios li p { color: var(--muted); font-size: 0.95rem; flex: 1; }
  .cause { font-size: 0.85rem; }
  .run { display: inline-block; margin-top: 0.5rem; padding: 0.35rem 0.9rem; border-radius: 6px; background: var(--accent); color: var(--bg); text-decoration: none; font-weight: 600; align-self: flex-start; }
  button { font: inherit; padding: 0.35rem 0.9rem; border-radius: 6px; border: 1px solid var(--border); background: var(--card); color: var(--fg); cursor: pointer; }
  .muted { color: var(--muted); }
  iframe { width: 100%; height: 6rem; border: 1px solid var(--border); border-radius: 6px; }
`;

function layout(title, body, { script = '' } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

export function indexPage(scenarios, ctx) {
  const items = scenarios
    .map(
      (s) => `  <li>
    <h2 id="h-${esc(s.name)}">${esc(s.title)}</h2>
    <p>${esc(s.description)}</p>
    <span class="cause">Shows <code>${esc(s.cause)}</code> · ${s.count > 1 ? `${s.count} × ` : ''}${s.status}</span>
    <a class="run" href="/s/${esc(s.name)}" aria-describedby="h-${esc(s.name)}" data-scenario="${esc(s.name)}">Run</a>
  </li>`,
    )
    .join('\n');
  return layout(
    'Why 401 demo',
    `<header>
  <h1>Why 401 demo</h1>
  <p>Each scenario makes this server answer a real <strong>401</strong> (or 407). With the Why 401 extension
  loaded, run one and look at the toolbar badge, the popup and the panel in the page.</p>
  <p class="muted">Two origins on one server: <a href="${esc(ctx.origin)}/">${esc(ctx.origin)}</a> and
  <a href="${esc(ctx.altOrigin)}/">${esc(ctx.altOrigin)}</a>. Everything stays on this machine.</p>
</header>
<main>
<ul class="scenarios" aria-label="Scenarios">
${items}
</ul>
<h2>Site data</h2>
<p><a href="/storage/set">Set a cookie, localStorage and IndexedDB</a> on this origin, then
<a href="/storage/get">see what this origin holds</a> (for "clear site data").</p>
</main>`,
  );
}

/** The script every scenario page runs on load: it makes the 401 happen and says what it did. */
const runner = `
(async () => {
  const plan = JSON.parse(document.getElementById('plan').textContent);
  const main = document.querySelector('main');
  const out = document.getElementById('result');
  const lines = [];
  const say = (line) => { lines.push(line); out.textContent = lines.join('\\n'); };
  const waitFor = (el, events) => new Promise((resolve) => events.forEach((e) => el.addEventListener(e, () => resolve(e), { once: true })));
  try {
    if (plan.trigger === 'fetch' || plan.trigger === 'preflight') {
      // One after another, as an app's retry loop would.
      for (const r of plan.requests) {
        const shown = r.method + ' ' + r.url;
        try {
          const res = await fetch(r.url, { method: r.method, headers: r.headers, credentials: r.credentials, cache: 'no-store' });
          say(shown + ' → ' + res.status + ' ' + res.statusText);
        } catch (e) {
          say(shown + ' → failed: ' + e.message);
        }
      }
    } else if (plan.trigger === 'iframe') {
      const f = document.getElementById('frame');
      const how = await waitFor(f, ['load', 'error']);
      say('GET ' + plan.target + ' in a frame → ' + how);
    } else if (plan.trigger === 'image') {
      const img = document.getElementById('img');
      const how = img.complete ? (img.naturalWidth ? 'load' : 'error') : await waitFor(img, ['load', 'error']);
      say('GET ' + plan.target + ' as an image → ' + how);
    } else if (plan.trigger === 'navigation') {
      say('Navigating to ' + plan.target + ' …');
      location.assign(plan.target);
      return;
    }
  } finally {
    if (plan.trigger !== 'navigation') main.dataset.state = 'done';
  }
})();
`;

export function scenarioPage(s, plan) {
  const extra =
    s.trigger === 'iframe'
      ? `<iframe id="frame" src="${esc(plan.target)}" title="Protected frame"></iframe>`
      : s.trigger === 'image'
        ? `<p><img id="img" src="${esc(plan.target)}" alt="Protected image (does not load: it answers 401)" width="64" height="64"></p>`
        : '';
  return layout(
    `${s.title} · Why 401 demo`,
    `<header>
  <p><a href="/">← All scenarios</a></p>
  <h1>${esc(s.title)}</h1>
  <p>${esc(s.description)}</p>
  <p class="cause">Expected cause: <code data-expected-cause>${esc(s.cause)}</code></p>
</header>
<main data-state="running" data-scenario="${esc(s.name)}">
${extra}
<h2>What this page did</h2>
<pre id="result" aria-live="polite">Running…</pre>
<p><button type="button" onclick="location.reload()">Run again</button></p>
</main>
<script type="application/json" id="plan">${scriptJson(plan)}</script>`,
    { script: runner },
  );
}

export function basicProtectedPage(signedIn) {
  return layout(
    signedIn ? 'Signed in · Why 401 demo' : '401 · Why 401 demo',
    `<main>
  <p><a href="/">← All scenarios</a></p>
  <h1>${signedIn ? 'Signed in' : '401 Unauthorized'}</h1>
  <p>${
    signedIn
      ? 'You signed in with Basic auth (demo / demo).'
      : 'This page is protected by Basic auth. Reload and sign in with demo / demo, or look at what Why 401 says about the 401.'
  }</p>
</main>`,
  );
}

export function storageSetPage() {
  return layout(
    'Set site data · Why 401 demo',
    `<main data-state="running">
  <p><a href="/">← All scenarios</a></p>
  <h1>Set site data</h1>
  <p>This origin now holds a cookie <code>demo_cookie=1</code>, localStorage <code>demo_ls=1</code> and an IndexedDB database <code>demo_db</code>.</p>
  <p><a href="/storage/get">See what this origin holds</a></p>
  <pre id="result">Working…</pre>
</main>`,
    {
      script: `
(async () => {
  document.cookie = 'demo_cookie=1; path=/; SameSite=Lax';
  localStorage.setItem('demo_ls', '1');
  await new Promise((resolve, reject) => {
    const open = indexedDB.open('demo_db', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('things');
    open.onsuccess = () => {
      const tx = open.result.transaction('things', 'readwrite');
      tx.objectStore('things').put('1', 'demo');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
  document.getElementById('result').textContent = 'Done.';
  document.querySelector('main').dataset.state = 'done';
})();`,
    },
  );
}

export function storageGetPage() {
  return layout(
    'Site data · Why 401 demo',
    `<main data-state="running">
  <p><a href="/">← All scenarios</a></p>
  <h1>What this origin holds</h1>
  <pre id="state" aria-live="polite">Reading…</pre>
</main>`,
    {
      script: `
(async () => {
  const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name).sort() : null;
  const ls = {};
  for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); ls[k] = localStorage.getItem(k); }
  const cookies = document.cookie ? document.cookie.split('; ').sort() : [];
  document.getElementById('state').textContent = JSON.stringify({ origin: location.origin, cookies, localStorage: ls, indexedDB: dbs }, null, 2);
  document.querySelector('main').dataset.state = 'done';
})();`,
    },
  );
}

export function notFoundPage() {
  return layout(
    'Not found · Why 401 demo',
    '<main><h1>Not found</h1><p><a href="/">All scenarios</a></p></main>',
  );
}
