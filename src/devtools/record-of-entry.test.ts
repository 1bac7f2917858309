import { describe, expect, it } from 'vitest';
import { recordOfEntry } from './record-of-entry.ts';
import { ghEntry, GH_BODY, SECRET_TOKEN } from './test-entries.ts';

const ctx = { id: '1', tabId: 5, others: [] };

describe('recordOfEntry', () => {
  it('diagnoses with the body, so vendor rules apply, and says so', () => {
    const withBody = recordOfEntry(ghEntry(), { text: GH_BODY }, ctx)!;
    const without = recordOfEntry(ghEntry(), undefined, ctx)!;
    expect(withBody.bodyUsed).toBe(true);
    expect(without.bodyUsed).toBe(false);
    expect(withBody.causes[0]?.id).toBe('credentials-rejected');
    expect(JSON.stringify(withBody.causes)).toMatch(/Bad credentials/);
    expect(JSON.stringify(without.causes)).not.toMatch(/Bad credentials/);
    expect(withBody).toMatchObject({ id: '1', tabId: 5, frameId: 0, type: 'fetch' });
    expect(withBody.evidence.body?.mimeType).toMatch(/json/);
  });

  it('keeps no raw credential: only masked evidence', () => {
    const rec = recordOfEntry(ghEntry(), { text: GH_BODY }, ctx);
    const all = JSON.stringify(rec);
    expect(all).not.toContain(SECRET_TOKEN);
    expect(all).not.toContain('s3cr3t-cookie-value');
    expect(rec?.evidence.cookieNames).toEqual(['session']);
  });

  it('decodes a base64 body (Chrome sends binary-ish bodies so)', () => {
    const rec = recordOfEntry(
      ghEntry(),
      { text: Buffer.from(GH_BODY).toString('base64'), encoding: 'base64' },
      ctx,
    );
    expect(rec?.bodyUsed).toBe(true);
    expect(rec?.causes[0]?.id).toBe('credentials-rejected');
  });

  it('ignores what is not a 401/407', () => {
    expect(recordOfEntry(ghEntry({ status: 200 }), undefined, ctx)).toBeUndefined();
    expect(recordOfEntry(ghEntry({ status: 403 }), undefined, ctx)).toBeUndefined();
    expect(recordOfEntry({ nope: true }, undefined, ctx)).toBeUndefined();
  });
});
