#!/usr/bin/env node
// Proves "no network of its own" on what ships: scans the built extensions
// (dist/chrome, dist/firefox) for network APIs and remote URLs, and for pages
// or modules naming a file that is not there, and fails with a list.
// Run after `npm run build`:  node scripts/check-dist.mjs
// (docs/security.md, "No network of its own").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Calls that reach the network (or load code) from extension code. */
const NETWORK_APIS = [
  { name: 'fetch()', re: /(?<![\w$.])fetch\s*\(/g },
  { name: 'XMLHttpRequest', re: /\bXMLHttpRequest\b/g },
  { name: 'sendBeacon', re: /\bsendBeacon\b/g },
  { name: 'WebSocket', re: /\bWebSocket\b/g },
  { name: 'EventSource', re: /\bEventSource\b/g },
  { name: 'WebTransport', re: /\bWebTransport\b/g },
  { name: 'RTCPeerConnection', re: /\bRTCPeerConnection\b/g },
  { name: 'importScripts()', re: /\bimportScripts\s*\(/g },
  { name: 'eval()', re: /(?<![\w$.])eval\s*\(/g },
  { name: 'new Function()', re: /\bnew\s+Function\s*\(/g },
  { name: 'import() of a URL', re: /\bimport\s*\(\s*["'`]https?:/g },
  {
    name: 'script/link to a URL',
    re: /<(script|link)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//gi,
  },
];

/**
 * Hosts that may appear in URLs inside the bundles, and why: documentation
 * links the UI shows (message catalog and cause links) and XML namespace
 * names, which are identifiers, not requests.
 */
export const ALLOWED_HOSTS = new Map([
  ['www.rfc-editor.org', 'documentation links (cause links)'],
  ['developer.mozilla.org', 'documentation links (cause links)'],
  ['learn.microsoft.com', 'documentation links (cause links)'],
  ['datatracker.ietf.org', 'documentation links'],
  ['www.w3.org', 'XML namespace names in Preact (SVG, MathML, XHTML): never fetched'],
  ['example.com', 'examples in message descriptions (RFC 2606 reserved)'],
  ['api.example.com', 'examples in message descriptions (RFC 2606 reserved)'],
]);

/**
 * Known, reviewed occurrences of a network API, by file name and the exact
 * code around it. Anything else fails the check.
 */
/** Network calls the bundles may contain, each with its reason. None today: Vite's
 * modulepreload polyfill, the one there was, is switched off in vite.config.ts. */
export const ALLOWED_CALLS = [];

const URL_RE = /\bhttps?:\/\/([a-z0-9.-]+(?::\d+)?)/gi;

/** Pure: the findings in one file's text. */
export function scanText(file, text) {
  const findings = [];
  for (const { name, re } of NETWORK_APIS) {
    for (const m of text.matchAll(re)) {
      const around = text.slice(m.index, m.index + 40);
      if (ALLOWED_CALLS.some((a) => a.file.test(file) && around.startsWith(a.code))) continue;
      // Prose in the message catalog ("For fetch or XMLHttpRequest from another origin…").
      if (isInProse(text, m.index)) continue;
      findings.push(
        `${file}: ${name}: ${oneLine(text.slice(Math.max(0, m.index - 30), m.index + 50))}`,
      );
    }
  }
  for (const m of text.matchAll(URL_RE)) {
    const host = m[1].toLowerCase().replace(/\.$/, '');
    if (ALLOWED_HOSTS.has(host)) continue;
    findings.push(`${file}: URL to ${host}: ${oneLine(text.slice(m.index, m.index + 80))}`);
  }
  return findings;
}

/** Whether a match sits in a sentence (a translated message), not in code. */
function isInProse(text, index) {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index) >>> 0);
  return /^\s*"(message|description)"\s*:/.test(line);
}

const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(m?js|html|json)$/.test(name)) yield p;
  }
}

/** Scans one built extension; returns its findings. */
export function scanDist(dir) {
  const findings = [];
  for (const p of files(dir)) {
    const rel = relative(dir, p);
    // The catalog is text shown to people; it is scanned for URLs only.
    const text = readFileSync(p, 'utf8');
    if (rel.startsWith('_locales')) {
      findings.push(...scanText(rel, text).filter((f) => f.includes(': URL to ')));
    } else if (rel === 'manifest.json') {
      continue; // checked by scripts/supply-chain.mjs (CSP, no remote code)
    } else {
      findings.push(...scanText(rel, text));
    }
  }
  return findings;
}

/** Files a page names (src, href) and modules import, relative or from the root. */
const PAGE_REF_RE = /<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']/gi;
const MODULE_REF_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{0,2}\/[^"']+)["']/g;

/**
 * Pure: the local files one page or module refers to that `exists` denies,
 * each as "file → reference". The build rewrites pages and removes chunks
 * (vite.config.ts popupInOneFile); a page left naming a removed chunk would
 * load blank, and only this would say so before a browser does.
 * @param {string} file  path inside the extension, with "/" separators
 * @param {string} text
 * @param {(path: string) => boolean} exists  path inside the extension
 */
export function missingRefs(file, text, exists) {
  const re = file.endsWith('.html') ? PAGE_REF_RE : /\.m?js$/.test(file) ? MODULE_REF_RE : null;
  if (!re) return [];
  const base = `/${file}`.slice(0, `/${file}`.lastIndexOf('/') + 1);
  const out = [];
  for (const m of text.matchAll(re)) {
    const ref = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) continue; // not a local file
    const path = new URL(ref, `ext://x${base}`).pathname.slice(1);
    if (!exists(path)) out.push(`${file} → ${ref}`);
  }
  return out;
}

/** Scans one built extension for references to files it does not hold. */
export function scanRefs(dir) {
  const out = [];
  for (const p of files(dir)) {
    const rel = relative(dir, p).split(sep).join('/');
    out.push(...missingRefs(rel, readFileSync(p, 'utf8'), (f) => existsSync(join(dir, f))));
  }
  return out;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let bad = 0;
  for (const target of ['chrome', 'firefox']) {
    const dir = join(root, 'dist', target);
    try {
      statSync(join(dir, 'manifest.json'));
    } catch {
      console.error(`check-dist: ${dir} is not built (run npm run build)`);
      process.exit(2);
    }
    const found = scanDist(dir);
    bad += found.length;
    for (const f of found) console.error(`check-dist: dist/${target}/${f}`);
    const missing = scanRefs(dir);
    bad += missing.length;
    for (const f of missing) console.error(`check-dist: dist/${target}/${f}: no such file`);
  }
  if (bad) {
    console.error(`check-dist: ${bad} finding(s) in the built extension`);
    process.exit(1);
  }
  console.log(
    'check-dist: no network API, no remote URL and no missing file in dist/chrome, dist/firefox',
  );
}
