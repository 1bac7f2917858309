// Hostile and storm routes for the reliability and security specs
// (e2e/security.spec.ts, e2e/storm.spec.ts, docs/security.md). Everything
// lives under /x/ so the scenario table and its pages stay as they are.
//
//   /x/hostile            a page that fetches every hostile 401 below, then says done
//   /x/api/hostile/<kind> a 401 whose server text is an attack (HTML, script, javascript:
//                         URLs, bidi overrides, control bytes, Latin-1/invalid UTF-8, a
//                         200 KB header, 1,000 challenges in one field)
//   /x/storm?n=N&c=C&d=D  a page that fires N fetches (C at a time, each with a Bearer token)
//                         at /x/api/storm, each answered 401 after D ms, and measures how
//                         long its main thread stalls; halfway, one fetch to another
//                         endpoint of the site, /x/api/storm/other (N ≥ 100)
//   /x/api/storm[/…]?i=I&d=D  401 Bearer, tiny, after D ms
//   /x/secrets            a page that sends known secrets (Bearer, Basic, X-API-Key,
//                         ?api_key=, a cookie) to /x/api/secret, answered 401
//   /x/cookies            sets a host cookie, a Partitioned (CHIPS) cookie, localStorage and
//                         IndexedDB and, on b.a.localhost, a cookie for the wider a.localhost
//   /x/bare               an empty page with no script of its own
//   /x/one401             a page that gets one 401 (so the popup offers its origin's fixes)

/** The secrets /x/secrets sends: the specs search every output for them. */
export const SECRETS = {
  bearer:
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlci1ob3N0aWxlIn0.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZS14eXo',
  basicUser: 'hostile-user',
  basicPassword: 'Pa55w0rd-never-shown-9f3k2',
  apiKeyHeader: 'ak_live_header_7fa9c2e1d04b4b8e9a33',
  apiKeyQuery: 'ak_live_query_51c0e9a2b7d84f6a90ee',
  cookie: 'sess_cookie_value_0c4e8a1f9b2d47e6a5',
};

/** Text that would leave a trace if any part of the product parsed it as HTML or ran it. */
const MARK = 'why401-injected';
const HTML_PAYLOAD =
  `<img id="${MARK}" src="x:" onerror="window.__pwned=(window.__pwned||0)+1">` +
  `<script>window.__pwned=(window.__pwned||0)+1</script><b id="${MARK}-b">bold</b>`;

export const HOSTILE_MARK = MARK;

const BIDI = '\u202Egnp.exe\u202C \u2066x\u2069 \u200F';
// C0 controls except the ones Node refuses in a header (\0, \r, \n).
const CONTROLS =
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i))
    .filter((c) => !'\0\r\n'.includes(c))
    .join('') + '\u007f';

/**
 * Each hostile 401: its WWW-Authenticate value(s) and body. Header values are
 * written as Latin-1 bytes by Node; `raw` ones are written byte for byte.
 */
