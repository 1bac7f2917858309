// Bytes the extension ships where it costs: the background bundle (the
// manifest's service worker and every module it imports, transitively) and
// the content script the panel injection uses (the IIFE file(s) under
// dist/chrome that executeScript names).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Static and dynamic imports of an ES module built by Vite/rolldown. */
const IMPORT_RE =
  /(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** @param {string} dist @param {string} start @returns {string[]} files, relative to dist */
function moduleGraph(dist, start) {
  const seen = new Set();
  const todo = [resolve(dist, start)];
  while (todo.length) {
    const file = todo.pop();
    if (!file || seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec || !(spec.startsWith('.') || spec.startsWith('/'))) continue;
      todo.push(spec.startsWith('/') ? join(dist, spec) : resolve(dirname(file), spec));
    }
  }
  return [...seen].map((f) => relative(dist, f));
}

/** @param {string} dist */
export function buildSizes(dist) {
  const manifestFile = join(dist, 'manifest.json');
  if (!existsSync(manifestFile)) return { skipped: `${dist} not built (npm run build)` };
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const sw = manifest.background?.service_worker;
  if (!sw) return { skipped: 'manifest has no background.service_worker' };
  const bgFiles = moduleGraph(dist, sw);
  const size = (f) => statSync(join(dist, f)).size;
  const backgroundBytes = bgFiles.reduce((n, f) => n + size(f), 0);
  // Content scripts: declared ones, plus the files the background injects by
  // path (the built background names them as string literals ending in .js).
  const declared = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  const bgText = bgFiles.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const injected = [...bgText.matchAll(/["']\/?((?:src|assets)\/[\w./-]+\.js)["']/g)]
    .map((m) => m[1])
    .filter((f) => existsSync(join(dist, f)) && !bgFiles.includes(f));
  const contentFiles = [...new Set([...declared, ...injected])];
  // Fallback: an IIFE under src/content/ if the background names none.
  if (contentFiles.length === 0 && existsSync(join(dist, 'src', 'content'))) {
    for (const f of readdirSync(join(dist, 'src', 'content')))
      if (f.endsWith('.js')) contentFiles.push(`src/content/${f}`);
  }
  const contentScriptBytes = contentFiles.reduce((n, f) => n + size(f), 0);
  return {
    backgroundBytes,
    backgroundFiles: bgFiles,
    contentScriptBytes,
    contentScriptFiles: contentFiles,
  };
}
