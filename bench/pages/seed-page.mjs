// Seeds real records for the popup benchmark: `n` fetch calls answered 401
// with varied Bearer-style challenges, one after another (so the extension
// records each with its own evidence), then sets window.__seeded.

/** @param {{n:number, kinds:number}} o */
export function seedPage({ n, kinds }) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench seed</title></head><body>
<script>
window.__seeded = (async () => {
  for (let i = 0; i < ${n}; i++) {
    const auth = i % 3 === 0 ? { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjEwMDAwMDAwMDB9.c2ln' } : {};
    await fetch('/401?v=' + (i % ${kinds}) + '&i=' + i + '&p=/api/v' + (i % 4) + '/items', { headers: auth }).catch(() => {});
  }
  return ${n};
})();
</script></body></html>`;
}
