// Shared facts for the rules, computed once per diagnosis.
import { referenceTime } from '../time.ts';
import type { Evidence, Translate } from '../types.ts';
import type { Ctx } from './types.ts';

const MAX_TEXT = 4096;

/** Status texts that say nothing beyond the status code (RFC 9110 §15.5.2, §15.5.8). */
const PLAIN_STATUS = /^(unauthori[sz]ed|proxy authentication required|forbidden|ok)?$/i;

function reasonText(ev: Evidence): string {
  const parts: string[] = [];
  for (const c of ev.challenges) {
    const d = c.params.error_description;
    if (d) parts.push(d);
  }
  const f = ev.body?.fields;
  if (f) {
    for (const [k, v] of Object.entries(f)) {
      const last = k.slice(k.lastIndexOf('.') + 1).toLowerCase();
      if (
        /^(message|msg|error|error_description|errormessage|detail|title|description|reason|code|status|__type)$/.test(
          last,
        )
      ) {
        parts.push(v);
      }
    }
  } else if (ev.body?.text) {
    parts.push(ev.body.text);
  }
  if (ev.statusText && !PLAIN_STATUS.test(ev.statusText.trim())) parts.push(ev.statusText);
  return parts.join(' \n ').slice(0, MAX_TEXT);
}

export function buildCtx(ev: Evidence, others: readonly Evidence[], t: Translate): Ctx {
  const { ms, source } = referenceTime(ev);
  const hasAuth =
    ev.authorization !== undefined || ev.authRedacted === true || ev.authScheme !== undefined;
  const hasCookies = (ev.cookieNames?.length ?? 0) > 0;
  const hasApiKey = ev.apiKeyHeaders.length > 0 || ev.apiKeyParams.length > 0;
  const ctx: Ctx = {
    ev,
    others,
    t,
    now: ms,
    nowSource: source,
    challenged: ev.challenges.map((c) => c.scheme.toLowerCase()),
    hasAuth,
    hasCookies,
    hasApiKey,
    anyCredential: hasAuth || hasCookies || hasApiKey,
    credentialsKnown: ev.requestHeadersComplete,
    bodyText: reasonText(ev),
  };
  if (ev.authBare) ctx.sent = '';
  else if (ev.authScheme !== undefined) ctx.sent = ev.authScheme.toLowerCase();
  return ctx;
}
