// The dist scanner of scripts/check-dist.mjs: it finds each network API and
// remote URL it is meant to, allows only the reviewed ones, and — when the
// extension has been built — finds nothing in dist/chrome and dist/firefox.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS script without types
import { missingRefs, scanDist, scanRefs, scanText } from './check-dist.mjs';

const scan = scanText as (file: string, text: string) => string[];
const refs = missingRefs as (
  file: string,
  text: string,
  exists: (p: string) => boolean,
) => string[];

describe('check-dist', () => {
  it('reports every network API and remote URL', () => {
    const code = [
      'fetch("https://evil.example.net/x")',
      'const x = new XMLHttpRequest()',
      'navigator.sendBeacon(u, d)',
      'new WebSocket(u)',
      'new EventSource(u)',
      'importScripts("https://cdn.example.org/a.js")',
      'eval(s)',
      'new Function("return 1")',
      'import("https://cdn.example.org/m.js")',
    ].join('\n');
    const found = scan('assets/a.js', code).join('\n');
    for (const what of [
      'fetch()',
      'XMLHttpRequest',
      'sendBeacon',
      'WebSocket',
      'EventSource',
      'importScripts()',
      'eval()',
      'new Function()',
      'import() of a URL',
      'URL to evil.example.net',
      'URL to cdn.example.org',
    ]) {
      expect(found).toContain(what);
    }
  });

  it('allows documentation links, namespaces and prose; flags any fetch call', () => {
    expect(scan('assets/core.js', 'const l = "https://www.rfc-editor.org/rfc/rfc9110";')).toEqual(
      [],
    );
    expect(scan('assets/p.js', 'x = "http://www.w3.org/2000/svg"')).toEqual([]);
    expect(
      scan('assets/core.js', '\t"message": "For fetch or XMLHttpRequest from another origin"'),
    ).toEqual([]);
    expect(scan('assets/modulepreload-polyfill-X.js', 'fetch(link.href, opts)')).toHaveLength(1);
    expect(scan('assets/other.js', 'fetch(link.href, opts)')).toHaveLength(1);
    expect(scan('assets/other.js', 'prefetch(x); obj.fetch(y)')).toEqual([]);
  });

  it('names each page or module reference to a file the extension does not hold', () => {
    const have = new Set(['assets/popup-1.js', 'assets/base-2.js', 'src/popup/index.html']);
    const exists = (p: string) => have.has(p);
    const page = [
      '<script type="module" src="/assets/popup-1.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/mount-3.js">',
      '<link rel="stylesheet" href="../../assets/gone.css">',
      '<a href="https://www.rfc-editor.org/rfc/rfc9110">not loaded</a>',
    ].join('\n');
    expect(refs('src/popup/index.html', page, exists)).toEqual([
      'src/popup/index.html → /assets/mount-3.js',
      'src/popup/index.html → ../../assets/gone.css',
    ]);
    const code = [
      'import { s as browser } from "./base-2.js";',
      'import { a } from "./ui-4.js";',
      'import "../service-worker-loader.js";',
      'const m = import("./lazy-5.js");',
      'const u = "from the server";',
    ].join('\n');
    expect(refs('assets/popup-1.js', code, exists)).toEqual([
      'assets/popup-1.js → ./ui-4.js',
      'assets/popup-1.js → ../service-worker-loader.js',
      'assets/popup-1.js → ./lazy-5.js',
    ]);
    expect(refs('manifest.json', '{"a": "./x.js"}', exists)).toEqual([]);
  });

  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const target of ['chrome', 'firefox']) {
    const dir = `${root}dist/${target}`;
    it.skipIf(!existsSync(`${dir}/manifest.json`))(
      `dist/${target} has no network API and no remote URL`,
      () => {
        expect((scanDist as (d: string) => string[])(dir)).toEqual([]);
      },
    );
    it.skipIf(!existsSync(`${dir}/manifest.json`))(
      `dist/${target}: every file its pages and modules name is there`,
      () => {
        expect((scanRefs as (d: string) => string[])(dir)).toEqual([]);
      },
    );
  }
});
