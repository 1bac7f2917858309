import { describe, expect, it } from 'vitest';
import { isJobMessage, isStartJob, overallFraction, type JobPhase } from './job-protocol.ts';

describe('job protocol', () => {
  it('accepts the messages the job posts', () => {
    expect(isJobMessage({ type: 'progress', id: 1, phase: 'read', done: 1, total: 2 })).toBe(true);
    expect(
      isJobMessage({ type: 'done', id: 1, result: { entries: [] }, entryCount: 0, bytes: 2 }),
    ).toBe(true);
    expect(isJobMessage({ type: 'failed', id: 1, error: { kind: 'not-har', detail: 'x' } })).toBe(
      true,
    );
  });

  it('rejects anything else', () => {
    for (const bad of [
      null,
      'done',
      { type: 'progress', id: 1, phase: 'upload', done: 1, total: 2 },
      { type: 'done', id: 1, result: {}, entryCount: 0, bytes: 0 },
      { type: 'failed', id: 1, error: { kind: 'boom' } },
      { type: 'progress', phase: 'read', done: 1, total: 2 },
    ]) {
      expect(isJobMessage(bad)).toBe(false);
    }
    expect(isStartJob({ type: 'explain', id: 1, file: new Blob(['x']) })).toBe(true);
    expect(isStartJob({ type: 'explain', id: 1, file: 'x' })).toBe(false);
  });

  it('maps the phases onto one bar that only moves forward', () => {
    const steps: [JobPhase, number, number][] = [
      ['read', 0, 10],
      ['read', 10, 10],
      ['parse', 0, 1],
      ['parse', 1, 1],
      ['scan', 5, 10],
      ['diagnose', 0, 0],
      ['diagnose', 3, 4],
      ['diagnose', 4, 4],
    ];
    const values = steps.map(([p, d, t]) => overallFraction(p, d, t));
    for (let i = 1; i < values.length; i++)
      expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(1);
  });
});
