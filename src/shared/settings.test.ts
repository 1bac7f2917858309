import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings } from './settings.ts';

describe('validateSettings', () => {
  it('returns the defaults for nothing or garbage', () => {
    expect(validateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings('x')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and drops invalid ones field by field', () => {
    const s = validateSettings({
      panel: false,
      mutedSites: ['https://a.test', 'javascript:alert(1)', 'https://a.test/path', 42],
      statuses: [403, 401, 500, 401],
      retentionMinutes: -5,
      extra: 'dropped',
    });
    expect(s.panel).toBe(false);
    expect(s.mutedSites).toEqual(['https://a.test']);
    expect(s.statuses).toEqual([401, 403]);
    expect(s.retentionMinutes).toBe(0);
    expect(s).not.toHaveProperty('extra');
  });

  it('does not share arrays with the defaults', () => {
    const s = validateSettings({});
    s.mutedSites.push('https://b.test');
    expect(DEFAULT_SETTINGS.mutedSites).toEqual([]);
  });
});
