import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainHar, HarError } from '../core/index.ts';
import { explainHarStepwise, type Progress } from './explain-progress.ts';
import { mixedHar } from './test-hars.ts';

const PUBLIC_HAR = new URL('../../../shared/cases/public.har', import.meta.url).pathname;

describe('explainHarStepwise', () => {
  it('gives exactly explainHar’s output on a mixed HAR (auth loops, 407, junk entries)', async () => {
    const har = mixedHar(240);
    expect(await explainHarStepwise(har, { sliceSize: 37 })).toEqual(explainHar(har));
  });

  it.skipIf(!existsSync(PUBLIC_HAR))(
    'gives exactly explainHar’s output on the shared public.har',
    async () => {
      const har: unknown = JSON.parse(readFileSync(PUBLIC_HAR, 'utf8'));
      expect(await explainHarStepwise(har)).toEqual(explainHar(har));
    },
  );

  it('reports progress that only grows and ends at the totals, and yields between slices', async () => {
    const seen: Progress[] = [];
    let yields = 0;
    await explainHarStepwise(mixedHar(400), {
      sliceSize: 40,
      onProgress: (p) => seen.push(p),
      yieldNow: async () => {
        yields++;
      },
    });
    const scan = seen.filter((p) => p.phase === 'scan');
    const diag = seen.filter((p) => p.phase === 'diagnose');
    expect(scan.at(-1)).toEqual({ phase: 'scan', done: 400, total: 400 });
    expect(diag.at(-1)?.done).toBe(diag.at(-1)?.total);
    for (const list of [scan, diag]) {
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.done).toBeGreaterThanOrEqual(list[i - 1]!.done);
    }
    expect(seen.findIndex((p) => p.phase === 'diagnose')).toBeGreaterThan(
      seen.findLastIndex((p) => p.phase === 'scan') - 1,
    );
    expect(yields).toBeGreaterThan(10);
  });

  it('refuses what is not a HAR with the engine’s HarError', async () => {
    await expect(explainHarStepwise({ nope: 1 })).rejects.toBeInstanceOf(HarError);
    await expect(explainHarStepwise([1, 2])).rejects.toThrow(/not a HAR file/);
  });
});
