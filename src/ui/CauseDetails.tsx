// One cause: plain words first, then why (the evidence) and what to do.
// Everything here may come from a server (realm, error_description, body
// text): it is rendered as text nodes by Preact, never as HTML.
import { useState } from 'preact/hooks';
import type { Cause } from '../core/index.ts';
import { safeHttpUrl } from './safe-url.ts';
import type { T } from './t.ts';

export function CauseDetails({ cause, t, open }: { cause: Cause; t: T; open?: boolean }) {
  // The why-and-fix part is built only once opened: a popup of 500 records
  // would otherwise build thousands of hidden elements before its first paint.
  const [shown, setShown] = useState(!!open);
  return (
    <div class="cause" data-cause={cause.id}>
      <p class="summary">{cause.summary}</p>
      <details
        open={open}
        onToggle={(e) => {
          if ((e.currentTarget as HTMLDetailsElement).open) setShown(true);
        }}
      >
        <summary>{t('ui_why_and_fix')}</summary>
        {shown && <CauseBody cause={cause} t={t} />}
      </details>
    </div>
  );
}

function CauseBody({ cause, t }: { cause: Cause; t: T }) {
  const links = (cause.links ?? [])
    .map((l) => ({ label: l.label, href: safeHttpUrl(l.url) }))
    .filter((l): l is { label: string; href: string } => !!l.href);
  return (
    <>
      {cause.evidence.length > 0 && (
        <>
          <h4>{t('ui_evidence')}</h4>
          <ul class="evidence">
            {cause.evidence.map((e, i) => (
              <li key={i}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {cause.fixes.length > 0 && (
        <>
          <h4>{t('ui_fixes')}</h4>
          <ol class="fixes">
            {cause.fixes.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ol>
        </>
      )}
      {links.length > 0 && (
        <p class="links">
          {links.map((l, i) => (
            <a key={i} href={l.href} target="_blank" rel="noopener noreferrer">
              {l.label}
            </a>
          ))}
        </p>
      )}
      <p class="confidence">{t('ui_confidence', [String(Math.round(cause.confidence * 100))])}</p>
    </>
  );
}
