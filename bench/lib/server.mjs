// The bench's own HTTP server on 127.0.0.1 (loopback only). Every response is
// `no-store`, so the measured second load of a launch fetches all 300
// subresources again. `d=1` in a URL delays the response 20–40 ms, a stand-in
// for a real network. It notes when each tagged 401 left, for panel latency.
import { createServer } from 'node:http';
import { loadPage } from '../pages/load-page.mjs';
import { panelPage } from '../pages/panel-page.mjs';
import { stormPage } from '../pages/storm-page.mjs';
import { seedPage } from '../pages/seed-page.mjs';

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** Challenges for seeded 401s: varied so the popup renders varied causes (never Basic: it prompts). */
const CHALLENGES = [
  'Bearer realm="bench", error="invalid_token", error_description="The access token expired"',
  'Bearer realm="bench"',
  'Bearer realm="api", error="insufficient_scope", scope="read:all"',
  'Bearer error="invalid_request"',
  'ApiKey realm="bench"',
];

/** Epoch ms on the same clock the page uses (performance.timeOrigin + now). */
const nowEpoch = () => performance.timeOrigin + performance.now();

/**
 * @param {{latencyMs:[number,number], page: {images:number, scripts:number, fetches:number, n401:number}}} o
 * @returns {Promise<{origin:string, sentAt:Map<string,number>, count:{n401:number}, close:() => Promise<void>}>}
 */
export async function startServer({ latencyMs, page }) {
  /** tag → epoch ms when the 401 was handed to the socket */
  const sentAt = new Map();
  const count = { n401: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(body),
        ...extra,
      });
      res.end(body);
    };
    const respond = () => {
      switch (url.pathname) {
        case '/load':
          return send(
            200,
            'text/html; charset=utf-8',
            loadPage({
              ...page,
              n401: q.get('n401') === '1' || q.get('n401') === 'ok' ? page.n401 : 0,
              extraOk: q.get('n401') === 'ok',
              delay: q.get('d') === '1',
              r: q.get('r') ?? '0',
            }),
          );
        case '/img':
          return send(200, 'image/gif', GIF);
        case '/js':
          return send(200, 'text/javascript', `window.__s=(window.__s||0)+1;`);
        case '/data':
          return send(200, 'application/json', `{"i":${Number(q.get('i')) || 0},"ok":true}`);
        case '/401': {
          count.n401++;
          const v = Number(q.get('v') ?? 0) % CHALLENGES.length;
          const tag = q.get('tag');
          const body = '{"error":"unauthorized"}';
          res.writeHead(401, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
            'content-length': Buffer.byteLength(body),
            'www-authenticate': CHALLENGES[v],
          });
          // "Leaving the server": the moment the whole response is handed to the socket.
          if (tag) sentAt.set(tag, nowEpoch());
          return res.end(body);
        }
        case '/panel':
          return send(
            200,
            'text/html; charset=utf-8',
            panelPage({ tag: q.get('tag') ?? 'x', timeoutMs: 10_000 }),
          );
        case '/storm':
          return send(
            200,
            'text/html; charset=utf-8',
            stormPage({
              n: Number(q.get('n')),
              ms: Number(q.get('ms')),
              concurrency: Number(q.get('c')),
            }),
          );
        case '/seed':
          return send(
            200,
            'text/html; charset=utf-8',
            seedPage({ n: Number(q.get('n')), kinds: CHALLENGES.length }),
          );
        default:
          return send(404, 'text/plain', 'not found');
      }
    };
    if (q.get('d') === '1') {
      const [lo, hi] = latencyMs;
      setTimeout(respond, lo + Math.random() * (hi - lo));
    } else respond();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    sentAt,
    count,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r(undefined));
      }),
  };
}
