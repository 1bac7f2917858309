import { describe, expect, it } from 'vitest';
import { diagnose, extractEvidence } from '../core/index.ts';
import type { RecordView } from '../shared/messages.ts';
import { curlCommand, markdownReport, relevantHeaders } from './report.ts';

const TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const COOKIE = 'sid=s3cr3t-cookie-value-123456';

function recordOf(): RecordView {
  const evidence = extractEvidence({
    method: 'POST',
    url: 'https://api.example.com/v1/me?access_token=abcdefghijklmnop',
    status: 401,
    startedDateTime: '2026-11-28T10:00:00Z',
    requestHeaders: [
      { name: 'Authorization', value: `Bearer ${TOKEN}` },
      { name: 'Cookie', value: COOKIE },
    ],
    responseHeaders: [
      { name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"' },
      { name: 'Date', value: 'Sat, 28 Nov 2026 10:00:01 GMT' },
    ],
  });
  return {
    id: '1:401',
    tabId: 1,
    frameId: 0,
    type: 'xmlhttprequest',
    time: Date.parse('2026-11-28T10:00:00Z'),
    evidence,
    causes: diagnose(evidence),
  };
}

describe('markdownReport', () => {
  it('names the cause and the masked headers, and holds no secret', () => {
    const md = markdownReport([recordOf()], { product: 'Why 401', when: new Date(0) });
    expect(md).toContain('token-expired');
    expect(md).toContain('WWW-Authenticate: Bearer realm="api", error="invalid_token"');
    expect(md).toContain('Authorization: Bearer eyJh');
    expect(md).not.toContain(TOKEN);
    expect(md).not.toContain(TOKEN.slice(10, 40));
    expect(md).not.toContain('s3cr3t');
    expect(md).not.toContain('abcdefghijklmnop');
  });

  it("says when a record's request went unread in a 401 storm, and only then", () => {
    const when = new Date(0);
    const unread = 'Request headers: not read';
    expect(markdownReport([recordOf()], { product: 'Why 401', when })).not.toContain(unread);
    const storm = { ...recordOf(), inStorm: true as const };
    expect(markdownReport([storm], { product: 'Why 401', when })).toContain(unread);
    const repeated = { ...recordOf(), repeats: 312 };
    expect(markdownReport([repeated], { product: 'Why 401', when })).toContain(
      'Repeated: 312 more times',
    );
  });
});

describe('relevantHeaders', () => {
  it('lists cookie names, never values', () => {
    const h = relevantHeaders(recordOf()).join('\n');
    expect(h).toContain('Cookie: sid=…');
    expect(h).not.toContain('s3cr3t');
  });
});

describe('curlCommand', () => {
  it('replays the request with placeholders for the credentials', () => {
    const c = curlCommand(recordOf());
    expect(c).toMatch(/^curl -i -X POST '/);
    expect(c).toContain('"Authorization: Bearer $TOKEN"');
    expect(c).toContain('"Cookie: $COOKIE"');
    expect(c).not.toContain(TOKEN.slice(0, 20));
  });

  it('quotes a URL with a single quote safely for the shell', () => {
    const r = recordOf();
    r.evidence = { ...r.evidence, url: "https://x.test/it's" };
    expect(curlCommand(r)).toContain(`'https://x.test/it'\\''s'`);
  });
});
