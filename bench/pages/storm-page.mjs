// The storm page: fires `n` fetch calls answered 401 over `ms` milliseconds,
// at most `concurrency` in flight, and meanwhile runs a fixed piece of work
// every 100 ms, timing each run. The page's responsiveness is those timings
// (and timer lag), compared with and without the extension.

/** @param {{n:number, ms:number, concurrency:number}} o */
export function stormPage({ n, ms, concurrency }) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench storm</title></head><body>
<p>401 storm</p>
<script>
function work() {
  // Fixed work: arithmetic and string building, ~12 ms on this machine. The
  // page's timer resolution is 0.1 ms: a ~1 ms piece (until 2026-11-29) could
  // only move the ratio in steps of ~8% (1.2 vs 1.4 ms read as 1.17).
  let x = 0, s = '';
  for (let i = 0; i < 2000000; i++) { x = (x * 31 + i) % 1000003; if ((i & 1023) === 0) s += x.toString(36); }
  return x + s.length;
}
window.__storm = new Promise((resolve) => {
  const N = ${n}, MS = ${ms}, MAX = ${concurrency};
  const start = performance.now();
  let sent = 0, settled = 0, inFlight = 0, sink = 0;
  const workMs = [], lagMs = [];
  const pump = () => {
    const due = Math.min(N, Math.floor(((performance.now() - start) / MS) * N) + 1);
    while (sent < due && inFlight < MAX) {
      sent++; inFlight++;
      fetch('/401?storm=' + sent).then((r) => r.arrayBuffer()).catch(() => {}).finally(() => { inFlight--; settled++; });
    }
    if (settled < N) setTimeout(pump, 5);
  };
  pump();
  let expected = performance.now() + 100;
  const tick = () => {
    const t0 = performance.now();
    lagMs.push(t0 - expected);
    sink += work();
    workMs.push(performance.now() - t0);
    if (settled >= N && t0 - start >= MS) {
      resolve({ workMs, lagMs, sent, settled, elapsedMs: performance.now() - start, sink });
      return;
    }
    expected = performance.now() + 100;
    setTimeout(tick, 100);
  };
  setTimeout(tick, 100);
});
</script></body></html>`;
}
