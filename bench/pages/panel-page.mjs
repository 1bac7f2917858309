// Time-to-explanation page: once loaded, it fires one fetch answered 401 and
// watches for the panel (<why401-panel> with a [data-cause] element in its
// open shadow root, laid out with a size). It reports the moment in epoch
// milliseconds; the server notes when the 401 left it, on the same clock.

/** @param {{tag:string, timeoutMs:number}} o */
export function panelPage({ tag, timeoutMs }) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench panel</title></head><body>
<p>panel latency probe</p>
<script>
const now = () => performance.timeOrigin + performance.now();
window.__panelSeen = new Promise((resolve) => {
  let done = false;
  const check = () => {
    if (done) return;
    const host = document.querySelector('why401-panel');
    const cause = host && host.shadowRoot && host.shadowRoot.querySelector('[data-cause]');
    if (cause && cause.getBoundingClientRect().height > 0) {
      done = true;
      resolve({ seen: now() });
    }
  };
  // The host is added under <html>; its shadow root is filled later, so
  // observe the shadow root too once it exists.
  const watched = new WeakSet();
  new MutationObserver(() => {
    const host = document.querySelector('why401-panel');
    if (host && host.shadowRoot && !watched.has(host.shadowRoot)) {
      watched.add(host.shadowRoot);
      new MutationObserver(check).observe(host.shadowRoot, { childList: true, subtree: true, attributes: true });
    }
    check();
  }).observe(document.documentElement, { childList: true, subtree: true });
  setTimeout(() => { done = true; resolve({ seen: null }); }, ${timeoutMs});
});
addEventListener('load', () => { fetch('/401?tag=${tag}').catch(() => {}); });
</script></body></html>`;
}
