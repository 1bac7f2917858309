// The engine off the browser: a 10,000-entry HAR through the built CLI, and a
// 64 KiB WWW-Authenticate header through parseChallenges (bundled from
// src/core with esbuild on the fly, so no build step is assumed). Each part
// says "skipped: <reason>" when what it needs is not there yet.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, round } from '../lib/stats.mjs';
import { makeHar } from '../fixtures/har.mjs';

/** @param {string} repoRoot @param {number} entries */
export function harThroughCli(repoRoot, entries) {
  const bin = join(repoRoot, 'bin', 'why401.mjs');
  const cliDir = join(repoRoot, 'dist', 'cli');
  if (!existsSync(bin)) return { skipped: 'bin/why401.mjs not there yet' };
  if (!existsSync(cliDir) || readdirSync(cliDir).length === 0)
    return { skipped: 'dist/cli not built (npm run build)' };
  const tmp = mkdtempSync(join(tmpdir(), 'why401-bench-har-'));
  try {
    const file = join(tmp, 'big.har');
    writeFileSync(file, JSON.stringify(makeHar(entries)));
    const times = [];
    let out = '';
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      try {
        out = execFileSync(process.execPath, [bin, 'explain', file, '--json'], {
          maxBuffer: 512 * 1024 * 1024,
          timeout: 60_000,
        }).toString();
      } catch (e) {
        // A CLI may exit non-zero when it found 401s; what it printed still counts.
        if (!e.stdout?.length)
          return { skipped: `the CLI failed: ${String(e.message).split('\n')[0]}` };
        out = e.stdout.toString();
      }
      times.push(performance.now() - t0);
    }
    return {
      ms: round(median(times)),
      runs: times.map((t) => round(t)),
      outputBytes: out.length,
      entries,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** @param {string} repoRoot @param {number} bytes */
export async function parseLargeHeader(repoRoot, bytes) {
  const entry = join(repoRoot, 'src', 'core', 'index.ts');
  if (!existsSync(entry)) return { skipped: 'src/core/index.ts not there yet' };
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return { skipped: 'esbuild not installed' };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'why401-bench-core-'));
  try {
    const out = join(tmp, 'core.mjs');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: out,
      logLevel: 'silent',
    });
    const core = await import(pathToFileURL(out).href);
    if (typeof core.parseChallenges !== 'function')
      return { skipped: 'parseChallenges is not exported by src/core' };
    // Many challenges with long parameters, as a hostile or broken server might send.
    let header = '';
    for (let i = 0; header.length < bytes; i++) {
      header += `${i ? ', ' : ''}Bearer realm="realm-${i}", error="invalid_token", error_description="${'x'.repeat(200)}", scope="a b c"`;
    }
    header = header.slice(0, bytes);
    const times = [];
    let parsed;
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      parsed = core.parseChallenges([header]);
      times.push(performance.now() - t0);
    }
    const challenges = Array.isArray(parsed) ? parsed.length : (parsed?.challenges?.length ?? null);
    return {
      ms: round(median(times), 2),
      firstMs: round(times[0], 2),
      headerBytes: header.length,
      challenges,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
