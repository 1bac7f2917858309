#!/usr/bin/env node
// Checks every locale under public/_locales against en: missing/extra keys,
// differing $n placeholder sets, empty messages. Exit 1 on any problem.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', '_locales');
const problems = [];

function load(locale) {
  const file = path.join(root, locale, 'messages.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${locale}: cannot read ${path.relative(process.cwd(), file)}: ${err.message}`);
    return null;
  }
}

// Positional substitutions $1..$9, ignoring "$$" escapes.
function dollarSet(message) {
  const found = new Set();
  const re = /\$(\$|[1-9])/g;
  let m;
  while ((m = re.exec(String(message)))) if (m[1] !== '$') found.add(m[1]);
  return [...found].sort().join(',');
}

const en = load('en');
const locales = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'en')
  .map((d) => d.name)
  .sort();

if (en) {
  for (const locale of locales) {
    const msgs = load(locale);
    if (!msgs) continue;
    for (const key of Object.keys(en)) {
      if (!(key in msgs)) problems.push(`${locale}: missing key ${key}`);
    }
    for (const [key, entry] of Object.entries(msgs)) {
      if (!(key in en)) {
        problems.push(`${locale}: extra key ${key}`);
        continue;
      }
      const message = entry && typeof entry === 'object' ? entry.message : undefined;
      if (typeof message !== 'string' || message.trim() === '') {
        problems.push(`${locale}: empty message ${key}`);
        continue;
      }
      const want = dollarSet(en[key].message);
      const got = dollarSet(message);
      if (want !== got) {
        problems.push(
          `${locale}: placeholders differ in ${key}: en {${want}} vs ${locale} {${got}}`,
        );
      }
    }
  }
}

if (problems.length) {
  for (const p of problems) console.log(p);
  process.exit(1);
}
console.log(`locales ok: ${Object.keys(en).length} keys in ${locales.join(', ') || '(none)'}`);
