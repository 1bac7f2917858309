// Merges findings per cause, adds the server defects, ranks, and renders
// text. A server defect (no or malformed challenge) ranks first only when
// nothing else explains the 401 (causes.md); otherwise it is reported below.
import { FIXES, LINKS, PRIORITY } from './cause-info.ts';
import { passwordLike } from './rules/claims.ts';
import { challengeLine, credentialLine } from './rules/credentials.ts';
import { msg, quote, type Ctx, type Finding, type Msg } from './rules/types.ts';
import type { Cause, CauseId } from './types.ts';

/** Below this, nothing is a real explanation: a server defect may lead. */
const EXPLAINED = 0.5;

const keyOf = (m: Msg): string => `${m.key}\u0000${(m.subs ?? []).join('\u0000')}`;

export function merge(findings: readonly Finding[]): Finding[] {
  const byId = new Map<CauseId, Finding>();
  for (const f of findings) {
    const cur = byId.get(f.id);
    if (!cur) {
      byId.set(f.id, {
        ...f,
        evidence: [...f.evidence],
        fixes: f.fixes ? [...f.fixes] : undefined,
      });
      continue;
    }
    const top = f.confidence > cur.confidence ? f : cur;
    const seen = new Set<string>();
    // The strongest finding's evidence first.
    const evidence =
      top === f ? [...f.evidence, ...cur.evidence] : [...cur.evidence, ...f.evidence];
    const dedup: Msg[] = [];
    for (const m of evidence) {
      const k = keyOf(m);
      if (seen.has(k)) continue;
      seen.add(k);
      dedup.push(m);
    }
    // Two independent signals for the same cause make it a little more certain.
    const confidence = Math.min(0.97, Math.max(cur.confidence, f.confidence) + 0.03);
    const fixes = [...(cur.fixes ?? []), ...(f.fixes ?? [])];
    byId.set(f.id, {
      id: f.id,
      confidence,
      summary: top.summary ?? cur.summary ?? f.summary,
      evidence: dedup,
      fixes: fixes.length ? fixes : undefined,
    });
  }
  return [...byId.values()];
}

export function addServerDefects(ctx: Ctx, findings: Finding[]): Finding[] {
  const { ev } = ctx;
  const out = [...findings];
  // Credentials over plain http are a risk worth saying, not why the server
  // refused them: they do not count as an explanation of the 401.
  const best = findings.reduce(
    (m, f) => (f.id === 'insecure-transport' ? m : Math.max(m, f.confidence)),
    0,
  );
  const lead = best < EXPLAINED;
  // A 401 to a request that carried credentials refuses them (RFC 9110
  // §15.5.2): when nothing more specific explains the response, that reading
  // is listed, just below the server's defect, which leads when nothing is
  // known (causes.md: "a low-confidence cause such as missing-challenge").
  // (A cookie session is read by credentials.ts; a 407 by proxy.ts.)
  const sentKeyOrToken =
    (ctx.hasAuth || ctx.hasApiKey || ctx.hasBodyCredential) &&
    !ev.authRedacted &&
    ctx.credentialsKnown &&
    ev.status === 401;
  if (
    sentKeyOrToken &&
    lead &&
    !out.some((f) => f.id === 'credentials-rejected' || f.id === 'token-invalid')
  ) {
    const cred = credentialLine(ctx);
    out.push({
      id: passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid',
      confidence: 0.45,
      summary: msg('cause_unknown_refused'),
      evidence: [...(cred ? [cred] : []), msg('ev_rfc_refused'), challengeLine(ctx)],
    });
  }
  if ((ev.status === 401 || ev.status === 407) && !ev.challengePresent) {
    out.push({
      id: 'missing-challenge',
      confidence: lead ? 0.55 : 0.3,
      evidence: [msg('ev_no_challenge', ev.challengeHeader), msg('ev_status', String(ev.status))],
    });
  }
  if (ev.challengePresent && (ev.challengeMalformed || ev.challenges.length === 0)) {
    const evidence: Msg[] = [challengeLine(ctx)];
    for (const p of ev.challengeProblems.slice(0, 3))
      evidence.push(msg('ev_parse_problem', quote(p)));
    out.push({ id: 'malformed-challenge', confidence: lead ? 0.55 : 0.35, evidence });
  }
  if (!out.length) {
    // Never empty (causes.md): say plainly that nothing in the exchange tells why.
    out.push(
      ctx.anyCredential
        ? {
            id: 'credentials-rejected',
            confidence: 0.3,
            summary: msg('cause_unknown_refused'),
            evidence: [challengeLine(ctx)],
          }
        : {
            id: 'no-credentials',
            confidence: 0.3,
            summary: msg('cause_unknown'),
            evidence: [challengeLine(ctx)],
          },
    );
  }
  return out;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => b.confidence - a.confidence || PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id),
  );
}

export function render(ctx: Ctx, f: Finding): Cause {
  const t = ctx.t;
  const tr = (m: Msg): string => t(m.key, m.subs);
  const summary = tr(f.summary ?? { key: `cause_${f.id.replace(/-/g, '_')}` });
  const fixes = [...(f.fixes ?? []).map(tr), ...FIXES[f.id].map((k) => t(k))];
  return {
    id: f.id,
    confidence: Math.round(Math.min(1, Math.max(0, f.confidence)) * 100) / 100,
    summary,
    evidence: f.evidence.map(tr).filter((s) => s.length > 0),
    fixes: [...new Set(fixes)],
    links: LINKS[f.id].map((l) => ({ ...l })),
  };
}
