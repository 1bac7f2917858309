// The fixes for one origin, presentational: the page passes in how to plan,
// clear, sign in and copy (the popup and the DevTools panel send messages to
// the background; tests pass fakes). Clearing is destructive: the plan
// (exactly which cookies and which kinds of storage, and what the browser
// cannot clear) is shown first, and nothing is removed until the user confirms.
import { useEffect, useState } from 'preact/hooks';
import type { ClearPlan, ClearResult, RecordView, SignInResult } from '../shared/messages.ts';
import { curlCommand, markdownReport } from './report.ts';
import type { T } from './t.ts';

export interface SiteActions {
  plan(origin: string): Promise<ClearPlan>;
  clear(origin: string, globalCache: boolean): Promise<ClearResult>;
  signIn(origin: string): Promise<SignInResult>;
  copy(text: string): Promise<void>;
}

type Props = {
  origin: string;
  records: RecordView[];
  t: T;
  actions: SiteActions;
  /** Open with the clearing plan shown (the panel's "Fix it…" opens the popup so). */
  startWith?: 'plan';
};

const message = (e: unknown) => String(e instanceof Error ? e.message : e);

export function OriginActions({ origin, records, t, actions, startWith }: Props) {
  const [plan, setPlan] = useState<ClearPlan | null>(null);
  const [globalCache, setGlobalCache] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const httpAuth = records.some((r) =>
    (r.evidence.challenges ?? []).some((c) => /^(basic|digest)$/i.test(c.scheme)),
  );

  const showPlan = async () => {
    setStatus('');
    try {
      setPlan(await actions.plan(origin));
    } catch (e) {
      setStatus(message(e));
    }
  };
  useEffect(() => {
    if (startWith === 'plan') void showPlan();
    // Once, on mount: the plan is asked for when the window opens.
  }, []);

  const clear = async () => {
    setBusy(true);
    try {
      const r = await actions.clear(origin, globalCache);
      setStatus(
        r.failed.length ? t('clear_partial', [r.failed.join(', ')]) : t('clear_done', [origin]),
      );
      setPlan(null);
    } catch (e) {
      setStatus(message(e));
    } finally {
      setBusy(false);
    }
  };

  const signIn = async () => {
    setBusy(true);
    try {
      const r = await actions.signIn(origin);
      setStatus(
        t('signin_done', [r.url]) + (r.httpAuthCached ? ` ${t('signin_basic_cached')}` : ''),
      );
    } catch (e) {
      setStatus(message(e));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string, what: string) => {
    try {
      await actions.copy(text);
      setStatus(t('copied', [what]));
    } catch {
      setStatus(t('copy_failed'));
    }
  };

  return (
    <div class="origin-actions">
      <div class="buttons">
        <button
          type="button"
          class="primary"
          data-action="sign-in"
          disabled={busy}
          onClick={() => void signIn()}
        >
          {t('action_sign_in')}
        </button>
        <button type="button" data-action="clear" disabled={busy} onClick={() => void showPlan()}>
          {t('action_clear')}
        </button>
        <button
          type="button"
          data-action="copy-report"
          onClick={() =>
            void copy(
              markdownReport(records, { product: 'Why 401', when: new Date() }),
              t('report'),
            )
          }
        >
          {t('action_copy_report')}
        </button>
        {records[0] && (
          <button
            type="button"
            data-action="copy-curl"
            onClick={() => void copy(curlCommand(records[0]!), 'cURL')}
          >
            {t('action_copy_curl')}
          </button>
        )}
      </div>
      {httpAuth && <p class="note">{t('note_http_auth_cached')}</p>}
      {plan && (
        <div class="plan" role="group" aria-label={t('clear_plan_label', [origin])}>
          <p>{t('clear_plan_intro', [origin])}</p>
          <ul>
            <li>
              {plan.cookies.length === 0
                ? t('clear_cookies_none')
                : t('clear_cookies', [
                    String(plan.cookies.length),
                    plan.cookies.map((c) => c.name).join(', '),
                  ])}
            </li>
            {plan.cookies.some((c) => c.shared) && (
              <li class="warn">
                {t('clear_cookies_shared', [
                  [...new Set(plan.cookies.filter((c) => c.shared).map((c) => c.domain))].join(
                    ', ',
                  ),
                ])}
              </li>
            )}
            <li>{t('clear_storage', [plan.storage.map((k) => t(`storage_${k}`)).join(', ')])}</li>
            {plan.cacheIsGlobalOnly && <li class="warn">{t('clear_cache_firefox')}</li>}
          </ul>
          {plan.cacheIsGlobalOnly && (
            <label>
              <input
                type="checkbox"
                checked={globalCache}
                onChange={(e) => setGlobalCache((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('clear_cache_all_sites')}
            </label>
          )}
          <p class="note">
            {t(
              plan.cookies.some((c) => c.shared)
                ? 'clear_other_origins_untouched_but_shared'
                : 'clear_other_origins_untouched',
            )}
          </p>
          <div class="buttons">
            <button
              type="button"
              class="danger"
              data-action="confirm-clear"
              disabled={busy}
              onClick={() => void clear()}
            >
              {t('clear_confirm')}
            </button>
            <button type="button" onClick={() => setPlan(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {status && (
        <p class="status-line" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
