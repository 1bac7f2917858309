import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainHar, HarError } from './har.ts';
import { jwt, T0 } from './testing/build.ts';

const harPath = fileURLToPath(new URL('../../../shared/cases/public.har', import.meta.url));
const expectedPath = fileURLToPath(
  new URL('../../../shared/cases/public.expected.json', import.meta.url),
);
const scorePath = fileURLToPath(new URL('../../../shared/cases/score.mjs', import.meta.url));
const haveCases = existsSync(harPath) && existsSync(expectedPath) && existsSync(scorePath);

function entry(o: {
  status?: number;
  url?: string;
  method?: string;
  at?: number;
  req?: [string, string][];
  res?: [string, string][];
  creator?: string;
}) {
  return {
    startedDateTime: new Date(o.at ?? T0).toISOString(),
    request: {
      method: o.method ?? 'GET',
      url: o.url ?? 'https://api.example.com/x',
      headers: (o.req ?? []).map(([name, value]) => ({ name, value })),
      cookies: [],
    },
    response: {
      status: o.status ?? 401,
      statusText: '',
      headers: (o.res ?? []).map(([name, value]) => ({ name, value })),
      content: { size: 0, mimeType: 'x-unknown' },
    },
  };
}

describe('explainHar', () => {
  it.skipIf(!haveCases)(
    'scores 24/24 top-1 and every "also" on the public cases (../shared/cases absent → skipped)',
    () => {
      const result = explainHar(JSON.parse(readFileSync(harPath, 'utf8')));
      const dir = mkdtempSync(join(tmpdir(), 'why401-'));
      const out = join(dir, 'result.json');
      writeFileSync(out, JSON.stringify(result));
      const stdout = execFileSync(process.execPath, [scorePath, out, expectedPath], {
        encoding: 'utf8',
        env: { ...process.env, MIN_TOP1: '1' },
      });
      const last = stdout.trim().split('\n').pop() ?? '';
      const m = /top1 (\d+)\/(\d+), also (\d+)\/(\d+)/.exec(last);
      expect(m?.[1]).toBe(m?.[2]);
      expect(m?.[3]).toBe(m?.[4]);
    },
  );

  it('writes exactly the documented JSON fields, only for 401/407, with log.entries indices', () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          entry({ status: 200 }),
          entry({ res: [['WWW-Authenticate', 'Basic realm="x"']] }),
          entry({ status: 407 }),
        ],
      },
    };
    const r = explainHar(har);
    expect(r.entries.map((e) => e.index)).toEqual([1, 2]);
    expect(Object.keys(r.entries[0] ?? {}).sort()).toEqual([
      'causes',
      'index',
      'method',
      'status',
      'url',
    ]);
    expect(Object.keys(r.entries[0]?.causes[0] ?? {}).sort()).toEqual([
      'confidence',
      'evidence',
      'fixes',
      'id',
      'summary',
    ]);
  });

  it('throws HarError with a one-line message for input that is not HAR', () => {
    for (const bad of [null, 42, 'x', [], {}, { log: {} }, { log: { entries: {} } }]) {
      expect(() => explainHar(bad)).toThrow(HarError);
    }
    try {
      explainHar({ log: 1 });
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('skips broken entries instead of failing', () => {
    const r = explainHar({
      log: {
        entries: [
          null,
          1,
          { response: { status: 401 } },
          { request: {}, response: { status: '401', headers: 'x' } },
        ],
      },
    });
    expect(r.entries.length).toBe(1);
  });

  it('same HAR, same JSON on every run (no clock dependence)', () => {
    const token = jwt({ exp: T0 / 1000 - 60 });
    const har = {
      log: {
        entries: [0, 1, 2, 3].map((i) =>
          entry({
            at: T0 + i * 500,
            req: [['Authorization', `Bearer ${token}`]],
            res: [
              ['Date', new Date(T0).toUTCString()],
              ['WWW-Authenticate', 'Bearer'],
            ],
          }),
        ),
      },
    };
    expect(JSON.stringify(explainHar(har))).toBe(JSON.stringify(explainHar(har)));
    expect(explainHar(har).entries[3]?.causes.map((c) => c.id)).toContain('auth-loop');
  });

  it('explains a 10,000-entry HAR (timing: bench/engine.mjs)', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      entry({
        at: T0 + i * 100,
        url: `https://api.example.com/items/${i % 50}`,
        status: i % 3 === 0 ? 200 : 401,
        req: [['Authorization', 'Bearer abc.def.ghi']],
        res: [['WWW-Authenticate', 'Bearer error="invalid_token"']],
      }),
    );
    const r = explainHar({ log: { entries } });
    expect(r.entries.length).toBe(6666);
  }, 60_000);
  it('a browser export that shows Authorization or cookies anywhere was saved whole: "none sent" is not doubted', () => {
    const bare = entry({
      req: [['Accept', 'application/json']],
      res: [['Content-Type', 'application/json']],
    });
    const creator = { name: 'WebInspector', version: '537.36' };
    const sanitized = { log: { version: '1.2', creator, entries: [bare] } };
    const whole = {
      log: {
        version: '1.2',
        creator,
        entries: [
          entry({ status: 200, req: [['Authorization', 'Bearer abcdefghijklmnop']] }),
          bare,
        ],
      },
    };
    const causesOf = (har: unknown, index: number) =>
      explainHar(har).entries.find((e) => e.index === index)?.causes ?? [];
    const doubted = causesOf(sanitized, 0).find((c) => c.id === 'no-credentials');
    const sure = causesOf(whole, 1).find((c) => c.id === 'no-credentials');
    expect(doubted?.evidence.join('\n')).toMatch(/without sensitive data/);
    expect(sure?.evidence.join('\n')).not.toMatch(/without sensitive data/);
    expect(sure?.confidence).toBeGreaterThan(doubted?.confidence ?? 1);
    // Nothing else explains a bare 401 with nothing sent: no-credentials leads, not the server's defect.
    expect(causesOf(whole, 1)[0]?.id).toBe('no-credentials');
  });

  it('reads sign-in fields from postData params and never keeps their values', () => {
    const login = {
      ...entry({ method: 'POST', url: 'https://app.example.com/login' }),
    };
    (login.request as Record<string, unknown>).postData = {
      mimeType: 'application/x-www-form-urlencoded',
      params: [
        { name: 'user[email]', value: 'bob@example.com' },
        { name: 'user[password]', value: 'hunter2-but-longer' },
      ],
    };
    const result = explainHar({
      log: { version: '1.2', creator: { name: 'x' }, entries: [login] },
    });
    const causes = result.entries[0]?.causes ?? [];
    expect(causes[0]?.id).toBe('credentials-rejected');
    expect(causes[0]?.evidence.join('\n')).toMatch(/user\[password\]/);
    expect(JSON.stringify(result)).not.toContain('hunter2-but-longer');
  });
});
