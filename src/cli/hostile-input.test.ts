// The why401 command line on hostile input (issue #6, docs/security.md), run
// as a real child process (bundled from source with esbuild, as
// scripts/build-cli.mjs does) so exit codes, stderr and memory are the real
// ones: truncated, oversized (100 MB, written as a stream) and non-HAR input
// get a one-line error and exit 2, or a normal result; secrets in a HAR never
// reach the output.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'why401-hostile-cli-'));
const cli = join(dir, 'why401.mjs');
// Runs the CLI and reports its peak memory (resourceUsage().maxRSS, KiB) on stderr's last line.
const runner = join(dir, 'run.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'src/cli/why401.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  writeFileSync(
    runner,
    `const { run } = await import(${JSON.stringify(cli)});
const code = await run(process.argv.slice(2));
process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;`,
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  maxRssMiB: number;
  ms: number;
}

function why401(args: string[]): Promise<Ran> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [runner, ...args],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        const m = /\nMAXRSS (\d+)\n$/.exec(stderr);
        resolve({
          code: err ? ((err as { code?: number }).code ?? -1) : 0,
          stdout,
          stderr: m ? stderr.slice(0, m.index) : stderr,
          maxRssMiB: m ? Number(m[1]) / 1024 : NaN,
          ms: Date.now() - t0,
        });
      },
    );
  });
}

const oneLine = (s: string) => s.trim().split('\n').length === 1;

const SECRETS = {
  bearer:
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGktc2VjcmV0LXVzZXIifQ.Y2xpLXNpZ25hdHVyZS1zZWNyZXQtdmFsdWU',
  basic: Buffer.from('cli-user:cli-Pa55word-never-shown').toString('base64'),
  password: 'cli-Pa55word-never-shown',
  apiKeyHeader: 'ak_cli_header_3c9e0a7b51d24f68',
  apiKeyQuery: 'ak_cli_query_88d1f0c2e4a64b1a',
  cookie: 'cli_cookie_value_5e2a9d0c7b1f4e33',
};

function entry(url: string, headers: { name: string; value: string }[], body = '') {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url, headers, cookies: [] },
    response: {
      status: 401,
      statusText: 'Unauthorized',
      headers: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"' }],
      content: { mimeType: 'application/json', text: body },
    },
  };
}

function secretHar() {
  const s = SECRETS;
  return {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        entry('https://api.example.com/a', [
          { name: 'Authorization', value: `Bearer ${s.bearer}` },
        ]),
        entry('https://api.example.com/b', [{ name: 'Authorization', value: `Basic ${s.basic}` }]),
        entry('https://api.example.com/c', [{ name: 'X-API-Key', value: s.apiKeyHeader }]),
        entry(`https://api.example.com/d?api_key=${s.apiKeyQuery}`, []),
        // A server that echoes the token it got, in its body.
        entry(
          'https://api.example.com/e',
          [{ name: 'Cookie', value: `sid=${s.cookie}` }],
          JSON.stringify({ message: `rejected ${s.bearer} ${s.cookie}` }),
        ),
      ],
    },
  };
}

describe('why401 on hostile input (child process)', () => {
  it('a HAR holding Bearer, Basic, API keys and cookies: none of them in the output', async () => {
    const file = join(dir, 'secrets.har');
    writeFileSync(file, JSON.stringify(secretHar()));
    const needles = Object.values(SECRETS).flatMap((v) => [v, v.slice(4, 16), v.slice(-12)]);
    for (const args of [
      ['explain', file],
      ['explain', file, '--json'],
    ]) {
      const r = await why401(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('api.example.com/a');
      for (const n of needles) expect(r.stdout + r.stderr, n).not.toContain(n);
    }
  });

  const bad: [string, string | Buffer][] = [
    ['truncated HAR', JSON.stringify(secretHar()).slice(0, 700)],
    ['not JSON', 'GET /api HTTP/1.1\r\nAuthorization: Bearer x\r\n'],
    ['JSON that is not HAR', '{"hello":"world"}'],
    ['an array', '[1,2,3]'],
    ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x89, 0x50, 0x4e, 0x47])],
    ['empty', ''],
  ];
  for (const [what, content] of bad) {
    it(`${what}: one line on stderr, exit 2, no stack`, async () => {
      const file = join(dir, `bad-${what.replace(/\W+/g, '-')}.har`);
      writeFileSync(file, content);
      const r = await why401(['explain', file]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toContain('Bearer x');
      expect(r.stdout).toBe('');
    });
  }

  /** Writes a HAR of about `mb` MB as a stream: one 401 entry with a huge body, plus padding entries. */
  async function bigHar(file: string, mb: number, truncate: boolean) {
    const out = createWriteStream(file);
    const write = (s: string) =>
      new Promise<void>((r) => (out.write(s) ? r() : out.once('drain', () => r())));
    await write('{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[');
    const first = entry('https://api.example.com/big', [
      { name: 'Authorization', value: 'Bearer abc.def.ghi' },
    ]);
    await write(JSON.stringify(first));
    const pad = JSON.stringify({
      startedDateTime: '2026-01-01T00:00:01.000Z',
      request: { method: 'GET', url: 'https://api.example.com/ok', headers: [] },
      response: {
        status: 200,
        headers: [],
        content: { mimeType: 'text/plain', text: 'x'.repeat(1024 * 1024 - 200) },
      },
    });
    for (let i = 0; i < mb; i++) await write(`,${pad}`);
    if (!truncate) await write(']}}');
    await new Promise((r) => out.end(r));
  }

  it('a 100 MB HAR: a normal result in bounded time and memory', async () => {
    const file = join(dir, 'big.har');
    await bigHar(file, 100, false);
    const r = await why401(['explain', file, '--json']);
    rmSync(file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { entries: { url: string }[] };
    expect(out.entries.map((e) => e.url)).toEqual(['https://api.example.com/big']);
    // The whole file is held once as text and once parsed: a few times its size, not more.
    expect(r.maxRssMiB).toBeLessThan(1024);
    expect(r.ms).toBeLessThan(60_000);
  }, 120_000);

  it('a truncated 100 MB HAR: one line, exit 2, bounded memory', async () => {
    const file = join(dir, 'big-truncated.har');
    await bigHar(file, 100, true);
    const r = await why401(['explain', file]);
    rmSync(file);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr.length).toBeLessThan(500);
    expect(r.maxRssMiB).toBeLessThan(1024);
  }, 120_000);
});
