import '../ui/page.css';
import './har.css';
import { render } from 'preact';
import browser from '../shared/browser.ts';
import { HarPage } from './HarPage.tsx';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
document.title = t('har_title');
const root = document.getElementById('app');
if (root) render(<HarPage t={t} />, root);
