// Bundles the why401 command line (src/cli + src/core + the English catalog)
// into one ESM file for Node: dist/cli/why401.mjs. bin/why401.mjs loads it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${root}src/cli/why401.ts`],
  outfile: `${root}dist/cli/why401.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('built dist/cli/why401.mjs');
