// explainHar (src/core/har.ts) step by step, so a 20,000-entry HAR can report
// progress and give the page (or the worker's message queue) a turn between
// slices. The output must be exactly explainHar's: explain-progress.test.ts
// compares the two on real and generated HARs. If core grows an onProgress
// option, this file should become a thin call to it.
import { diagnose, exchangeOfEntry, extractEvidence } from '../core/index.ts';
import { harEntries } from '../core/har.ts';
import type { Evidence, ExplainResult, Translate } from '../core/index.ts';

export interface Progress {
  /** 'scan': reading entries and extracting evidence; 'diagnose': ranking causes. */
  phase: 'scan' | 'diagnose';
  done: number;
  total: number;
}

export interface StepOptions {
  t?: Translate;
  onProgress?: (p: Progress) => void;
  /** Awaited every `sliceSize` entries: lets the caller yield (a timer, a progress message). */
  yieldNow?: () => Promise<void>;
  sliceSize?: number;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const loopKey = (ev: Evidence) => `${ev.status} ${ev.method} ${ev.url}`;

export async function explainHarStepwise(
  har: unknown,
  opts: StepOptions = {},
): Promise<ExplainResult> {
  const { log, entries } = harEntries(har);
  const slice = opts.sliceSize ?? 500;
  const pause = async (phase: Progress['phase'], done: number, total: number) => {
    opts.onProgress?.({ phase, done, total });
    if (opts.yieldNow) await opts.yieldNow();
  };

  const found: { index: number; ev: Evidence }[] = [];
  for (let index = 0; index < entries.length; index++) {
    if (index % slice === 0) await pause('scan', index, entries.length);
    const entry = entries[index];
    if (!isObj(entry) || !isObj(entry.response)) continue;
    const status = Number(entry.response.status);
    if (status !== 401 && status !== 407) continue;
    const ex = exchangeOfEntry(log, entry);
    if (ex) found.push({ index, ev: extractEvidence(ex) });
  }
  opts.onProgress?.({ phase: 'scan', done: entries.length, total: entries.length });

  const groups = new Map<string, Evidence[]>();
  for (const f of found) {
    const g = groups.get(loopKey(f.ev));
    if (g) g.push(f.ev);
    else groups.set(loopKey(f.ev), [f.ev]);
  }

  const out: ExplainResult = { entries: [] };
  // Diagnosis is the costly part (~0.5 ms an entry): slice it finer.
  const diagSlice = Math.max(1, Math.floor(slice / 5));
  for (let i = 0; i < found.length; i++) {
    if (i % diagSlice === 0) await pause('diagnose', i, found.length);
    const { index, ev } = found[i]!;
    const others = (groups.get(loopKey(ev)) ?? []).filter((o) => o !== ev);
    out.entries.push({
      index,
      method: ev.method,
      url: ev.url,
      status: ev.status,
      causes: diagnose(ev, others, { t: opts.t }).map(
        ({ id, confidence, summary, evidence, fixes }) => ({
          id,
          confidence,
          summary,
          evidence,
          fixes,
        }),
      ),
    });
  }
  opts.onProgress?.({ phase: 'diagnose', done: found.length, total: found.length });
  return out;
}
