import { describe, expect, it } from 'vitest';
import type { ExplainEntry } from '../core/index.ts';
import { causeTitleKey, groupByTopCause } from './cause-groups.ts';

const e = (index: number, ...ids: ExplainEntry['causes'][number]['id'][]): ExplainEntry => ({
  index,
  method: 'GET',
  url: `https://x.test/${index}`,
  status: 401,
  causes: ids.map((id) => ({ id, confidence: 0.5, summary: id, evidence: [], fixes: [] })),
});

describe('groupByTopCause', () => {
  it('groups by top cause, biggest group first, ties in causes.md order, entries by index', () => {
    const groups = groupByTopCause([
      e(9, 'token-expired'),
      e(2, 'no-credentials', 'missing-challenge'),
      e(4, 'token-expired', 'token-invalid'),
      e(1, 'missing-challenge'),
    ]);
    expect(groups.map((g) => [g.cause, g.entries.map((x) => x.index)])).toEqual([
      ['token-expired', [4, 9]],
      ['no-credentials', [2]],
      ['missing-challenge', [1]],
    ]);
  });

  it('names the CLI’s title keys', () => {
    expect(causeTitleKey('token-not-yet-valid')).toBe('cli_title_token_not_yet_valid');
  });
});
