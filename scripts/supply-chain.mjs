#!/usr/bin/env node
// Supply-chain checks on what ships (docs/security.md, "Supply chain"):
//   1. the built manifests keep the browsers' strict default CSP for extension
//      pages (no content_security_policy override, nothing allowing eval or
//      remote code) and open no channel to web pages;
//   2. `web-ext lint` on dist/firefox: zero errors (warnings are listed in
//      docs/security.md with the reason each is expected);
//   3. `npm audit --omit=dev`: no high or critical advisory in what ships.
//      It needs the registry; when the registry cannot be reached the check
//      says so and is skipped (exit 0), unless SUPPLY_CHAIN_STRICT=1.
// Run after `npm run build`:  node scripts/supply-chain.mjs
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const problems = [];
const notes = [];

/** Pure: what is wrong with one built manifest, security-wise. */
export function manifestProblems(m, label) {
  const out = [];
  if (m.manifest_version !== 3) out.push(`${label}: manifest_version is not 3`);
  if (m.content_security_policy !== undefined) {
    const csp = JSON.stringify(m.content_security_policy);
    out.push(`${label}: content_security_policy overrides the default: ${csp}`);
    if (/unsafe-eval|unsafe-inline|https?:|\*/.test(csp)) {
      out.push(`${label}: the CSP allows eval, inline or remote code`);
    }
  }
  if (m.externally_connectable !== undefined) {
    out.push(`${label}: externally_connectable lets web pages message the extension`);
  }
  if ((m.web_accessible_resources ?? []).length > 0) {
    out.push(`${label}: web_accessible_resources exposes files to web pages`);
  }
  if (m.content_scripts !== undefined) {
    out.push(
      `${label}: content_scripts run on pages without a 401 (the panel is injected on demand)`,
    );
  }
  if (m.update_url !== undefined) out.push(`${label}: update_url points at a remote server`);
  const sandbox = m.sandbox?.pages ?? [];
  if (sandbox.length) out.push(`${label}: sandbox pages may run eval`);
  return out;
}

for (const target of ['chrome', 'firefox']) {
  let m;
  try {
    m = JSON.parse(readFileSync(join(root, 'dist', target, 'manifest.json'), 'utf8'));
  } catch {
    console.error(`supply-chain: dist/${target}/manifest.json missing (run npm run build)`);
    process.exit(2);
  }
  problems.push(...manifestProblems(m, `dist/${target}/manifest.json`));
}

// web-ext lint: zero errors.
try {
  const webExt = join(root, 'node_modules', '.bin', 'web-ext');
  const { stdout } = await run(
    webExt,
    ['lint', '--source-dir', join(root, 'dist', 'firefox'), '--output', 'json', '--no-input'],
    { maxBuffer: 16 * 1024 * 1024 },
  ).catch((e) => e); // exit 1 on errors; the JSON says which
  const report = JSON.parse(stdout);
  for (const e of report.errors ?? [])
    problems.push(`web-ext lint error ${e.code}: ${e.message} (${e.file ?? ''})`);
  for (const w of report.warnings ?? [])
    notes.push(`web-ext lint warning ${w.code}: ${w.message} (${w.file ?? ''})`);
  notes.push(
    `web-ext lint: ${report.summary?.errors ?? '?'} errors, ${report.summary?.warnings ?? '?'} warnings`,
  );
} catch (e) {
  problems.push(`web-ext lint could not run: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
}

// npm audit on production dependencies.
try {
  const { stdout } = await run('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  }).catch((e) => e);
  const report = JSON.parse(stdout || '{}');
  if (report.error || report.statusCode) {
    throw new Error(report.error?.summary || report.message || report.error?.code || 'no report');
  }
  const v = report.metadata?.vulnerabilities ?? {};
  notes.push(`npm audit --omit=dev: ${JSON.stringify(v)}`);
  if ((v.high ?? 0) + (v.critical ?? 0) > 0) {
    problems.push(`npm audit --omit=dev: ${v.high ?? 0} high, ${v.critical ?? 0} critical`);
  }
} catch (e) {
  const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (process.env.SUPPLY_CHAIN_STRICT === '1') problems.push(`npm audit could not run: ${why}`);
  else notes.push(`npm audit skipped: the registry could not be reached (${why})`);
}

for (const n of notes) console.log(`supply-chain: ${n}`);
for (const p of problems) console.error(`supply-chain: ${p}`);
if (problems.length) process.exit(1);
console.log('supply-chain: ok');
