import '../ui/page.css';
import './popup.css';
import { render } from 'preact';
import { Popup, requestFirstView } from './Popup.tsx';
import { resolveTabId } from './tab-id.ts';

// Marks for the benchmark's breakdown of first render (bench/suites/popup.mjs):
// script running, data received. Local to this page; nothing is sent anywhere.
performance.mark('why401:script');
// The records are asked for first: the worker answers while Preact renders the frame.
const first = requestFirstView(resolveTabId(location.search));
const root = document.getElementById('app');
if (root) render(<Popup first={first} />, root);
