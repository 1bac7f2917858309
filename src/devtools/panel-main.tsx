import '../ui/page.css';
import './panel.css';
import { render } from 'preact';
import browser from '../shared/browser.ts';
import { findDevtoolsApi } from './devtools-api.ts';
import { DevtoolsPanel } from './DevtoolsPanel.tsx';
import { followTheme } from './theme.ts';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const root = document.getElementById('app');
const api = findDevtoolsApi();
if (root) {
  if (api) {
    followTheme(api, document.documentElement);
    render(<DevtoolsPanel api={api} t={t} />, root);
  } else {
    // Opened as a plain tab: there is no inspected page to listen to.
    render(
      <main data-testid="devtools-no-api">
        <p class="empty">{t('devtools_no_api')}</p>
      </main>,
      root,
    );
  }
}
