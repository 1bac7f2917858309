// Starts an explain job for the page: in a module Web Worker where the
// browser allows it, else on the main thread in slices (yielding to the
// event loop between them, so the page still paints progress). Either way
// the page gets the same JobMessages.
import { runExplainJob } from './explain-job.ts';
import { isJobMessage, type JobMessage } from './job-protocol.ts';

export type Runner = 'worker' | 'main-thread';

export interface RunningJob {
  cancel(): void;
}

let nextId = 1;
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

function onMainThread(file: Blob, id: number, onMessage: (m: JobMessage) => void): RunningJob {
  let cancelled = false;
  void runExplainJob(file, {
    id,
    post: (m) => {
      if (!cancelled) onMessage(m);
    },
    yieldNow: async () => {
      await yieldToPage();
      if (cancelled) throw new Error('cancelled');
    },
  });
  return {
    cancel: () => {
      cancelled = true;
    },
  };
}

/** `onRunner` says where the work runs (the page shows it in data-runner, for tests and bug reports). */
export function explainFile(
  file: Blob,
  onMessage: (m: JobMessage) => void,
  onRunner: (r: Runner) => void = () => undefined,
): RunningJob {
  const id = nextId++;
  let worker: Worker;
  try {
    // Vite bundles this URL as a separate module worker (also under crxjs).
    worker = new Worker(new URL('./har-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    onRunner('main-thread');
    return onMainThread(file, id, onMessage);
  }
  onRunner('worker');
  let settled = false;
  let fallback: RunningJob | undefined;
  worker.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (!isJobMessage(e.data) || e.data.id !== id) return;
    if (e.data.type !== 'progress') {
      settled = true;
      worker.terminate();
    }
    onMessage(e.data);
  });
  // A worker that cannot load (a browser without module workers in extension
  // pages, a CSP refusal) fails here before any message: do the work here instead.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    worker.terminate();
    if (!settled && !fallback) {
      onRunner('main-thread');
      fallback = onMainThread(file, id, onMessage);
    }
  });
  worker.postMessage({ type: 'explain', id, file });
  return {
    cancel: () => {
      settled = true;
      worker.terminate();
      fallback?.cancel();
    },
  };
}
