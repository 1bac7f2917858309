// The manifest's devtools_page: loaded (invisibly) whenever DevTools opens,
// it only adds the "Why 401" panel. Paths start with "/" because Firefox
// resolves them against this page's URL and Chrome against the extension root.
import browser from '../shared/browser.ts';
import { findDevtoolsApi } from './devtools-api.ts';

const api = findDevtoolsApi();
api?.panels.create?.(
  browser.i18n.getMessage('devtools_panel_title'),
  '/icons/icon-32.png',
  '/src/devtools/panel.html',
);
