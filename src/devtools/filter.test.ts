import { describe, expect, it } from 'vitest';
import type { CauseId } from '../core/index.ts';
import type { RecordView } from '../shared/messages.ts';
import { applyFilter, causeChoices, keepValid, originChoices } from './filter.ts';

const rec = (id: string, origin: string, cause: CauseId): RecordView =>
  ({
    id,
    tabId: 1,
    frameId: 0,
    type: 'fetch',
    time: Number(id),
    evidence: { origin } as RecordView['evidence'],
    causes: [{ id: cause, confidence: 0.5, summary: '', evidence: [], fixes: [] }],
  }) as RecordView;

const list = [
  rec('1', 'https://a.test', 'token-expired'),
  rec('2', 'https://b.test', 'no-credentials'),
  rec('3', 'https://a.test', 'no-credentials'),
];

describe('panel filters', () => {
  it('filters by top cause, by origin, by both', () => {
    expect(applyFilter(list, { cause: '', origin: '' }).map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(applyFilter(list, { cause: 'no-credentials', origin: '' }).map((r) => r.id)).toEqual([
      '2',
      '3',
    ]);
    expect(applyFilter(list, { cause: '', origin: 'https://a.test' }).map((r) => r.id)).toEqual([
      '1',
      '3',
    ]);
    expect(
      applyFilter(list, { cause: 'no-credentials', origin: 'https://a.test' }).map((r) => r.id),
    ).toEqual(['3']);
  });

  it('offers only the causes and origins present, with counts', () => {
    expect(causeChoices(list)).toEqual([
      { value: 'no-credentials', count: 2 },
      { value: 'token-expired', count: 1 },
    ]);
    expect(originChoices(list)).toEqual([
      { value: 'https://a.test', count: 2 },
      { value: 'https://b.test', count: 1 },
    ]);
  });

  it('drops a choice that no longer exists', () => {
    expect(keepValid({ cause: 'token-expired', origin: 'https://c.test' }, list)).toEqual({
      cause: 'token-expired',
      origin: '',
    });
    expect(keepValid({ cause: 'token-expired', origin: '' }, [])).toEqual({
      cause: '',
      origin: '',
    });
  });
});
