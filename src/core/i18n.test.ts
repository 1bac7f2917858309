import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogEntry, catalogKeys, format, translateEn } from './i18n.ts';
import { CAUSE_IDS } from './types.ts';

const src = fileURLToPath(new URL('..', import.meta.url));
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('message catalog', () => {
  it('has every key the engine and CLI use, each with a description', () => {
    const used = new Set<string>();
    for (const f of [...sources(join(src, 'core')), ...sources(join(src, 'cli'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'((?:cause|fix|ev|cli)_[a-z0-9_]+)'/g))
        used.add(m[1] as string);
    }
    for (const id of CAUSE_IDS) {
      used.add(`cause_${id.replace(/-/g, '_')}`);
      used.add(`cli_title_${id.replace(/-/g, '_')}`);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const k of used) {
      const e = catalogEntry(k);
      expect(e, k).toBeDefined();
      expect(e?.description?.length, k).toBeGreaterThan(3);
    }
  });
  it('every entry has a message and a description', () => {
    for (const k of catalogKeys()) {
      expect(catalogEntry(k)?.message, k).toBeTruthy();
      expect(catalogEntry(k)?.description, k).toBeTruthy();
    }
  });
  it('substitutes like chrome.i18n.getMessage', () => {
    expect(format({ message: 'a $1 b $2 $$' }, ['x', 'y'])).toBe('a x b y $');
    expect(
      format({ message: 'hi $NAME$', placeholders: { name: { content: '$1' } } }, ['Bo']),
    ).toBe('hi Bo');
    expect(translateEn('no_such_key')).toBe('no_such_key');
  });
});
