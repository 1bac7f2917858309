// The popup's UI, drawn by main.tsx once the first request is on its way.
// Its styles come inlined in this module, not as <link>s in the page: a
// stylesheet is one more file the page waits on before its script runs.
import { render } from 'preact';
import type { TabView } from '../shared/messages.ts';
import pageCss from '../ui/page.css?inline';
import type { FirstView } from './first-view.ts';
import { Popup } from './Popup.tsx';
import popupCss from './popup.css?inline';

export function mount(first: FirstView): void {
  performance.mark('why401:ui'); // the UI starts drawing (bench: popup.phasesMs)
  const style = document.createElement('style');
  style.textContent = `${pageCss}\n${popupCss}`;
  document.head.append(style);
  const root = document.getElementById('app');
  if (!root) return;
  const draw = (view?: TabView) => render(<Popup first={first} view={view} />, root);
  // The frame now, with the records if they are in (they usually are); else
  // the records the moment they arrive, without waiting for a paint.
  draw(first.ready);
  if (!first.ready) {
    first.view.then(
      (v) => {
        performance.mark('why401:view'); // the records arrived after the UI (bench)
        draw(v);
      },
      () => undefined,
    );
  }
}
