// HAR builders for the HAR page's tests (not shipped: only tests import it).
const b64 = (s: string) => Buffer.from(s).toString('base64url');
export const jwt = (claims: Record<string, unknown>) =>
  `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(JSON.stringify(claims))}.c2ln`;

export function entry(
  i: number,
  status: number,
  extra: { auth?: string; challenge?: string; body?: string } = {},
) {
  const reqHeaders = extra.auth ? [{ name: 'Authorization', value: extra.auth }] : [];
  const resHeaders = [{ name: 'Date', value: 'Tue, 28 Nov 2026 10:00:00 GMT' }];
  if (extra.challenge)
    resHeaders.push({
      name: status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate',
      value: extra.challenge,
    });
  return {
    startedDateTime: new Date(Date.UTC(2026, 10, 28, 10, 0, i)).toISOString(),
    request: {
      method: 'GET',
      url: `https://api.example.com/v1/item/${i % 7}`,
      headers: reqHeaders,
      cookies: [],
    },
    response: {
      status,
      statusText: '',
      headers: resHeaders,
      content: extra.body
        ? { mimeType: 'application/json', text: extra.body }
        : { mimeType: 'text/plain' },
    },
  };
}

/** A mixed HAR: 200s, expired/invalid bearer 401s (some repeating: auth-loop), Basic, 407, junk entries. */
export function mixedHar(n: number) {
  const entries: unknown[] = [];
  const expired = `Bearer ${jwt({ exp: Date.UTC(2026, 10, 28, 9, 0, 0) / 1000, aud: 'https://api.example.com' })}`;
  for (let i = 0; i < n; i++) {
    switch (i % 6) {
      case 0:
        entries.push(entry(i, 200));
        break;
      case 1:
        entries.push(
          entry(i, 401, {
            auth: expired,
            challenge: 'Bearer error="invalid_token"',
            body: '{"error":"invalid_token"}',
          }),
        );
        break;
      case 2:
        entries.push(entry(i, 401, { challenge: 'Basic realm="x"' }));
        break;
      case 3:
        entries.push(entry(i, 407, { challenge: 'Basic realm="proxy"' }));
        break;
      case 4:
        entries.push(i % 12 === 4 ? 'junk' : { response: { status: 401 } });
        break;
      default:
        entries.push(
          entry(i, 401, {
            auth: 'Basic ZGVtbzp3cm9uZw==',
            challenge: 'Basic realm="x"',
            body: '{"message":"Bad credentials"}',
          }),
        );
    }
  }
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } };
}
