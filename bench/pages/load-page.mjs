// The page-load page: 200 images, 50 scripts and 50 fetch calls (plus, when
// asked, 20 fetch calls answered 401). It signals "done" with a performance
// mark once the load event has fired AND every fetch has settled, so the
// measure covers the fetch calls that loadEventEnd alone would miss.

/**
 * @param {{images:number, scripts:number, fetches:number, n401:number, delay:boolean, r:string, extraOk?:boolean}} o
 * `r` makes every URL unique per load; `delay` asks the server to hold each response 20–40 ms;
 * `extraOk`: the n401 extra fetch calls are answered 200 instead (the same requests, no 401).
 */
export function loadPage({ images, scripts, fetches, n401, delay, r, extraOk = false }) {
  const q = (i) => `i=${i}&r=${r}${delay ? '&d=1' : ''}`;
  const imgs = Array.from(
    { length: images },
    (_, i) => `<img src="/img?${q(i)}" width="4" height="4" alt="">`,
  );
  const js = Array.from({ length: scripts }, (_, i) => `<script src="/js?${q(i)}" async></script>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench load</title>
<script>
performance.setResourceTimingBufferSize(1000);
// Started in <head> so the fetch calls overlap the images and scripts, as on a real page.
const tail = '&r=${r}${delay ? '&d=1' : ''}';
const urls = [];
for (let i = 0; i < ${fetches}; i++) urls.push('/data?i=' + i + tail);
for (let i = 0; i < ${n401}; i++) urls.push('${extraOk ? '/data?x=' : '/401?i='}' + i + tail);
const fetched = Promise.all(urls.map((u) => fetch(u).then((res) => res.text()).catch(() => '')));
const loaded = new Promise((res) => addEventListener('load', () => setTimeout(res, 0)));
window.__benchDone = Promise.all([fetched, loaded]).then(() => {
  const mark = performance.mark('bench-done');
  const nav = performance.getEntriesByType('navigation')[0];
  return { done: mark.startTime, loadEventEnd: nav.loadEventEnd, resources: performance.getEntriesByType('resource').length };
});
</script></head><body>
${imgs.join('\n')}
${js.join('\n')}
</body></html>`;
}
