// How real servers word and shape their 401s, beyond the public cases: each
// test is one server behaviour the rules must read (a second look at the
// engine on 2026-11-29 built ~60 such exchanges; these are the ones it got
// wrong before, reduced to what decides them).
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import { extractEvidence } from './evidence.ts';
import { exchange, jwt, T0 } from './testing/build.ts';
import type { Cause, Exchange } from './types.ts';

const run = (ex: Exchange): Cause[] => diagnose(extractEvidence(ex));
const top = (c: Cause[]) => c[0]?.id;
const ids = (c: Cause[]) => c.map((x) => x.id);
const text = (c: Cause[]) => JSON.stringify(c);
const s = T0 / 1000;

describe('credentials in the request body (HAR postData)', () => {
  it('a login POST refused with "Invalid email or password" is credentials-rejected, and the password never shows', () => {
    const c = run(
      exchange({
        method: 'POST',
        url: 'https://app.example.com/api/auth/login',
        source: 'har',
        requestBody: {
          mimeType: 'application/json',
          text: '{"email":"bob@example.com","password":"correct-horse-9","remember":true}',
        },
        body: '{"statusCode":401,"message":"Invalid email or password","error":"Unauthorized"}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(c[0]?.evidence.join('\n')).toMatch(/request body: password/);
    expect(ids(c)).not.toContain('no-credentials');
    expect(text(c)).not.toContain('correct-horse-9');
  });

  it('a token request (form body, client_secret) answered with a bare 401 is credentials-rejected before missing-challenge', () => {
    const c = run(
      exchange({
        method: 'POST',
        url: 'https://sso.example.com/oauth/token',
        source: 'har',
        requestBody: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'grant_type=client_credentials&client_id=web&client_secret=s3cr3t-value-123',
        },
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).toContain('missing-challenge');
    expect(text(c)).not.toContain('s3cr3t-value-123');
  });

  it('anti-CSRF fields are not credentials: a form with only a csrf token is "nothing sent"', () => {
    const c = run(
      exchange({
        method: 'POST',
        source: 'har',
        requestBody: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'authenticity_token=abc123456789&q=1',
        },
        res: { 'WWW-Authenticate': 'Basic realm="x"' },
      }),
    );
    expect(top(c)).toBe('no-credentials');
  });
});

describe('what the server says, where it says it', () => {
  it("Okta's errorSummary is read: an SSWS key refused", () => {
    const c = run(
      exchange({
        req: { Authorization: 'SSWS 00RZ6Xd-j0nR74KP_nY2JznDHk2_pqPzo4bf8aWEuE' },
        body: '{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorCauses":[]}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
  });

  it('"invalid x-api-key" (a vendor header named in the words) is credentials-rejected', () => {
    const c = run(
      exchange({
        req: { 'x-api-key': 'sk-ant-api03-abcdefghijklmnop' },
        body: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
  });

  it('"Bad credentials" about a request that shows none: refused credentials the record left out, "none sent" second', () => {
    const c = run(
      exchange({
        req: { 'X-Custom-Secret-Header-Unknown': 'value' },
        res: { 'WWW-Authenticate': 'Basic realm="Artifactory Realm"' },
        body: '{"errors":[{"status":401,"message":"Bad credentials"}]}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(c[0]?.evidence.join('\n')).toMatch(/this record shows none/);
    const none = c.find((x) => x.id === 'no-credentials');
    expect(none?.confidence).toBeLessThan(c[0]?.confidence ?? 0);
  });

  it('a stock HTML page\'s "wrong credentials, or your browser…" about a request with none stays no-credentials', () => {
    const c = run(
      exchange({
        res: { 'WWW-Authenticate': 'Basic realm="HR Only"' },
        body: "<html><body><h1>Unauthorized</h1><p>This server could not verify that you are authorized to access the document requested. Either you supplied the wrong credentials (e.g., bad password), or your browser doesn't understand how to supply the credentials required.</p></body></html>",
        mime: 'text/html',
      }),
    );
    expect(top(c)).toBe('no-credentials');
  });

  it('"Invalid or missing API key": no key sent is no-credentials, a key sent is credentials-rejected', () => {
    const body = '{"message":"Invalid or missing API key"}';
    expect(top(run(exchange({ body })))).toBe('no-credentials');
    expect(top(run(exchange({ req: { 'X-API-Key': 'k-1234567890' }, body })))).toBe(
      'credentials-rejected',
    );
  });

  it('an ApiKey sent and ApiKey challenged again is refused, even when a sibling challenge is malformed', () => {
    const c = run(
      exchange({
        req: {
          Authorization: 'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6cVV5eDlybGdYS3hLNlZJMDVRM1Nvbw==',
        },
        res: { 'WWW-Authenticate': ['Basic realm="security" charset="UTF-8"', 'ApiKey'] },
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(c[0]?.evidence.join('\n')).toMatch(/asked for ApiKey again/);
    expect(ids(c)).toContain('malformed-challenge');
  });

  it('DPoP error="invalid_dpop_proof" is token-invalid (RFC 9449 §7.1)', () => {
    const c = run(
      exchange({
        req: { Authorization: 'DPoP opaque-access-token-1234567890', DPoP: 'proof' },
        res: {
          'WWW-Authenticate':
            'DPoP algs="ES256", error="invalid_dpop_proof", error_description="DPoP proof htu does not match"',
        },
      }),
    );
    expect(top(c)).toBe('token-invalid');
  });
});

describe('cookies that sign no one in', () => {
  it('"credentials were not provided" with only csrftoken and _ga cookies is no-credentials, not session-expired', () => {
    const c = run(
      exchange({
        req: {
          Cookie: 'csrftoken=2HnqjJJ568Jzl8jkhkVHaYhJfCWGkRym; _ga=GA1.1.1234567890.1741680000',
        },
        res: { 'WWW-Authenticate': 'Bearer realm="api"' },
        body: '{"detail":"Authentication credentials were not provided."}',
      }),
    );
    expect(top(c)).toBe('no-credentials');
  });

  it('the same words with a session cookie stay session-expired', () => {
    const c = run(
      exchange({
        req: { Cookie: 'sessionid=abcdefghijklmnop; csrftoken=2HnqjJJ568Jzl8jkhkVHaYhJfCWGkRym' },
        body: '{"detail":"Authentication credentials were not provided."}',
      }),
    );
    expect(top(c)).toBe('session-expired');
  });
});

describe('expiry, said and true', () => {
  const body =
    '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}';
  it('"Token is invalid or expired" about a JWT still in date is token-invalid', () => {
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${jwt({ exp: s + 240, token_type: 'access' })}` },
        res: { 'WWW-Authenticate': 'Bearer realm="api"' },
        body,
      }),
    );
    expect(top(c)).toBe('token-invalid');
  });
  it('the same words about a JWT past its exp are token-expired', () => {
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${jwt({ exp: s - 600, token_type: 'access' })}` },
        res: { 'WWW-Authenticate': 'Bearer realm="api"' },
        body,
      }),
    );
    expect(top(c)).toBe('token-expired');
  });
  it('"expired" in the challenge about a JWT whose exp is ahead of the server\'s Date ranks token-invalid first', () => {
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${jwt({ exp: s + 3600, scope: 'read' })}` },
        res: {
          'WWW-Authenticate':
            'Bearer error="invalid_token", error_description="The token is expired"',
        },
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(c[0]?.evidence.join('\n')).toMatch(/has not expired/);
    expect(ids(c)).toContain('token-expired');
  });
});

describe('audiences', () => {
  it('an OIDC ID token (nonce, at_hash, no scopes) sent to an API is token-wrong-audience', () => {
    const idToken = jwt({
      iss: 'https://idp.example.com',
      aud: 'spa-client-7f3a',
      exp: s + 3000,
      iat: s - 600,
      nonce: 'n-0S6_WzA2Mj',
      at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
    });
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${idToken}` },
        res: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' },
      }),
    );
    expect(top(c)).toBe('token-wrong-audience');
    expect(c[0]?.summary).toMatch(/ID token/);
  });
  it('an access token with scopes and the same client-id audience is not called an ID token', () => {
    const at = jwt({ aud: 'spa-client-7f3a', exp: s + 3000, scope: 'read write', nonce: 'x' });
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${at}` },
        res: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' },
      }),
    );
    expect(ids(c)).not.toContain('token-wrong-audience');
  });
  it('an in-cluster audience (kubernetes.default.svc) is not judged against a public host name', () => {
    const c = run(
      exchange({
        url: 'https://k8s.prod.example.com/api/v1/namespaces',
        req: {
          Authorization: `Bearer ${jwt({ aud: ['https://kubernetes.default.svc'], exp: s + 3000 })}`,
        },
      }),
    );
    expect(ids(c)).not.toContain('token-wrong-audience');
  });
});

describe('a second, blind look (2026-11-29): what it missed', () => {
  it('express-jwt\'s "Format is Authorization: Bearer [token]" to a "JWT …" header is scheme-mismatch, with no challenge', () => {
    const c = run(
      exchange({
        req: { Authorization: `JWT ${jwt({ sub: 'u1', exp: s + 3600 })}` },
        body: '{"message":"Format is Authorization: Bearer [token]"}',
      }),
    );
    expect(top(c)).toBe('scheme-mismatch');
  });

  it('a bare JWT in Authorization (no scheme) is scheme-mismatch even when the server challenges nothing', () => {
    const c = run(
      exchange({
        req: { Authorization: jwt({ sub: 'u_8812', exp: s + 3600 }) },
        body: '{"message":"Unauthorized","statusCode":401}',
      }),
    );
    expect(top(c)).toBe('scheme-mismatch');
    expect(c[0]?.evidence.join('\n')).toMatch(/no scheme in front/);
  });

  it('"invalid, expired, or revoked" about an opaque key is not read as expiry', () => {
    const c = run(
      exchange({
        req: {
          Authorization:
            'Bearer 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',
        },
        body: '{"errors":[{"field":null,"message":"The provided authorization grant is invalid, expired, or revoked"}]}',
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(ids(c)).not.toContain('token-expired');
  });

  it('?access_token= refused with invalid_token is a bearer token refused: token-invalid', () => {
    const c = run(
      exchange({
        url: 'https://social.example/api/v1/accounts/verify_credentials?access_token=Xq8vN2pL5tR7wZ1yB4cF6hJ9kM3sD0gA',
        res: {
          'WWW-Authenticate':
            'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
        },
      }),
    );
    expect(top(c)).toBe('token-invalid');
  });

  it('"Please log in" to a request that carried nothing is no-credentials, not an expired session', () => {
    const c = run(
      exchange({ body: '{"error":"not_authenticated","message":"Please log in to continue."}' }),
    );
    expect(top(c)).toBe('no-credentials');
    expect(ids(c)).not.toContain('session-expired');
  });

  it("an Azure Functions key in ?code= is a credential sent (elsewhere `code` is OAuth's)", () => {
    const url =
      'https://func-orders.azurewebsites.net/api/GetOrder?code=Zm9vYmFyX2Z1bmN0aW9uX2tleQ==&id=7';
    const c = run(exchange({ url }));
    // Nothing says why: the missing challenge leads, the key's refusal is next (not "none sent").
    expect(top(c)).toBe('missing-challenge');
    expect(c[1]?.id).toBe('credentials-rejected');
    expect(ids(c)).not.toContain('no-credentials');
    expect(c[1]?.evidence.join('\n')).toMatch(/URL query: code/);
    expect(text(c)).not.toContain('Zm9vYmFyX2Z1bmN0aW9uX2tleQ');
    const oauth = run(
      exchange({ url: 'https://app.example.com/callback?code=abcdef123456&state=x' }),
    );
    expect(top(oauth)).toBe('no-credentials');
  });

  it('a HAR that may have lost Authorization, and a server that says invalid_token: the token went, "none sent" is doubted', () => {
    const c = run(
      exchange({
        source: 'har-browser',
        res: {
          'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"',
          'Content-Type': 'text/plain',
        },
        body: 'Jwt is expired',
        mime: 'text/plain',
      }),
    );
    expect(top(c)).toBe('token-expired');
    expect(c.find((x) => x.id === 'no-credentials')?.confidence ?? 0).toBeLessThan(0.5);
  });

  it("a session JWT in a cookie whose nbf is ahead of the server's Date is token-not-yet-valid (Clerk's __session)", () => {
    const session = jwt({ sub: 'user_1', nbf: s + 37, exp: s + 97, iat: s + 37 });
    const c = run(
      exchange({
        req: { Cookie: `__client_uat=1741769848; __session=${session}` },
        res: {
          'x-clerk-auth-reason': 'token-not-active-yet',
          'x-clerk-auth-message': 'JWT cannot be used prior to not before date claim (nbf).',
        },
      }),
    );
    expect(top(c)).toBe('token-not-yet-valid');
    expect(c[0]?.evidence.join('\n')).toMatch(/Cookie __session holds a JWT/);
    expect(text(c)).not.toContain(session.split('.')[1]!.slice(0, 12));
  });

  it('a session JWT in a cookie past its exp is session-expired, said from the claims', () => {
    const session = jwt({ sub: 'user_1', exp: s - 600 });
    const c = run(exchange({ req: { Cookie: `__session=${session}` } }));
    expect(top(c)).toBe('session-expired');
    expect(c[0]?.evidence.join('\n')).toMatch(/JWT exp .* is before/);
  });
});

describe('a third blind look (2026-11-29): what it missed', () => {
  it('a Telegram bot token in the URL path is a key sent, refused, and never shown', () => {
    const url = 'https://api.telegram.org/bot1095088159:AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd/getMe';
    const c = run(
      exchange({ url, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' }),
    );
    expect(top(c)).toBe('missing-challenge');
    expect(c[1]?.id).toBe('credentials-rejected');
    expect(ids(c)).not.toContain('no-credentials');
    expect(c[1]?.evidence.join('\n')).toMatch(/URL path/);
    expect(text(c)).not.toContain('D43eH1S57Fe');
    expect(extractEvidence(exchange({ url })).url).not.toContain('D43eH1S57Fe');
  });

  it('Bearer sent to "OAuth realm=…, error=invalid_token" (Twitch) is a token refused, not a scheme mismatch', () => {
    const c = run(
      exchange({
        req: { Authorization: 'Bearer cfabdegwdoklmawdzdo98xt2fo512y' },
        res: { 'WWW-Authenticate': 'OAuth realm="TwitchTV", error="invalid_token"' },
        body: '{"error":"Unauthorized","status":401,"message":"invalid access token"}',
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(ids(c)).not.toContain('scheme-mismatch');
  });

  it('Basic sent to a Bearer-only challenge with an error code stays scheme-mismatch', () => {
    const c = run(
      exchange({
        req: { Authorization: 'Basic Zm9vOmJhcg==' },
        res: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' },
      }),
    );
    expect(top(c)).toBe('scheme-mismatch');
  });

  it('a raw token that the server calls "invalid auth token" (etcd) is token-invalid, ahead of the missing scheme', () => {
    const c = run(
      exchange({
        req: { Authorization: 'TcPYwzEoHbEnvTcq.5' },
        body: '{"error":"etcdserver: invalid auth token","code":16,"message":"etcdserver: invalid auth token"}',
      }),
    );
    expect(top(c)).toBe('token-invalid');
  });

  it('"authentication required" to a request that sent Basic (Harbor\'s token service) is credentials-rejected', () => {
    const c = run(
      exchange({
        req: { Authorization: 'Basic cm9ib3QkY2k6OEF1OGpJNnlnM2dRRXR3' },
        body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized: authentication required"}]}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).toContain('missing-challenge');
  });

  it('JWT dates in milliseconds are an issuer bug (token-invalid), not a date thousands of years away', () => {
    const c = run(
      exchange({
        req: { Authorization: `Bearer ${jwt({ iat: T0, exp: T0 + 3_600_000, scope: 'read' })}` },
        res: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(c[0]?.summary).toMatch(/milliseconds/);
    expect(ids(c)).not.toContain('token-not-yet-valid');
  });
});

describe('a review of the above (2026-11-29)', () => {
  it('a body field named with thousands of "[" costs nothing (no backtracking)', () => {
    const name = '['.repeat(65_000);
    const t0 = performance.now();
    run(
      exchange({
        method: 'POST',
        source: 'har',
        requestBody: { mimeType: 'application/x-www-form-urlencoded', text: `${name}=x` },
        body: '{"message":"Unauthorized"}',
      }),
    );
    run(
      exchange({
        method: 'POST',
        source: 'har',
        requestBody: { params: [{ name: '['.repeat(1_000_000), value: 'x' }] },
      }),
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a change-password form or a webhook secret is not a sign-in: "missing Authorization" stays no-credentials', () => {
    for (const text of [
      '{"currentPassword":"old-secret-1","newPassword":"new-secret-2"}',
      '{"url":"https://example.com/hook","secret":"whsec_abcdefghijkl"}',
    ]) {
      const c = run(
        exchange({
          method: 'PUT',
          source: 'har',
          requestBody: { mimeType: 'application/json', text },
          body: '{"message":"Missing Authorization header"}',
        }),
      );
      expect(top(c)).toBe('no-credentials');
      expect(JSON.stringify(c)).not.toContain('new-secret-2');
    }
  });

  it('"Invalid authorization token" to a Bearer request is token-invalid, not a scheme the server named', () => {
    const c = run(
      exchange({
        req: { Authorization: 'Bearer opaque-1234567890abcdef' },
        body: '{"message":"Invalid authorization token"}',
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(ids(c)).not.toContain('scheme-mismatch');
  });

  it('an ID token whose audience is the service called (Cloud Run, IAP) is not sent to the wrong audience', () => {
    const idToken = jwt({
      aud: 'https://api.example.com',
      exp: s + 3000,
      at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
      iss: 'https://accounts.google.com',
    });
    const c = run(exchange({ req: { Authorization: `Bearer ${idToken}` } }));
    expect(ids(c)).not.toContain('token-wrong-audience');
  });

  it('a long mixed-case id in the path (a Drive file) is masked but is not a key sent', () => {
    const c = run(
      exchange({
        url: 'https://www.googleapis.com/drive/v3/files/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        res: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
        body: '{"error":{"code":401,"message":"Request is missing required authentication credential.","status":"UNAUTHENTICATED"}}',
      }),
    );
    expect(top(c)).toBe('no-credentials');
  });

  it('a bot token echoed without its "bot" prefix is masked too', () => {
    const c = run(
      exchange({
        url: 'https://api.telegram.org/bot1095088159:AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd/getMe',
        body: '{"ok":false,"description":"token AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd is not valid"}',
      }),
    );
    expect(text(c)).not.toContain('D43eH1S57Fe');
  });
});

describe('a fourth blind look (2026-11-30): what it missed', () => {
  it('Azure API Management\'s "invalid subscription key" (no challenge) is credentials-rejected', () => {
    const c = run(
      exchange({
        url: 'https://contoso-apim.azure-api.net/orders/v1/orders',
        req: { 'Ocp-Apim-Subscription-Key': '3f2b9c1d7e6a4b5c8d9e0f1a2b3c4d5e' },
        body: '{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).toContain('missing-challenge');
    expect(text(c)).not.toContain('3f2b9c1d7e6a4b5c8d9e0f1a2b3c4d5e');
  });

  it('credentials over plain http are a side note: the refusal reading is still listed', () => {
    const c = run(
      exchange({
        url: 'http://192.168.1.20:32400/',
        req: { 'X-Plex-Token': 'claim-KC8WQxGTqan6Gy4YdmHM' },
        body: '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>',
        mime: 'text/html',
      }),
    );
    expect(top(c)).not.toBe('insecure-transport');
    expect(ids(c)).toContain('insecure-transport');
    // The key was sent and refused: that reading is offered, not dropped because of the http note.
    const refused = c.findIndex((x) => x.id === 'credentials-rejected' || x.id === 'token-invalid');
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(c[0]?.id).toBe('missing-challenge');
  });

  it('IdentityServer\'s static audience ("{issuer}/resources") is not a wrong audience', () => {
    const token = jwt({
      iss: 'https://identity.xero.com',
      aud: 'https://identity.xero.com/resources',
      exp: s + 1200,
      nbf: s - 600,
      scope: ['accounting.contacts', 'offline_access'],
    });
    const c = run(
      exchange({
        url: 'https://api.xero.com/api.xro/2.0/Invoices',
        req: { Authorization: `Bearer ${token}` },
        body: '{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"AuthorizationUnsuccessful"}',
      }),
    );
    expect(ids(c)).not.toContain('token-wrong-audience');
    // Another issuer's resources, or another path, still names an API that is not this one.
    const other = jwt({
      iss: 'https://id.example.org',
      aud: 'https://identity.xero.com/resources',
      exp: s + 1200,
    });
    const c2 = run(
      exchange({
        url: 'https://api.xero.com/api.xro/2.0/Invoices',
        req: { Authorization: `Bearer ${other}` },
      }),
    );
    expect(top(c2)).toBe('token-wrong-audience');
  });
});

describe('a fifth blind look (2026-11-30): HARs saved from a browser', () => {
  it('a token request without its client secret ("Client secret not provided") is no-credentials, not a refused secret', () => {
    const c = run(
      exchange({
        method: 'POST',
        url: 'https://sso.example.edu/realms/campus/protocol/openid-connect/token',
        source: 'har',
        requestBody: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'grant_type=authorization_code&code=abc123&client_id=portal&code_verifier=xyz',
        },
        body: '{"error":"unauthorized_client","error_description":"Client secret not provided in request"}',
      }),
    );
    expect(top(c)).toBe('no-credentials');
  });

  it('Keycloak\'s userinfo "User session not found" in a HAR saved without Authorization: the token went, its session is gone', () => {
    const c = run(
      exchange({
        source: 'har-browser',
        url: 'https://sso.example.org/realms/clinic/protocol/openid-connect/userinfo',
        res: {
          'WWW-Authenticate':
            'Bearer realm="clinic", error="invalid_request", error_description="User session not found or doesn\'t have client attached on it"',
        },
        body: '{"error":"invalid_request","error_description":"User session not found or doesn\'t have client attached on it"}',
      }),
    );
    expect(['token-invalid', 'session-expired']).toContain(top(c));
    // "None sent" stays as the other reading, well below.
    const none = c.find((x) => x.id === 'no-credentials')?.confidence ?? 0;
    expect(none).toBeLessThan((c[0]?.confidence ?? 0) - 0.1);
  });

  it('the same words with the token in the record: token-invalid', () => {
    const token = jwt({ iss: 'https://sso.example.org/realms/clinic', exp: s + 600 });
    const c = run(
      exchange({
        url: 'https://sso.example.org/realms/clinic/protocol/openid-connect/userinfo',
        req: { Authorization: `Bearer ${token}` },
        res: {
          'WWW-Authenticate':
            'Bearer realm="clinic", error="invalid_request", error_description="User session not found or doesn\'t have client attached on it"',
        },
      }),
    );
    expect(top(c)).toBe('token-invalid');
  });

  it('Devise\'s "Your session expired" in a HAR saved without cookies is session-expired, not a token', () => {
    const c = run(
      exchange({
        source: 'har-browser',
        url: 'https://app.example.com/tickets.json',
        body: '{"error":"Your session expired. Please sign in again to continue."}',
      }),
    );
    expect(top(c)).toBe('session-expired');
    expect(ids(c)).not.toContain('token-expired');
  });

  it('"Session has expired" said of a bearer token (Graph-style) is still token-expired; invalid_token with it too', () => {
    const bearer = run(
      exchange({
        req: { Authorization: 'Bearer EAAGm0PX4ZCpsBAKZBZAfake0123456789' },
        body: '{"error":{"message":"Error validating access token: Session has expired on Friday, 14-Jun-24 13:00:00 PDT.","type":"OAuthException","code":190,"error_subcode":463}}',
      }),
    );
    expect(top(bearer)).toBe('token-expired');
    const challenged = run(
      exchange({
        req: { Authorization: 'Bearer opaque-0123456789abcdef' },
        res: {
          'WWW-Authenticate': 'Bearer error="invalid_token", error_description="Session expired"',
        },
      }),
    );
    expect(top(challenged)).toBe('token-expired');
  });
});

describe('a sixth blind look (2026-11-30): developer tools and gateways', () => {
  it('GitHub Packages refusing the Bearer token npm sent, under its Basic challenge: the token, not the scheme', () => {
    const c = run(
      exchange({
        url: 'https://npm.pkg.github.com/@acme%2fconfig',
        req: { Authorization: 'Bearer ghs_JwU4Ghtw6rDI9PJT6LTGQtBhtaXmMeJRLhIR' },
        res: { 'WWW-Authenticate': 'Basic realm="GitHub Package Registry"' },
        body: '{"error":"unauthenticated: User cannot be authenticated with the token provided."}',
      }),
    );
    expect(['token-invalid', 'credentials-rejected']).toContain(top(c));
    // Without the words, Bearer sent and only Basic challenged is still a scheme mismatch.
    const bare = run(
      exchange({
        req: { Authorization: 'Bearer ghs_JwU4Ghtw6rDI9PJT6LTGQtBhtaXmMeJRLhIR' },
        res: { 'WWW-Authenticate': 'Basic realm="GitHub Package Registry"' },
      }),
    );
    expect(top(bare)).toBe('scheme-mismatch');
  });

  it('"the password was incorrect" (GitLab\'s token service, no challenge) is credentials-rejected', () => {
    const c = run(
      exchange({
        url: 'https://gitlab.example.com/jwt/auth?service=container_registry',
        req: { Authorization: 'Basic Z2l0bGFiK2RlcGxveTpnbGR0LXNlY3JldA==' },
        body: '{"errors":[{"code":"UNAUTHORIZED","message":"HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you\'re required to use a token instead of a password."}]}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).toContain('missing-challenge');
  });

  it('"token does not match" (OpenTelemetry\'s bearertokenauth) is the token refused, and the echoed token is masked', () => {
    const secret = '011e1a6e9bb561f704487838d037e5ae657eb85cfbf243c5';
    const c = run(
      exchange({
        method: 'POST',
        url: 'https://otel.example.com:4318/v1/logs',
        req: { Authorization: `Bearer {"token":"${secret}"}` },
        body: `scheme or token does not match: Bearer {"token":"${secret}"}`,
        mime: 'text/plain',
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(text(c)).not.toContain(secret.slice(8, 30));
  });

  it('"WWW-Authenticate: None" (Neo4j, for its own scripts) names no scheme: Basic refused is credentials-rejected', () => {
    const c = run(
      exchange({
        method: 'POST',
        url: 'https://neo4j.example.com:7473/db/neo4j/tx/commit',
        req: {
          Authorization: 'Basic bmVvNGo6R3JhcGgtQWRtMW4tMjAyNQ==',
          'X-Ajax-Browser-Auth': 'true',
        },
        res: { 'WWW-Authenticate': 'None' },
        body: '{"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"Invalid credential."}]}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).not.toContain('scheme-mismatch');
    // "xBasic" (a dialog-suppressing variant) is Basic too.
    const x = run(
      exchange({
        req: { Authorization: 'Basic dXNlcjpwYXNz' },
        res: { 'WWW-Authenticate': 'xBasic realm="app"' },
      }),
    );
    expect(top(x)).toBe('credentials-rejected');
  });

  it('a vendor\'s own X-…-Authorization header is a credential, and a Japanese "password authentication failed" is read', () => {
    const c = run(
      exchange({
        url: 'https://acme.cybozu.com/k/v1/records.json?app=42',
        req: { 'X-Cybozu-Authorization': 'Y2ktYm90OktpbnRvbmUtUGFzcy0yMDI1' },
        body: '{"code":"CB_WA01","message":"ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。"}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).not.toContain('no-credentials');
    expect(text(c)).not.toContain('Y2ktYm90OktpbnRvbmUtUGFzcy0yMDI1');
  });

  it('German words: an expired token, and a lapsed session in a HAR saved without cookies', () => {
    const token = run(
      exchange({
        url: 'https://api.example.de/v1/konto',
        req: { Authorization: 'Bearer opaque-0123456789abcdef' },
        body: '{"fehler":"Das Zugriffstoken ist abgelaufen."}',
      }),
    );
    expect(top(token)).toBe('token-expired');
    const session = run(
      exchange({
        source: 'har-browser',
        url: 'https://portal.example.de/api/konto',
        body: '{"fehler":"Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."}',
      }),
    );
    expect(top(session)).toBe('session-expired');
  });
});
