import { describe, expect, it } from 'vitest';
import { maskSecret, maskText, maskUrl, secretPathSegments } from './mask.ts';

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
  it('masks secrets in the path (a bot token, a webhook key, a JWT), not ids or hashes', () => {
    const tg = 'https://api.telegram.org/bot1095088159:AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd/getMe';
    expect(maskUrl(tg)).not.toContain('D43eH1S57Fe');
    expect(maskUrl(tg)).toMatch(/^https:\/\/api\.telegram\.org\/bot1… \(\d+ chars\)\/getMe$/);
    const discord =
      'https://discord.com/api/webhooks/1181234567890123456/Xq8vN2pL5tR7wZ1yB4cF6hJ9kM3sD0gA2eU5iO8uY1TzzQ';
    expect(maskUrl(discord)).not.toContain('Xq8vN2pL5tR7wZ1y');
    expect(maskUrl(discord)).toContain('/api/webhooks/1181234567890123456/');
    // Ids stay readable: a commit hash, a UUID, a Mongo id, a slug.
    for (const plain of [
      'https://api.github.com/repos/o/r/commits/02b2c0510948cb0043632e54c262ece5adefddf4',
      'https://api.example.com/v1/users/3eefe723-3df5-4480-7b67-6dc6c59707a0',
      'https://api.example.com/v1/orders/507f1f77bcf86cd799439011',
      'https://blog.example.com/2024/why-my-api-returns-401-unauthorized-errors',
    ])
      expect(maskUrl(plain)).toBe(plain);
    expect(secretPathSegments(tg)).toEqual({
      segments: [
        'bot1095088159:AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd',
        'AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd',
      ],
      credential: true,
    });
    // A Drive file id is masked, but not taken for a key that was sent.
    const drive =
      'https://www.googleapis.com/drive/v3/files/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
    expect(maskUrl(drive)).not.toContain('BdBZjgmUUqptlbs74');
    expect(secretPathSegments(drive).credential).toBe(false);
    expect(secretPathSegments(discord).credential).toBe(true);
  });
});
