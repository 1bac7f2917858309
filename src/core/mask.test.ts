import { describe, expect, it } from 'vitest';
import { maskSecret, maskText, maskUrl } from './mask.ts';

describe('masking', () => {
  it('maskSecret shows scheme, a short prefix and the length only', () => {
    const m = maskSecret('Bearer', 'eyJhbGciOiJSUzI1NiJ9.payload.signature');
    expect(m.masked).toBe('Bearer eyJh… (38 chars)');
    expect(m.length).toBe(38);
    expect(maskSecret('', 'short').masked).toBe('… (5 chars)');
  });
  it('Basic shows no prefix (it would decode to the user name)', () => {
    expect(maskSecret('Basic', 'Zm9vOnBhc3N3MHJkCg==').masked).toBe('Basic … (20 chars)');
  });
  it('maskUrl masks secret query values and userinfo passwords, keeps the rest', () => {
    const u = maskUrl(
      'https://u:hunter2@x.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&access_token=abc123secret&X-Amz-Signature=deadbeefcafe0001&page=2#id_token=eyJzzz',
    );
    for (const s of [
      'hunter2',
      'SplxlOBeZQQYbYS6WxSbIA',
      'abc123secret',
      'deadbeefcafe0001',
      'eyJzzz',
    ])
      expect(u).not.toContain(s);
    expect(u).toContain('state=xyz');
    expect(u).toContain('page=2');
    expect(u.startsWith('https://u:***@x.example/cb?')).toBe(true);
  });
  it('maskUrl leaves ordinary URLs alone, and copes with non-URLs', () => {
    expect(maskUrl('https://a.example/p?x=1&y=2')).toBe('https://a.example/p?x=1&y=2');
    expect(() => maskUrl('%%%?key=%E0%A4%A')).not.toThrow();
    expect(maskUrl('%%%?key=%E0%A4%Azzzzzzzzzzz')).not.toContain('zzzzzzzzzzz');
  });
  it('maskText removes known secrets and JWT-shaped runs', () => {
    const out = maskText('you sent s3cr3tvalue and eyJhbGciOiJI.eyJzdWIiOiIx.sig', ['s3cr3tvalue']);
    expect(out).not.toContain('s3cr3tvalue');
    expect(out).not.toContain('eyJzdWIiOiIx');
  });
});
