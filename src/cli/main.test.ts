import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';
import { readFileLimited, readStreamLimited } from './read-input.ts';

function io(stdin = '', isTTY = false, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const x: Io = {
    stdout: { write: (s: string) => out.push(s), isTTY },
    stderr: { write: (s: string) => err.push(s) },
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  };
  return { x, out: () => out.join(''), err: () => err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'why401-cli-'));
const har = {
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2024-06-14T14:00:00.000Z',
        request: {
          method: 'GET',
          url: 'https://api.example.com/me',
          headers: [{ name: 'Authorization', value: 'Basic Zm9vOnNlY3JldHBhc3N3b3Jk' }],
        },
        response: {
          status: 401,
          statusText: 'Unauthorized',
          headers: [{ name: 'WWW-Authenticate', value: 'Basic realm="x"' }],
        },
      },
      {
        startedDateTime: '2024-06-14T14:00:01.000Z',
        request: { method: 'GET', url: 'https://api.example.com/ok', headers: [] },
        response: { status: 200, headers: [] },
      },
    ],
  },
};
const good = join(dir, 'good.har');
writeFileSync(good, JSON.stringify(har));
const one = (s: string) => s.trim().split('\n').length === 1;

describe('why401 main()', () => {
  it('explain --json prints the contract document, exit 0', async () => {
    const r = io();
    expect(await main(['explain', good, '--json'], r.x)).toBe(0);
    const doc = JSON.parse(r.out());
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({ index: 0, method: 'GET', status: 401 });
    expect(doc.entries[0].causes[0].id).toBe('credentials-rejected');
    expect(r.out()).not.toContain('Zm9vOnNlY3JldHBhc3N3b3Jk');
    expect(r.err()).toBe('');
  });
  it('the text report: plain without a TTY, coloured on a TTY unless NO_COLOR', async () => {
    const plain = io();
    expect(await main(['explain', good], plain.x)).toBe(0);
    expect(plain.out()).toContain('GET https://api.example.com/me');
    expect(plain.out()).toContain('Credentials rejected');
    expect(plain.out()).not.toContain('\u001b[');
    const tty = io('', true);
    await main(['explain', good], tty.x);
    expect(tty.out()).toContain('\u001b[');
    const noColor = io('', true, { NO_COLOR: '1' });
    await main(['explain', good], noColor.x);
    expect(noColor.out()).not.toContain('\u001b[');
  });
  it('reads standard input with "-"', async () => {
    const r = io(JSON.stringify(har));
    expect(await main(['explain', '-', '--json'], r.x)).toBe(0);
    expect(JSON.parse(r.out()).entries).toHaveLength(1);
  });
  it('--help prints usage, exit 0; no arguments is a usage error', async () => {
    const r = io();
    expect(await main(['--help'], r.x)).toBe(0);
    expect(r.out()).toContain('why401 explain FILE.har');
    const n = io();
    expect(await main([], n.x)).toBe(2);
  });
  it('a HAR without 401s says so', async () => {
    const f = join(dir, 'none.har');
    writeFileSync(f, JSON.stringify({ log: { entries: [] } }));
    const r = io();
    expect(await main(['explain', f], r.x)).toBe(0);
    expect(r.out()).toMatch(/No 401 or 407/);
  });
  const bad: [string, () => string][] = [
    ['missing file', () => join(dir, 'nope.har')],
    [
      'a directory',
      () => {
        const d = join(dir, 'd.har');
        mkdirSync(d, { recursive: true });
        return d;
      },
    ],
    [
      'not JSON',
      () => {
        const f = join(dir, 'x.har');
        writeFileSync(f, 'hello');
        return f;
      },
    ],
    [
      'truncated JSON',
      () => {
        const f = join(dir, 't.har');
        writeFileSync(f, JSON.stringify(har).slice(0, 100));
        return f;
      },
    ],
    [
      'JSON but not HAR',
      () => {
        const f = join(dir, 'j.har');
        writeFileSync(f, '{"foo":1}');
        return f;
      },
    ],
    [
      'empty file',
      () => {
        const f = join(dir, 'e.har');
        writeFileSync(f, '');
        return f;
      },
    ],
  ];
  for (const [what, make] of bad) {
    it(`bad input (${what}): one line on stderr, exit 2, no stack`, async () => {
      const r = io();
      expect(await main(['explain', make()], r.x)).toBe(2);
      expect(one(r.err())).toBe(true);
      expect(r.err()).toMatch(/^why401: /);
      expect(r.err()).not.toMatch(/\n\s+at /);
      expect(r.out()).toBe('');
    });
  }
  it('bad usage: unknown command or option, two files', async () => {
    for (const argv of [['frobnicate'], ['explain', good, '--yaml'], ['explain', good, good]]) {
      const r = io();
      expect(await main(argv, r.x)).toBe(2);
      expect(one(r.err())).toBe(true);
    }
  });
  it('refuses input over the size limit (file and stdin)', async () => {
    await expect(readFileLimited(good, 10)).rejects.toThrow(/larger than/);
    await expect(readStreamLimited(Readable.from([Buffer.alloc(20)]), 10)).rejects.toThrow(
      /larger than/,
    );
  });
});
