// Hostile server text at the engine level (issue #6, docs/security.md): what a
// browser would refuse to deliver (a 1 MiB header) and what it delivers
// (HTML, javascript: URLs, bidi overrides, control and Latin-1 bytes, 1,000
// challenges) is bounded, never throws, and never becomes a link that is not
// http(s). The e2e half is e2e/security.spec.ts. Properties use a fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import { extractEvidence } from './evidence.ts';
import { explainHar } from './har.ts';
import { exchange } from './testing/build.ts';
import type { Cause, Exchange } from './types.ts';

const HTML = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;

function run(ex: Exchange) {
  const t0 = performance.now();
  const ev = extractEvidence(ex);
  const causes = diagnose(ev, [ev]);
  return { ev, causes, ms: performance.now() - t0 };
}

const linksOf = (causes: Cause[]) => causes.flatMap((c) => (c.links ?? []).map((l) => l.url));

describe('hostile server text', () => {
  it('a 1 MiB WWW-Authenticate and a 1 MiB body: bounded evidence, marked as cut, fast', () => {
    const { ev, ms } = run(
      exchange({
        res: { 'WWW-Authenticate': `Bearer realm="${'A'.repeat(1024 * 1024)}"` },
        body: `{"error":"${'B'.repeat(1024 * 1024)}"}`,
        mime: 'application/json',
      }),
    );
    expect(ev.challengeRaw[0]!.length).toBeLessThanOrEqual(2049);
    expect(ev.challengeRaw[0]!.endsWith('…')).toBe(true);
    expect(JSON.stringify(ev).length).toBeLessThan(32 * 1024);
    expect(ev.body?.truncated).toBe(true);
    expect(ms).toBeLessThan(2_000);
  });

  it('1,000 challenges in one field: at most 20 kept, parsed in bounded time', () => {
    const field = Array.from({ length: 1000 }, (_, i) => `S${i} realm="r${i}", p${i}=v`).join(', ');
    const { ev, causes, ms } = run(exchange({ res: { 'WWW-Authenticate': field } }));
    expect(ev.challenges).toHaveLength(20);
    expect(causes.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2_000);
  });

  it('1,000 WWW-Authenticate fields: bounded', () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `Bearer realm="r${i}"`);
    const { ev } = run(exchange({ res: { 'WWW-Authenticate': fields } }));
    expect(ev.challenges.length).toBeLessThanOrEqual(20);
    expect(ev.challengeRaw.length).toBeLessThanOrEqual(4);
  });

  it('HTML and script in realm, error_description and body stay plain text; javascript: is never a link', () => {
    const { ev, causes } = run(
      exchange({
        res: {
          'WWW-Authenticate': `Bearer realm="${HTML.replace(/"/g, "'")}", error="invalid_token", error_description="${HTML.replace(/"/g, "'")}", error_uri="javascript:alert(3)", authorization_uri="javascript:alert(4)"`,
        },
        body: `<html><body>${HTML}<a href="javascript:alert(5)">x</a></body></html>`,
        mime: 'text/html',
      }),
    );
    // The body excerpt drops tags and scripts; challenge text is kept as characters.
    expect(ev.body?.text ?? '').not.toMatch(/<script|onerror/i);
    for (const url of linksOf(causes)) expect(url).toMatch(/^https:\/\//);
    expect(JSON.stringify(causes)).not.toMatch(/"url":"javascript:/);
  });

  it('bidi overrides, C0 controls, Latin-1 and invalid UTF-8 bytes: no throw, bounded', () => {
    const bidi = '\u202Egnp.exe\u202C\u2066x\u2069';
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xc3, 0x28, 0xff]).toString('latin1');
    const { ev, causes } = run(
      exchange({
        res: {
          'WWW-Authenticate': `Bearer realm="${bidi}${latin1}", error_description="${controls}"`,
        },
        body: `{"error":"${bidi}\\u0000\\u001b[31m"}`,
        mime: 'application/json',
      }),
    );
    expect(ev.challengePresent).toBe(true);
    expect(causes.length).toBeGreaterThan(0);
  });
});

describe('properties (fixed seed)', () => {
  // Any JSON-ish value where an exchange is expected: extractEvidence never throws.
  it('extractEvidence and diagnose never throw on arbitrary exchange-shaped values', () => {
    const header = fc.record({ name: fc.string({ maxLength: 30 }), value: fc.anything() });
    const ex = fc.record(
      {
        method: fc.anything(),
        url: fc.oneof(fc.webUrl(), fc.anything()),
        status: fc.oneof(fc.constantFrom(401, 407), fc.anything()),
        requestHeaders: fc.oneof(fc.array(header, { maxLength: 5 }), fc.anything()),
        responseHeaders: fc.oneof(fc.array(header, { maxLength: 5 }), fc.anything()),
        responseBody: fc.anything(),
        startedDateTime: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(ex, (x) => {
        const ev = extractEvidence(x as unknown as Exchange);
        expect(diagnose(ev, []).length).toBeGreaterThan(0);
      }),
      // fc.anything() is costly to generate: 200 runs take a few seconds.
      { seed: 6401, numRuns: 200 },
    );
  }, 30_000);

  it('every link a cause offers is https, whatever the server says', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        'javascript:alert(1)',
        'data:text/html,<b>x',
        'vbscript:x',
        'file:///etc/passwd',
      ),
    );
    fc.assert(
      fc.property(text, text, text, (realm, uri, desc) => {
        const q = (s: string) => s.replace(/["\\]/g, '');
        const { causes } = run(
          exchange({
            res: {
              'WWW-Authenticate': `Bearer realm="${q(realm)}", error_uri="${q(uri)}", error_description="${q(desc)}"`,
            },
            body: JSON.stringify({ error_uri: uri, more_info: uri, message: desc }),
            mime: 'application/json',
          }),
        );
        for (const url of linksOf(causes)) expect(url).toMatch(/^https:\/\//);
      }),
      { seed: 6402, numRuns: 500 },
    );
  });

  it('explainHar never throws anything but a one-line HarError on arbitrary JSON', () => {
    const entry = fc.record(
      {
        startedDateTime: fc.anything(),
        request: fc.anything(),
        response: fc.oneof(
          fc.record({ status: fc.constantFrom(401, 407, 200), headers: fc.anything() }),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    const har = fc.oneof(
      fc.jsonValue(),
      fc.record({ log: fc.record({ entries: fc.array(entry, { maxLength: 5 }) }) }),
      fc.record({ log: fc.anything() }),
    );
    fc.assert(
      fc.property(har, (h) => {
        try {
          const r = explainHar(h);
          expect(Array.isArray(r.entries)).toBe(true);
        } catch (e) {
          expect((e as Error).name).toBe('HarError');
          expect((e as Error).message).not.toContain('\n');
        }
      }),
      { seed: 6403, numRuns: 1000 },
    );
  });
});
