// One HAR file from bytes to the `why401 explain --json` document, reporting
// progress as JobMessages. Runs in the worker (har-worker.ts) and, when a
// worker cannot start, on the main thread (run-explain.ts) with `yieldNow`
// giving the page a turn between slices.
import { HarError } from '../core/index.ts';
import { explainHarStepwise } from './explain-progress.ts';
import type { JobError, JobMessage } from './job-protocol.ts';

/** As the CLI (src/cli/read-input.ts): V8 cannot hold a string much larger anyway. */
export const MAX_BYTES = 512 * 1024 * 1024;

export interface JobOptions {
  id: number;
  post: (m: JobMessage) => void;
  yieldNow?: () => Promise<void>;
}

class JobFailure extends Error {
  constructor(readonly error: JobError) {
    super(error.detail);
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/** Reads the file as UTF-8 in chunks, posting byte progress. */
async function readText(file: Blob, { id, post, yieldNow }: JobOptions): Promise<string> {
  if (file.size > MAX_BYTES) throw new JobFailure({ kind: 'too-big', detail: String(file.size) });
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let done = 0;
  let lastPosted = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      done += chunk.value.byteLength;
      parts.push(decoder.decode(chunk.value, { stream: true }));
      // A progress message per ~1 MB: enough for a smooth bar, few enough to be free.
      if (done - lastPosted >= 1 << 20) {
        lastPosted = done;
        post({ type: 'progress', id, phase: 'read', done, total: file.size });
        if (yieldNow) await yieldNow();
      }
    }
  } catch (e) {
    throw new JobFailure({ kind: 'read', detail: firstLine(e) });
  }
  parts.push(decoder.decode());
  post({ type: 'progress', id, phase: 'read', done: file.size, total: file.size });
  return parts.join('');
}

function parse(text: string): unknown {
  // A BOM is common in files saved on Windows (as the CLI).
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) throw new JobFailure({ kind: 'empty', detail: '' });
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new JobFailure({ kind: 'not-json', detail: firstLine(e) });
  }
}

/** Never throws: every outcome is one final 'done' or 'failed' message. */
export async function runExplainJob(file: Blob, opts: JobOptions): Promise<void> {
  const { id, post } = opts;
  try {
    const text = await readText(file, opts);
    post({ type: 'progress', id, phase: 'parse', done: 0, total: 1 });
    if (opts.yieldNow) await opts.yieldNow();
    const har = parse(text);
    post({ type: 'progress', id, phase: 'parse', done: 1, total: 1 });
    let entryCount = 0;
    const result = await explainHarStepwise(har, {
      yieldNow: opts.yieldNow,
      onProgress: (p) => {
        if (p.phase === 'scan') entryCount = p.total;
        post({ type: 'progress', id, phase: p.phase, done: p.done, total: p.total });
      },
    });
    post({ type: 'done', id, result, entryCount, bytes: file.size });
  } catch (e) {
    const error: JobError =
      e instanceof JobFailure
        ? e.error
        : e instanceof HarError
          ? { kind: 'not-har', detail: e.message }
          : { kind: 'internal', detail: firstLine(e) };
    post({ type: 'failed', id, error });
  }
}
