// Times explainHar on a generated 10,000-entry HAR (target: < 2 s).
// Bundles src/core on the fly with esbuild, so it needs no build step.
//   node bench/engine.mjs [entries]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'why401-bench-'));
const out = join(dir, 'core.mjs');
await build({
  entryPoints: [fileURLToPath(new URL('../src/core/index.ts', import.meta.url))],
  outfile: out,
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  logLevel: 'warning',
});
const { explainHar } = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true, force: true });

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const t0 = Date.UTC(2024, 5, 14, 14);
const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ exp: t0 / 1000 - 600, aud: 'https://api.example.com', scope: 'read' })}.sig`;
const challenges = [
  'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
  'Basic realm="x"',
  'Negotiate, NTLM',
  'token: false, info: token is not found',
  '',
];
const entries = Array.from({ length: n }, (_, i) => ({
  startedDateTime: new Date(t0 + i * 250).toISOString(),
  request: {
    method: i % 7 === 0 ? 'POST' : 'GET',
    url: `https://api.example.com/v1/items/${i % 200}?page=${i % 5}`,
    headers: [
      { name: 'Host', value: 'api.example.com' },
      ...(i % 4 ? [{ name: 'Authorization', value: `Bearer ${token}` }] : []),
      ...(i % 5 === 0 ? [{ name: 'Cookie', value: 'sid=abcdef0123456789; theme=dark' }] : []),
    ],
    cookies: [],
  },
  response: {
    status: i % 10 === 0 ? 200 : i % 13 === 0 ? 407 : 401,
    headers: [
      { name: 'Date', value: new Date(t0 + i * 250).toUTCString() },
      ...(challenges[i % 5] ? [{ name: 'WWW-Authenticate', value: challenges[i % 5] }] : []),
    ],
    content: {
      mimeType: 'application/json',
      text: JSON.stringify({
        error: { code: 'InvalidAuthenticationToken', message: 'The token is expired' },
      }),
    },
  },
}));
const har = { log: { version: '1.2', entries } };

explainHar({ log: { entries: entries.slice(0, 200) } }); // warm-up
const start = performance.now();
const r = explainHar(har);
const ms = performance.now() - start;
console.log(`explainHar: ${n} entries (${r.entries.length} 401/407) in ${ms.toFixed(0)} ms`);
process.exitCode = ms < 2000 || n !== 10_000 ? 0 : 1;
