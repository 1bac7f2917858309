// Settings typed by their defaults (refined-github's options storage):
// the defaults are the schema, and every read is validated against them, so
// a corrupt or old stored value falls back field by field, never crashes.

export const WATCHABLE_STATUSES = [401, 407, 403] as const;

export const DEFAULT_SETTINGS = {
  v: 1 as const,
  /** Show the in-page panel when a tab gets a 401/407. */
  panel: true,
  /** Origins (scheme://host:port) where the panel is not shown. The badge and popup still work. */
  mutedSites: [] as string[],
  /** Origins where the panel starts collapsed to a pill. */
  collapsedSites: [] as string[],
  /** Which statuses count: 401 and 407 always make sense; 403 is opt-in. */
  statuses: [401, 407] as number[],
  /** Forget records older than this many minutes; 0 keeps them until the tab navigates or closes. */
  retentionMinutes: 0,
  /**
   * Also watch images, scripts, styles, fonts and media. Off: watching every
   * request of a page costs page-load time (bench/README.md), and these
   * mostly fail along with a document or API request of the same site.
   */
  watchAllTypes: false,
};

export type Settings = typeof DEFAULT_SETTINGS;

const MAX_SITES = 500;

function originList(x: unknown): string[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const out = x.filter((s): s is string => typeof s === 'string' && isOrigin(s));
  return [...new Set(out)].slice(0, MAX_SITES);
}

export function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
  } catch {
    return false;
  }
}

/** Validates a stored or sent value against the defaults; unknown keys are dropped. */
export function validateSettings(x: unknown): Settings {
  const s: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof x !== 'object' || x === null) return s;
  const o = x as Record<string, unknown>;
  if (typeof o.panel === 'boolean') s.panel = o.panel;
  if (typeof o.watchAllTypes === 'boolean') s.watchAllTypes = o.watchAllTypes;
  s.mutedSites = originList(o.mutedSites) ?? s.mutedSites;
  s.collapsedSites = originList(o.collapsedSites) ?? s.collapsedSites;
  if (Array.isArray(o.statuses)) {
    const st = o.statuses.filter((n): n is number =>
      (WATCHABLE_STATUSES as readonly number[]).includes(n as number),
    );
    s.statuses = [...new Set(st)].sort();
  }
  if (
    typeof o.retentionMinutes === 'number' &&
    Number.isInteger(o.retentionMinutes) &&
    o.retentionMinutes >= 0 &&
    o.retentionMinutes <= 7 * 24 * 60
  ) {
    s.retentionMinutes = o.retentionMinutes;
  }
  return s;
}
