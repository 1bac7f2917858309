// The panel's host: a custom element directly under <html> with an OPEN
// shadow root (assistive technology and tests can reach it; ui-contract.md),
// reset with `all: initial` so the page's CSS cannot reach in, at the top of
// the stacking order. Styles are inlined into the shadow root; no fonts are
// injected into the page.
import { PANEL_CSS } from '../ui/panel-css.ts';

export const HOST_TAG = 'why401-panel';

export function mountHost(doc: Document) {
  doc.querySelector(HOST_TAG)?.remove();
  const host = doc.createElement(HOST_TAG);
  // `all: initial` without !important: it still beats every ordinary page rule
  // (inline style), and user style sheets that adjust text spacing for
  // readability (WCAG 1.4.12) can still apply; placement is !important.
  host.setAttribute(
    'style',
    'all: initial; position: fixed !important; z-index: 2147483647 !important; ' +
      'inset: auto 16px 16px auto !important; display: block !important;',
  );
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const mountPoint = doc.createElement('div');
  shadow.append(style, mountPoint);
  doc.documentElement.append(host);
  return { host, shadow, mountPoint, unmount: () => host.remove() };
}
