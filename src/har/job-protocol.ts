// The messages between the HAR page and its worker (har-worker.ts). The same
// shapes are used when the job runs on the main thread (run-explain.ts's
// fallback), so the page handles one protocol either way.
import type { ExplainResult } from '../core/index.ts';

/** Page → worker: explain this file. A File/Blob is structured-cloneable, so the worker reads it. */
export interface StartJob {
  type: 'explain';
  id: number;
  file: Blob;
}

export type JobPhase = 'read' | 'parse' | 'scan' | 'diagnose';

/** Why a file could not be explained; the page words each kind (har_error_*). */
export type JobErrorKind = 'empty' | 'not-json' | 'not-har' | 'too-big' | 'read' | 'internal';

export interface JobError {
  kind: JobErrorKind;
  /** The parser's or engine's own one-line reason (English, technical), or "". */
  detail: string;
}

export type JobMessage =
  | { type: 'progress'; id: number; phase: JobPhase; done: number; total: number }
  | { type: 'done'; id: number; result: ExplainResult; entryCount: number; bytes: number }
  | { type: 'failed'; id: number; error: JobError };

const PHASES: readonly string[] = ['read', 'parse', 'scan', 'diagnose'];
const KINDS: readonly string[] = ['empty', 'not-json', 'not-har', 'too-big', 'read', 'internal'];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

export function isStartJob(x: unknown): x is StartJob {
  return isObj(x) && x.type === 'explain' && typeof x.id === 'number' && x.file instanceof Blob;
}

/** Guards what comes back from the worker before the page trusts it. */
export function isJobMessage(x: unknown): x is JobMessage {
  if (!isObj(x) || typeof x.id !== 'number') return false;
  switch (x.type) {
    case 'progress':
      return (
        typeof x.phase === 'string' &&
        PHASES.includes(x.phase) &&
        typeof x.done === 'number' &&
        typeof x.total === 'number'
      );
    case 'done':
      return (
        isObj(x.result) &&
        Array.isArray(x.result.entries) &&
        typeof x.entryCount === 'number' &&
        typeof x.bytes === 'number'
      );
    case 'failed':
      return isObj(x.error) && typeof x.error.kind === 'string' && KINDS.includes(x.error.kind);
    default:
      return false;
  }
}

/** 0..1 across all phases, for one progress bar. Reading and diagnosing dominate. */
export function overallFraction(phase: JobPhase, done: number, total: number): number {
  const share: Record<JobPhase, [number, number]> = {
    read: [0, 0.25],
    parse: [0.25, 0.35],
    scan: [0.35, 0.45],
    diagnose: [0.45, 1],
  };
  const [from, to] = share[phase];
  const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return from + (to - from) * f;
}
