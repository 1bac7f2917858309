import '../ui/page.css';
import './popup.css';
import { render } from 'preact';
import { Popup } from './Popup.tsx';
import { resolveTabId } from './tab-id.ts';

// Marks for the benchmark's breakdown of first render (bench/suites/popup.mjs):
// script running, data received. Local to this page; nothing is sent anywhere.
performance.mark('why401:script');
const root = document.getElementById('app');
if (root) render(<Popup tabId={resolveTabId(location.search)} />, root);
