// The redacted report a person pastes into a support ticket, and the cURL
// command that replays a failed request. Built only from stored evidence,
// which never holds a secret: credentials appear masked (scheme, prefix,
// length) or as a placeholder the user fills in.
import type { RecordView } from '../shared/messages.ts';

const fence = (s: string) => s.replace(/```/g, '`\u200b``');

export function markdownReport(
  records: RecordView[],
  meta: { product: string; when: Date },
): string {
  const lines: string[] = [];
  lines.push(`## ${meta.product}: ${records.length} authentication failure(s)`);
  lines.push('');
  lines.push(`Reported ${meta.when.toISOString()} · secrets are masked (scheme, prefix, length).`);
  for (const r of records) {
    const e = r.evidence;
    lines.push('');
    lines.push(`### ${e.status} ${e.method} ${fence(e.url)}`);
    lines.push('');
    lines.push(`- Time: ${new Date(r.time).toISOString()}`);
    lines.push(`- Resource type: ${r.type}`);
    if (r.repeats) {
      lines.push(
        `- Repeated: ${r.repeats} more times in a burst of 401s (counted, not recorded again)`,
      );
    }
    if (r.inStorm) {
      lines.push(
        '- Request headers: not read (it came in a burst of 401s, when Why 401 listens less)',
      );
    }
    for (const [i, c] of r.causes.entries()) {
      lines.push('');
      lines.push(
        `${i === 0 ? '**Most likely**' : 'Also'}: \`${c.id}\` (${Math.round(c.confidence * 100)}%) — ${c.summary}`,
      );
      for (const ev of c.evidence) lines.push(`  - ${ev}`);
      if (i === 0 && c.fixes.length) {
        lines.push('');
        lines.push('What to do:');
        c.fixes.forEach((f, j) => lines.push(`${j + 1}. ${f}`));
      }
    }
    const headers = relevantHeaders(r);
    if (headers.length) {
      lines.push('');
      lines.push('```http');
      lines.push(...headers.map(fence));
      lines.push('```');
    }
  }
  return lines.join('\n') + '\n';
}

/** The headers a support engineer needs, from evidence (already masked). */
export function relevantHeaders(r: RecordView): string[] {
  const e = r.evidence;
  const out: string[] = [`${e.method} ${e.url}`];
  if (e.authorization) out.push(`Authorization: ${e.authorization.masked}`);
  if (e.cookieNames?.length) out.push(`Cookie: ${e.cookieNames.map((n) => `${n}=…`).join('; ')}`);
  out.push('');
  out.push(`HTTP ${e.status}${e.statusText ? ` ${e.statusText}` : ''}`);
  for (const v of e.challengeRaw) out.push(`${e.challengeHeader}: ${v}`);
  if (e.serverDate !== undefined) out.push(`Date: ${new Date(e.serverDate).toUTCString()}`);
  return out;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A cURL command for the request. The extension never keeps the credential,
 * so it is a placeholder named for its kind ($TOKEN, $BASIC, $COOKIE).
 */
export function curlCommand(r: RecordView): string {
  const e = r.evidence;
  const parts = ['curl', '-i'];
  if (e.method !== 'GET') parts.push('-X', e.method);
  parts.push(shellQuote(e.url));
  const scheme = e.authorization?.scheme;
  if (scheme) {
    const placeholder = /^basic$/i.test(scheme) ? '$BASIC' : '$TOKEN';
    parts.push('-H', `"Authorization: ${scheme} ${placeholder}"`);
  }
  if (e.cookieNames?.length) parts.push('-H', `"Cookie: $COOKIE"`);
  return parts.join(' ');
}
