// Firefox treats MV3 host permissions as optional: a user can withhold or
// revoke them, and then webRequest sees nothing. Notice, and ask — from a
// real click, as permissions.request requires.
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser.ts';
import type { T } from '../ui/t.ts';

const ALL_SITES = { origins: ['<all_urls>'] };

export function HostAccess({ t }: { t: T }) {
  const [granted, setGranted] = useState(true);
  useEffect(() => {
    void browser.permissions.contains(ALL_SITES).then(setGranted);
  }, []);
  if (granted) return null;
  return (
    <div class="plan" role="alert">
      <p>{t('host_access_missing')}</p>
      <button
        type="button"
        class="primary"
        onClick={() => void browser.permissions.request(ALL_SITES).then(setGranted)}
      >
        {t('host_access_grant')}
      </button>
    </div>
  );
}
