import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose.ts';
import { extractEvidence } from '../evidence.ts';
import { exchange } from '../testing/build.ts';
import type { Exchange } from '../types.ts';
import { VENDORS } from './index.ts';

const top = (ex: Exchange) => diagnose(extractEvidence(ex))[0]?.id;
const withToken = { Authorization: 'Bearer opaque-token-0123456789' };

describe('vendor rules', () => {
  it('every vendor is listed once, and none throws on odd bodies', () => {
    expect(new Set(VENDORS.map((v) => v.name)).size).toBe(VENDORS.length);
    const ev = extractEvidence(
      exchange({ body: '{"error":{"code":{"x":1}},"errors":[null],"detail":5}' }),
    );
    for (const v of VENDORS) expect(() => v.claims(ev)).not.toThrow();
  });
  it('RFC 9457 problem+json detail', () => {
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"JWT expired 5 minutes ago"}',
          mime: 'application/problem+json',
        }),
      ),
    ).toBe('token-expired');
  });
  it('Google UNAUTHENTICATED reasons', () => {
    const body = (reason: string) =>
      JSON.stringify({
        error: {
          code: 401,
          status: 'UNAUTHENTICATED',
          message: 'x',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }],
        },
      });
    expect(
      top(
        exchange({
          body: body('CREDENTIALS_MISSING'),
          res: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
        }),
      ),
    ).toBe('no-credentials');
    expect(
      top(
        exchange({
          req: withToken,
          body: body('ACCESS_TOKEN_EXPIRED'),
          res: { 'WWW-Authenticate': 'Bearer realm="x"' },
        }),
      ),
    ).toBe('token-expired');
  });
  it('Microsoft Graph / ARM error codes and AADSTS', () => {
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"error":{"code":"InvalidAuthenticationTokenAudience","message":"wrong audience"}}',
        }),
      ),
    ).toBe('token-wrong-audience');
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}',
        }),
      ),
    ).toBe('token-expired');
    expect(
      top(
        exchange({
          req: { Authorization: 'Basic Zm9vOmJhcg==' },
          body: '{"error":"invalid_grant","error_description":"AADSTS50126: Error validating credentials due to invalid username or password."}',
        }),
      ),
    ).toBe('credentials-rejected');
  });
  it('Kubernetes Status says nothing specific: the token is not claimed expired', () => {
    const c = diagnose(
      extractEvidence(
        exchange({
          req: withToken,
          body: '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
        }),
      ),
    );
    expect(c.map((x) => x.id)).not.toContain('token-expired');
  });
  it('GitHub "Bad credentials" and "Requires authentication"', () => {
    expect(
      top(
        exchange({
          req: { Authorization: 'token ghp_xxxxxxxxxxxxxxxxxxxx' },
          body: '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}',
        }),
      ),
    ).toBe('credentials-rejected');
    expect(
      top(
        exchange({
          body: '{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest"}',
        }),
      ),
    ).toBe('no-credentials');
  });
  it('Stripe/OpenAI invalid and missing API key', () => {
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"error":{"message":"Invalid API Key provided: sk_test_****1234","type":"invalid_request_error"}}',
        }),
      ),
    ).toBe('credentials-rejected');
    expect(
      top(
        exchange({
          body: '{"error":{"message":"You didn\'t provide an API key.","type":"invalid_request_error"}}',
        }),
      ),
    ).toBe('no-credentials');
  });
  it('AWS x-amzn-ErrorType', () => {
    expect(
      top(
        exchange({
          req: { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=abc' },
          res: {
            'x-amzn-ErrorType':
              'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/',
          },
        }),
      ),
    ).toBe('credentials-rejected');
    expect(
      top(
        exchange({
          req: { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=abc' },
          body: '{"__type":"com.amazon.coral.service#ExpiredTokenException","message":"The security token included in the request is expired"}',
        }),
      ),
    ).toBe('token-expired');
  });
  it('Atlassian X-Seraph-LoginReason', () => {
    expect(
      top(
        exchange({
          req: { Authorization: 'Basic Zm9vOmJhcg==' },
          res: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
        }),
      ),
    ).toBe('credentials-rejected');
  });
  it('Twilio 20003', () => {
    expect(
      top(
        exchange({
          url: 'https://api.twilio.com/2010-04-01/Accounts.json',
          req: { Authorization: 'Basic QUM6eHg=' },
          body: '{"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}',
        }),
      ),
    ).toBe('credentials-rejected');
  });
  it('Laravel "Unauthenticated." with and without a session cookie', () => {
    expect(
      top(
        exchange({
          req: { Cookie: 'laravel_session=abcdef123456' },
          body: '{"message":"Unauthenticated."}',
        }),
      ),
    ).toBe('session-expired');
    expect(top(exchange({ body: '{"message":"Unauthenticated."}' }))).toBe('no-credentials');
  });
  it('Django REST framework details', () => {
    expect(
      top(
        exchange({
          req: { Authorization: 'Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b' },
          res: { 'WWW-Authenticate': 'Token' },
          body: '{"detail":"Invalid token."}',
        }),
      ),
    ).toBe('credentials-rejected');
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"message":"Token is expired"}]}',
        }),
      ),
    ).toBe('token-expired');
  });
  it('Spring / Keycloak OAuth JSON bodies', () => {
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"error":"invalid_token","error_description":"Token verification failed"}',
        }),
      ),
    ).toBe('token-invalid');
    expect(
      top(
        exchange({
          req: withToken,
          body: '{"error":"insufficient_scope","error_description":"needs admin"}',
        }),
      ),
    ).toBe('insufficient-scope');
  });
  it('ASP.NET Core JwtBearer descriptions', () => {
    expect(
      top(
        exchange({
          req: withToken,
          res: {
            'WWW-Authenticate':
              'Bearer error="invalid_token", error_description="The token expired at \'06/14/2024 16:01:30\'"',
          },
        }),
      ),
    ).toBe('token-expired');
    expect(
      top(
        exchange({
          req: withToken,
          res: {
            'WWW-Authenticate':
              'Bearer error="invalid_token", error_description="The audience \'api://x\' is invalid"',
          },
        }),
      ),
    ).toBe('token-wrong-audience');
  });
  it('Docker registry DENIED', () => {
    expect(
      top(
        exchange({
          req: withToken,
          res: { 'WWW-Authenticate': 'Bearer realm="https://r/token",service="r"' },
          body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
        }),
      ),
    ).toBe('insufficient-scope');
  });
});
