#!/usr/bin/env node
// Launcher for the bundled CLI (built by scripts/build-cli.mjs into dist/cli/).
import { existsSync } from 'node:fs';

const target = new URL('../dist/cli/why401.mjs', import.meta.url);
if (!existsSync(target)) {
  process.stderr.write('why401: not built yet — run npm run build\n');
  process.exit(2);
}
const { run } = await import(target.href);
process.exitCode = await run(process.argv.slice(2));
