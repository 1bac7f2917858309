import '../ui/page.css';
import './popup.css';
import { render } from 'preact';
import { Popup } from './Popup.tsx';
import { resolveTabId } from './tab-id.ts';

const root = document.getElementById('app');
if (root) render(<Popup tabId={resolveTabId(location.search)} />, root);
