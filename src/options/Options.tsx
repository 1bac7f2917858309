// Settings: panel on/off, the sites where it is muted, which statuses count,
// how long records are kept. Saved through the background (the one writer).
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser.ts';
import { send } from '../shared/send.ts';
import { WATCHABLE_STATUSES, type Settings } from '../shared/settings.ts';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const RETENTION = [0, 15, 60, 24 * 60];

export function Options() {
  const [s, setS] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void send('settings/get', {}).then(setS);
  }, []);
  if (!s) return null;

  const save = async (patch: Partial<Settings>) => {
    setS(await send('settings/set', { patch }));
    setSaved(t('options_saved'));
  };

  return (
    <main>
      <h1>{t('options_title')}</h1>
      <section>
        <label>
          <input
            type="checkbox"
            checked={s.panel}
            onChange={(e) => void save({ panel: (e.target as HTMLInputElement).checked })}
          />{' '}
          {t('options_panel')}
        </label>
      </section>
      <fieldset>
        <legend>{t('options_statuses')}</legend>
        {WATCHABLE_STATUSES.map((n) => (
          <label key={n}>
            <input
              type="checkbox"
              checked={s.statuses.includes(n)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                void save({
                  statuses: on ? [...s.statuses, n] : s.statuses.filter((x) => x !== n),
                });
              }}
            />{' '}
            {t(`options_status_${n}`)}
          </label>
        ))}
      </fieldset>
      <section>
        <label>
          <input
            type="checkbox"
            data-testid="watch-all-types"
            checked={s.watchAllTypes}
            onChange={(e) => void save({ watchAllTypes: (e.target as HTMLInputElement).checked })}
          />{' '}
          {t('options_watch_all_types')}
        </label>
        <p class="hint">{t('options_watch_all_types_hint')}</p>
      </section>
      <section>
        <label>
          {t('options_retention')}{' '}
          <select
            value={String(s.retentionMinutes)}
            onChange={(e) =>
              void save({ retentionMinutes: Number((e.target as HTMLSelectElement).value) })
            }
          >
            {RETENTION.map((m) => (
              <option key={m} value={String(m)}>
                {m === 0
                  ? t('options_retention_page')
                  : t('options_retention_minutes', [String(m)])}
              </option>
            ))}
          </select>
        </label>
      </section>
      <section>
        <h2>{t('options_muted')}</h2>
        {s.mutedSites.length === 0 && <p>{t('options_muted_none')}</p>}
        <ul>
          {s.mutedSites.map((o) => (
            <li key={o}>
              <code>{o}</code>{' '}
              <button
                type="button"
                aria-label={t('options_unmute', [o])}
                onClick={() => void save({ mutedSites: s.mutedSites.filter((x) => x !== o) })}
              >
                {t('options_unmute_short')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={browser.runtime.getURL('src/har/index.html')}>{t('popup_explain_har')}</a>
      </p>
      <p role="status">{saved}</p>
    </main>
  );
}
