import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RolldownOutput } from 'rolldown';
import { build as viteBuild, defineConfig, type Plugin } from 'vite';
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
 * The toolbar popup as one script file. Chromium's main thread spends a few ms
 * on each module file an extension page requests (a trace showed 3–9 ms per
 * `requestResource` while the page's HTML was parsed), and the popup's entry,
 * its UI and the two chunks it shares with the other pages were four: the
 * first record came ~9 ms later than from one file of the same code, in one
 * launch (bench/experiments/popup-files.mjs). So after the main build the
 * popup is bundled again on its own, its page points at that one file, and
 * the chunks only the popup used are removed.
 */
function popupInOneFile(page: string, entry: string): Plugin {
  return {
    name: 'why401:popup-in-one-file',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const built = await viteBuild({
        configFile: false,
        logLevel: 'warn',
        plugins: [preact()],
        build: {
          write: false,
          target: 'es2022',
          minify: false,
          modulePreload: { polyfill: false },
          rollupOptions: {
            input: entry,
            output: {
              format: 'es',
              codeSplitting: false,
              entryFileNames: 'assets/popup-[hash].js',
            },
          },
        },
      });
      // write: false gives the output (one per output format: here one).
      const [out] = (Array.isArray(built) ? built : [built]) as RolldownOutput[];
      const files = out?.output.filter((o) => o.type === 'chunk') ?? [];
      const [one] = files;
      if (!one || files.length !== 1) throw new Error(`${entry}: expected one chunk`);
      writeFileSync(join(dir, one.fileName), one.code);

      // The main build's chunks reachable from the popup's page and from no other entry.
      const chunks = new Map(
        Object.values(bundle)
          .filter((c) => c.type === 'chunk')
          .map((c) => [c.fileName, c]),
      );
      const file = join(dir, page);
      const html = readFileSync(file, 'utf8');
      const reach = (names: Iterable<string>) => {
        const seen = new Set<string>();
        const visit = (n: string) => {
          const c = chunks.get(n);
          if (!c || seen.has(n)) return;
          seen.add(n);
          [...c.imports, ...c.dynamicImports].forEach(visit);
        };
        for (const n of names) visit(n);
        return seen;
      };
      const popupEntries = [...chunks.keys()].filter((n) => html.includes(`src="/${n}"`));
      if (popupEntries.length !== 1) throw new Error(`${page}: its entry chunk was not found`);
      const others = reach(
        [...chunks.values()]
          .filter((c) => c.isEntry && !popupEntries.includes(c.fileName))
          .map((c) => c.fileName),
      );
      for (const n of reach(popupEntries)) if (!others.has(n)) rmSync(join(dir, n));

      const head = html
        .replace(/\s*<script type="module"[^>]*><\/script>/g, '')
        .replace(/\s*<link rel="modulepreload"[^>]*>/g, '');
      if (!head.includes('</head>')) throw new Error(`${page} has no </head>`);
      writeFileSync(
        file,
        head.replace(
          '</head>',
          `  <script type="module" src="/${one.fileName}"></script>\n  </head>`,
        ),
      );
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
      popupInOneFile('src/popup/index.html', 'src/popup/main.tsx'),
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
