// Human text comes from message keys (Chrome i18n format), so the extension
// can pass `browser.i18n.getMessage` and follow the browser's language, while
// Node (the CLI, tests) reads the bundled English catalog.
import en from '../../public/_locales/en/messages.json';
import type { Translate } from './types.ts';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}

const catalog = en as unknown as Record<string, Entry>;

/**
 * Substitutes like `chrome.i18n.getMessage`: named placeholders ($name$ →
 * their content), then $1..$9 from `subs`, and "$$" → "$".
 */
export function format(entry: Entry, subs: readonly string[] = []): string {
  let msg = entry.message;
  if (entry.placeholders) {
    const ph = entry.placeholders;
    msg = msg.replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name: string) => {
      const p = ph[name.toLowerCase()] ?? ph[name];
      return p ? p.content : m;
    });
  }
  return msg.replace(/\$(\$|[1-9])/g, (_m, d: string) =>
    d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
  );
}

/** The default Translate: the bundled English catalog. Unknown keys come back as the key itself. */
export const translateEn: Translate = (key, subs) => {
  const e = catalog[key];
  return e ? format(e, subs ?? []) : key;
};

/** Wraps a caller's Translate so a missing key (getMessage answers "") falls back to English. */
export function withFallback(t: Translate | undefined): Translate {
  if (!t || t === translateEn) return translateEn;
  return (key, subs) => {
    let out: string;
    try {
      out = t(key, subs);
    } catch {
      out = '';
    }
    return out || translateEn(key, subs);
  };
}

/** Every key of the bundled catalog (for tests). */
export const catalogKeys = (): string[] => Object.keys(catalog);
export const catalogEntry = (key: string): Entry | undefined => catalog[key];
