// The Why 401 demo server: plain Node, no dependencies.
//   node e2e/demo/server.mjs        (PORT env, default 4010)
// Serves one origin on two names, http://127.0.0.1:PORT and
// http://localhost:PORT, for cross-origin and site-data isolation tests.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { handleHostile } from './hostile.mjs';
import { indexPage, notFoundPage, scenarioPage, storageGetPage, storageSetPage } from './html.mjs';
import { scenarioByName, scenarios } from './scenarios.mjs';

export { scenarios };

/**
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<import('./server.d.mts').DemoServer>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  const requests = [];
  let bound = 0;

  const server = createServer((req, res) => {
    requests.push({
      method: req.method,
      url: `http://${req.headers.host}${req.url}`,
      headers: { ...req.headers },
      time: Date.now(),
    });
    handle(req, res, bound).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // A second listener on ::1: browsers may resolve "localhost" to ::1 first
  // (Chromium and Firefox both try it), and one server object keeps one log.
  const server6 = createServer(server.listeners('request')[0]);

  for (let attempt = 0; ; attempt++) {
    bound = await listen(server, port, host);
    if (host !== '127.0.0.1' && host !== 'localhost') break;
    const err = await listen(server6, bound, '::1').then(
      () => undefined,
      (e) => e,
    );
    if (!err) break;
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT') break; // no IPv6 here: 127.0.0.1 is enough
    await new Promise((r) => server.close(r));
    // The random port was taken on ::1 only: try another one.
    if (err.code !== 'EADDRINUSE' || port !== 0 || attempt >= 5) throw err;
  }

  const origin = `http://127.0.0.1:${bound}`;
  return {
    port: bound,
    origin,
    altOrigin: `http://localhost:${bound}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server6.closeAllConnections();
      await Promise.all(
        [server, server6].filter((s) => s.listening).map((s) => new Promise((r) => s.close(r))),
      );
    },
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/** The two names of this server, seen from the name the browser used. */
function originsOf(req, port) {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const a = `http://127.0.0.1:${port}`;
  const b = `http://localhost:${port}`;
  // A subdomain of localhost (browsers resolve it to loopback) is an origin of
  // its own, its "other origin" a fresh one below it: the specs use them for
  // hosts the extension has never seen.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost$/.test(host)) {
    return { origin: `http://${host}:${port}`, altOrigin: `http://alt.${host}:${port}` };
  }
  return host === 'localhost' ? { origin: b, altOrigin: a } : { origin: a, altOrigin: b };
}

function send(res, status, headers, body) {
  // no-store: every run of a scenario must reach the server and produce its 401.
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}
const html = (res, body, headers = {}) =>
  send(res, 200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body);

async function handle(req, res, port) {
  const ctx = originsOf(req, port);
  const { pathname } = new URL(req.url ?? '/', ctx.origin);
  // Hostile, storm and secret pages for the security specs (hostile.mjs), all under /x/.
  if (handleHostile(req, res, ctx)) return;

  if (pathname === '/' && req.method === 'GET') return html(res, indexPage(scenarios, ctx));
  if (pathname === '/favicon.ico') return send(res, 204, {}, '');
  if (pathname === '/storage/set') {
    return html(res, storageSetPage(), { 'Set-Cookie': 'demo_cookie=1; Path=/; SameSite=Lax' });
  }
  if (pathname === '/storage/get') return html(res, storageGetPage());

  const page = /^\/s\/([a-z0-9-]+)$/.exec(pathname);
  const pageScenario = page && scenarioByName.get(page[1]);
  if (pageScenario) {
    const s = pageScenario;
    const plan = {
      name: s.name,
      trigger: s.trigger,
      target: `/api/${s.name}`,
      requests: s.requests ? s.requests(ctx) : [],
    };
    const cookie = s.pageCookie ? { 'Set-Cookie': s.pageCookie(ctx) } : {};
    return html(res, scenarioPage(s, plan), cookie);
  }

  const api = /^\/api\/([a-z0-9-]+)$/.exec(pathname);
  const apiScenario = api && scenarioByName.get(api[1]);
  if (apiScenario) {
    const answer = apiScenario.respond(req, ctx);
    return send(res, answer.status, answer.headers, answer.body);
  }

  return send(res, 404, { 'Content-Type': 'text/html; charset=utf-8' }, notFoundPage());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const demo = await startDemoServer({ port: Number(process.env.PORT ?? 4010) });
  console.log(`Why 401 demo: ${demo.origin}/ (also ${demo.altOrigin}/)`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