export const HOSTILE = {
  html: {
    challenge: `Bearer realm="${HTML_PAYLOAD.replace(/"/g, "'")}", error="invalid_token", error_description="<script>window.__pwned=1</script><a href='javascript:window.__pwned=1'>fix</a>", error_uri="javascript:window.__pwned=1"`,
    body: `<!doctype html><html><body><h1>401</h1>${HTML_PAYLOAD}<a href="javascript:window.__pwned=1">Sign in</a></body></html>`,
    type: 'text/html',
  },
  json: {
    challenge: `Bearer error="invalid_token", error_uri="javascript:alert(1)", authorization_uri="javascript:alert(2)"`,
    body: JSON.stringify({
      error: 'invalid_token',
      error_description: HTML_PAYLOAD,
      more_info: 'javascript:window.__pwned=1',
      message: `<svg onload="window.__pwned=1"><a href="javascript:void(window.__pwned=1)">x</a>`,
    }),
    type: 'application/json',
  },
  bidi: {
    // HTTP field values allow no control character but tab; the body carries the rest.
    challenge: `Bearer realm="${BIDI}\tend", error_description="${BIDI}"`,
    body: JSON.stringify({ error: `${BIDI}${CONTROLS}` }),
    type: 'application/json',
  },
  bytes: {
    // 0xE9 alone is Latin-1 "é" and invalid UTF-8; 0xC3 0x28 is an invalid UTF-8 pair.
    raw: Buffer.concat([
      // Not Basic: a Basic challenge on fetch() waits on an auth prompt nothing answers.
      Buffer.from('Bearer realm="caf'),
      Buffer.from([0xe9, 0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from('"'),
    ]),
    body: Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    type: 'application/json',
  },
  big: {
    // Chromium refuses response headers over ~256 KB in total: 200 KB is what a browser accepts.
    challenge: `Bearer realm="${'A'.repeat(200 * 1024)}"`,
    body: 'x'.repeat(1024 * 1024),
    type: 'text/plain',
  },
  many: {
    challenge: Array.from(
      { length: 1000 },
      (_, i) => `Scheme${i} realm="r${i}<b id='${MARK}-${i}'>"`,
    ).join(', '),
    body: '',
    type: 'text/plain',
  },
};

export const HOSTILE_KINDS = Object.keys(HOSTILE);

function page(title, script) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main data-state="running"><h1>${title}</h1><pre id="state">Working…</pre></main>
<script>${script}</script></body></html>`;
}

const done = `
function done(state) {
  document.getElementById('state').textContent = JSON.stringify(state);
  document.querySelector('main').dataset.state = 'done';
}`;

function hostilePage() {
  return page(
    'Hostile 401s',
    `${done}
window.__pwned = 0;
(async () => {
  const kinds = ${JSON.stringify(HOSTILE_KINDS)};
  const statuses = [];
  for (const k of kinds) {
    // A browser may refuse a response outright (e.g. headers over its limit): note it, go on.
    try {
      const r = await fetch('/x/api/hostile/' + k, { cache: 'no-store' });
      statuses.push(r.status);
      await r.arrayBuffer();
    } catch (e) {
      statuses.push(String(e && e.name));
    }
  }
  done({ statuses });
})();`,
  );
}

function stormPage(n, c, d) {
  return page(
    'A 401 storm',
    `${done}
(async () => {
  const n = ${n}, c = ${c};
  // The page's own responsiveness: the longest gap between timer ticks while the storm runs.
  let last = performance.now(), maxGap = 0, ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  let frames = 0;
  const raf = () => { frames++; if (running) requestAnimationFrame(raf); };
  let running = true;
  requestAnimationFrame(raf);
  const t0 = performance.now();
  let next = 0, ok401 = 0;
  const init = { cache: 'no-store', credentials: 'omit', headers: { Authorization: 'Bearer storm-e2e-token' } };
  let other = 0;
  async function lane() {
    while (next < n) {
      const i = next++;
      // Another endpoint of the same site, once, in the middle of the storm.
      if (n >= 100 && i === Math.floor(n / 2)) other = (await fetch('/x/api/storm/other?i=' + i, init)).status;
      const r = await fetch('/x/api/storm?i=' + i + '&d=${d}', init);
      if (r.status === 401) ok401++;
      await r.arrayBuffer();
    }
  }
  await Promise.all(Array.from({ length: c }, lane));
  running = false;
  clearInterval(timer);
  done({ fired: n, ok401, other, ms: Math.round(performance.now() - t0), maxGap: Math.round(maxGap), ticks, frames });
})();`,
  );
}

function secretsPage() {
  const s = SECRETS;
  return page(
    'Secrets sent',
    `${done}
(async () => {
  const basic = btoa(${JSON.stringify(`${s.basicUser}:${s.basicPassword}`)});
  const calls = [
    ['/x/api/secret?kind=bearer', { Authorization: 'Bearer ${s.bearer}' }],
    ['/x/api/secret?kind=basic', { Authorization: 'Basic ' + basic }],
    ['/x/api/secret?kind=header', { 'X-API-Key': '${s.apiKeyHeader}' }],
    ['/x/api/secret?kind=query&api_key=${s.apiKeyQuery}', {}],
    ['/x/api/secret?kind=cookie', {}],
  ];
  const statuses = [];
  for (const [url, headers] of calls) {
    const r = await fetch(url, { headers, cache: 'no-store', credentials: 'same-origin' });
    statuses.push(r.status);
  }
  done({ statuses });
})();`,
  );
}

function one401Page() {
  return page(
    'One 401',
    `${done}
(async () => {
  const r = await fetch('/x/api/storm?from=one', { cache: 'no-store' });
  done({ status: r.status });
})();`,
  );
}

function cookiesPage(host) {
  return page(
    'Cookies of many kinds',
    `${done}
(async () => {
  localStorage.setItem('x_ls', location.host);
  await new Promise((resolve, reject) => {
    const open = indexedDB.open('x_db', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('s');
    open.onsuccess = () => { open.result.close(); resolve(); };
    open.onerror = () => reject(open.error);
  });
  done({ host: ${JSON.stringify(host)}, cookies: document.cookie ? document.cookie.split('; ').sort() : [] });
})();`,
  );
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Answers /x/… requests; returns false for any other path so the demo server
 * goes on with its own routes.
 */
export function handleHostile(req, res, ctx) {
  const url = new URL(req.url ?? '/', ctx.origin);
  const path = url.pathname;
  if (!path.startsWith('/x/')) return false;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const html = (body, headers = {}) =>
    send(res, 200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body);

  if (path === '/x/hostile') return (html(hostilePage()), true);
  if (path === '/x/bare') return (html(page('Bare', '')), true);
  if (path === '/x/one401') return (html(one401Page()), true);
  if (path === '/x/storm') {
    const n = Math.min(Math.max(Number(url.searchParams.get('n')) || 100, 1), 20_000);
    const c = Math.min(Math.max(Number(url.searchParams.get('c')) || 6, 1), 64);
    const d = Math.min(Math.max(Number(url.searchParams.get('d')) || 0, 0), 5_000);
    return (html(stormPage(n, c, d)), true);
  }
  if (path === '/x/secrets') {
    return (
      html(secretsPage(), { 'Set-Cookie': `x_session=${SECRETS.cookie}; Path=/; SameSite=Lax` }),
      true
    );
  }
  if (path === '/x/cookies') {
    const cookies = [
      `x_host=1; Path=/; SameSite=Lax`,
      `x_chips=1; Path=/; Secure; SameSite=None; Partitioned`,
    ];
    // b.a.localhost may set a cookie for the wider domain a.localhost, which
    // a.localhost and its other subdomains share. (Domain=localhost is refused:
    // browsers treat a single label as a top-level domain.)
    const labels = host.split('.');
    if (host.endsWith('.localhost') && labels.length >= 3) {
      cookies.push(`x_wide=1; Path=/; Domain=${labels.slice(1).join('.')}; SameSite=Lax`);
    }
    return (html(cookiesPage(host), { 'Set-Cookie': cookies }), true);
  }
  if (path === '/x/api/storm' || path.startsWith('/x/api/storm/')) {
    const answer = () =>
      send(
        res,
        401,
        { 'WWW-Authenticate': 'Bearer realm="storm"', 'Content-Type': 'text/plain' },
        'no',
      );
    const delay = Math.min(Number(url.searchParams.get('d')) || 0, 5_000);
    if (delay > 0) setTimeout(answer, delay);
    else answer();
    return true;
  }
  if (path === '/x/api/secret') {
    send(
      res,
      401,
      {
        'WWW-Authenticate': 'Bearer realm="secrets", error="invalid_token"',
        'Content-Type': 'application/json',
      },
      // A careless server echoes what it was sent: the product must mask it anyway.
      JSON.stringify({
        error: 'invalid_token',
        message: `rejected ${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''}`,
      }),
    );
    return true;
  }
  const m = /^\/x\/api\/hostile\/([a-z]+)$/.exec(path);
  const h = m && HOSTILE[m[1]];
  if (h) {
    // Node writes a header string as Latin-1 and refuses characters above U+00FF:
    // UTF-8 text (the bidi controls) and raw bytes go in as Latin-1 strings of their bytes.
    const challenge = (h.raw ?? Buffer.from(h.challenge, 'utf8')).toString('latin1');
    send(res, 401, { 'WWW-Authenticate': challenge, 'Content-Type': h.type }, h.body);
    return true;
  }
  send(res, 404, { 'Content-Type': 'text/plain' }, 'not found');
  return true;
}
