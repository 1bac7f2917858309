import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import sourceManifest from './manifest.json' with { type: 'json' };

// One source manifest, two builds (see ../shared/notes/chromium.md):
//   vite build --mode chrome   → dist/chrome  (background.service_worker)
//   vite build --mode firefox  → dist/firefox (background.scripts, an event page)
// crxjs keeps only the background key its target understands; here we also drop
// the keys the other browser does not know, so neither shows a manifest warning.
type Target = 'chrome' | 'firefox';

function manifestFor(target: Target) {
  const m = structuredClone(sourceManifest) as Record<string, unknown>;
  if (target === 'chrome') {
    delete m.browser_specific_settings;
  } else {
    // Firefox ignores `key` (its id comes from gecko.id) and the Chrome-only minimum.
    delete m.key;
    delete m.minimum_chrome_version;
  }
  return m;
}

/**
 * crxjs lists a `?script` content script in web_accessible_resources, which
 * lets any page probe for the extension (its Chrome id is fixed). The panel is
 * injected with scripting.executeScript, which needs no such entry: drop it.
 */
function noWebAccessibleResources(): Plugin {
  return {
    name: 'why401:no-web-accessible-resources',
    enforce: 'post',
    // After crxjs has written its manifest (it does so late in generateBundle).
    writeBundle(options) {
      const file = join(options.dir ?? '', 'manifest.json');
      const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete m.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    },
  };
}

/**
 * The popup's entry asks the background for the records and only then imports
 * its UI (src/popup/main.tsx), so the answer is on its way while the UI runs.
 * A dynamic import is fetched when it is reached; this lists the UI's chunks
 * as <link rel=modulepreload> in the page, so they are fetched (not run) in
 * parallel with the entry, as static imports would be.
 */
function preloadDynamicImports(pages: string[]): Plugin {
  return {
    name: 'why401:preload-dynamic-imports',
    enforce: 'post',
    writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      for (const page of pages) {
        const file = join(options.dir ?? '', page);
        const html = readFileSync(file, 'utf8');
        const entry = chunks.find((c) => html.includes(`src="/${c.fileName}"`));
        if (!entry) throw new Error(`${page}: its entry chunk was not found`);
        const wanted = new Set<string>();
        const add = (name: string) => {
          if (wanted.has(name) || name === entry.fileName) return;
          wanted.add(name);
          for (const dep of byName.get(name)?.imports ?? []) add(dep);
        };
        for (const name of entry.dynamicImports) add(name);
        const links = [...wanted]
          .filter((name) => !html.includes(`href="/${name}"`))
          .map((name) => `<link rel="modulepreload" crossorigin href="/${name}">`);
        if (links.length === 0) continue;
        writeFileSync(file, html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`));
      }
    },
  };
}

/**
 * Fewer, larger shared chunks. Each module file an extension page loads costs
 * Chromium a few ms on its own (bench: the popup's first script ran ~28 ms
 * later from seven chunks than from one bundle of the same code), so the code
 * the pages share is grouped by who needs it rather than left to Rollup's
 * finest split: `base` (the API shim and the message protocol: every part),
 * `ui` (Preact and the shared components: the pages and the panel), `core`
 * (the engine: the worker, the HAR page and the CLI).
 */
function manualChunks(id: string): string | undefined {
  // Styles stay with the page that imports them: in `ui`, a page's <link> to
  // them would ride along with every page that loads the components.
  if (/\.css($|\?)/.test(id)) return undefined;
  if (id.includes('/src/core/')) return 'core';
  if (id.includes('/node_modules/webextension-polyfill/') || id.includes('/src/shared/')) {
    return 'base';
  }
  if (id.includes('/node_modules/preact/') || id.includes('/src/ui/')) return 'ui';
  return undefined;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      // The cast: crxjs types the manifest as chrome.runtime.Manifest; the JSON is checked by
      // web-ext lint and by loading it in both browsers in the e2e suite.
      crx({ manifest: manifestFor(target) as never, browser: target }),
      noWebAccessibleResources(),
      preloadDynamicImports(['src/popup/index.html']),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Readable bundles: reviewers of extension stores read them, and size is measured by bench.
      minify: false,
      // Vite's modulepreload polyfill fetches module URLs itself: not needed by
      // extension pages (browsers preload modules natively) and it would be the
      // only network call in the bundle (scripts/check-dist.mjs).
      modulePreload: { polyfill: false },
      sourcemap: false,
      // Extension pages no manifest key names: crxjs builds only what the manifest
      // references, so these are listed here (paths as chrome-extension://ID/<path>).
      rollupOptions: {
        input: {
          har: 'src/har/index.html',
          'devtools-panel': 'src/devtools/panel.html',
        },
        output: { manualChunks },
      },
    },
  };
});
