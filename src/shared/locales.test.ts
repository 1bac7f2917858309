// Every message key the extension uses exists in every locale, with a
// description for translators (Privacy Badger / darkreader locale tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCHABLE_STATUSES } from './settings.ts';

const root = new URL('../../', import.meta.url).pathname;
const localesDir = join(root, 'public/_locales');
type Catalog = Record<string, { message: string; description?: string }>;
const locales: Record<string, Catalog> = Object.fromEntries(
  readdirSync(localesDir).map((l) => [
    l,
    JSON.parse(readFileSync(join(localesDir, l, 'messages.json'), 'utf8')) as Catalog,
  ]),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Keys named literally in t('…') / getMessage('…') calls, in the manifest, and built from known parts. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const f of sourceFiles(join(root, 'src'))) {
    if (f.includes('/core/')) continue; // the engine's own test checks its keys
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*'([a-z0-9_]+)'/g)) keys.add(m[1]!);
  }
  const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.add(m[1]!);
  // Keys built at run time: `storage_${kind}` (clear-site.ts), `options_status_${n}` (Options.tsx).
  for (const k of [
    'localStorage',
    'indexedDB',
    'cacheStorage',
    'serviceWorkers',
    'fileSystems',
    'cache',
  ])
    keys.add(`storage_${k}`);
  for (const n of WATCHABLE_STATUSES) keys.add(`options_status_${n}`);
  return keys;
}

describe('locales', () => {
  const keys = usedKeys();

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(40);
    expect(keys).toContain('ext_name');
  });

  for (const [locale, catalog] of Object.entries(locales)) {
    it(`${locale} has every key the extension uses`, () => {
      const missing = [...keys].filter((k) => !catalog[k]?.message);
      expect(missing).toEqual([]);
    });
  }

  it('every English message has a description for translators', () => {
    const undescribed = Object.entries(locales.en!).filter(([, v]) => !v.description?.trim());
    expect(undescribed.map(([k]) => k)).toEqual([]);
  });

  it('every locale has the same keys as English', () => {
    const en = Object.keys(locales.en!).sort();
    for (const [locale, catalog] of Object.entries(locales)) {
      expect({ locale, keys: Object.keys(catalog).sort() }).toEqual({ locale, keys: en });
    }
  });

  it('every translation keeps the English substitutions ($1…$9)', () => {
    const subs = (m: string) => [...new Set(m.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort();
    const wrong: string[] = [];
    for (const [locale, catalog] of Object.entries(locales)) {
      for (const [key, en] of Object.entries(locales.en!)) {
        const m = catalog[key]?.message;
        if (m !== undefined && subs(m).join() !== subs(en.message).join())
          wrong.push(`${locale}:${key}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
