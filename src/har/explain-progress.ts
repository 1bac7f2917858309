// Drives the engine's explainHarSteps (src/core/har.ts) asynchronously, so a
// 20,000-entry HAR reports progress and gives the page (or the worker's
// message queue) a turn between slices. The result is explainHar's, exactly.
import { explainHarSteps, type ExplainProgress } from '../core/index.ts';
import type { ExplainResult, Translate } from '../core/index.ts';

export type Progress = ExplainProgress;

export interface StepOptions {
  t?: Translate;
  onProgress?: (p: Progress) => void;
  /** Awaited after every slice: lets the caller yield (a timer, a progress message). */
  yieldNow?: () => Promise<void>;
  sliceSize?: number;
}

export async function explainHarStepwise(
  har: unknown,
  opts: StepOptions = {},
): Promise<ExplainResult> {
  const steps = explainHarSteps(har, { t: opts.t, slice: opts.sliceSize ?? 500 });
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    opts.onProgress?.(r.value);
    if (opts.yieldNow) await opts.yieldNow();
  }
}
