// "Explain a HAR": a HAR file is chosen or dropped, explained in this page by
// the engine `why401 explain` uses, and shown grouped by cause. Nothing is
// uploaded: the file goes from the input to a worker of this page and back.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExplainResult } from '../core/index.ts';
import type { T } from '../ui/t.ts';
import { downloadText, reportName } from './download.ts';
import { harJson, harMarkdown } from './har-markdown.ts';
import { HarReport } from './HarReport.tsx';
import { overallFraction, type JobError, type JobMessage, type JobPhase } from './job-protocol.ts';
import { explainFile, type Runner, type RunningJob } from './run-explain.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; phase: JobPhase; done: number; total: number }
  | { kind: 'done'; file: string; result: ExplainResult; entryCount: number }
  | { kind: 'failed'; file: string; error: JobError };

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function phaseText(t: T, phase: JobPhase, done: number, total: number): string {
  switch (phase) {
    case 'read':
      return t('har_phase_read', [mb(done), mb(total)]);
    case 'parse':
      return t('har_phase_parse');
    case 'scan':
      return t('har_phase_scan', [String(done), String(total)]);
    case 'diagnose':
      return t('har_phase_diagnose', [String(done), String(total)]);
  }
}

function errorText(t: T, file: string, e: JobError): string {
  switch (e.kind) {
    case 'empty':
      return t('har_error_empty', [file]);
    case 'not-json':
      return t('har_error_not_json', [file, e.detail]);
    case 'not-har':
      return t('har_error_not_har', [file, e.detail]);
    case 'too-big':
      return t('har_error_too_big', [file]);
    case 'read':
      return t('har_error_read', [file, e.detail]);
    case 'internal':
      return t('har_error_internal', [file, e.detail]);
  }
}

export function HarPage({ t }: { t: T }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [runner, setRunner] = useState<Runner | ''>('');
  const [over, setOver] = useState(false);
  const job = useRef<RunningJob | null>(null);

  const start = (file: File) => {
    job.current?.cancel();
    const name = file.name || 'HAR';
    setState({ kind: 'running', file: name, phase: 'read', done: 0, total: file.size });
    const onMessage = (m: JobMessage) => {
      if (m.type === 'progress') {
        setState({ kind: 'running', file: name, phase: m.phase, done: m.done, total: m.total });
      } else if (m.type === 'done') {
        setState({ kind: 'done', file: name, result: m.result, entryCount: m.entryCount });
      } else {
        setState({ kind: 'failed', file: name, error: m.error });
      }
    };
    job.current = explainFile(file, onMessage, setRunner);
  };

  // Drop anywhere on the page; without preventDefault the browser would open the file instead.
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      e.preventDefault();
      setOver(true);
    };
    const onDragLeave = () => setOver(false);
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) start(file);
    };
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
      job.current?.cancel();
    };
  }, []);

  return (
    <main data-testid="har-page" data-state={state.kind} data-runner={runner}>
      <header class="top">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>{t('har_title')}</h1>
      </header>
      <div class={`drop${over ? ' over' : ''}`} data-testid="har-drop">
        <p>{t('har_intro')}</p>
        <label>
          {t('har_choose')}
          <input
            type="file"
            accept=".har,.json,application/json"
            data-testid="har-input"
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (file) start(file);
              // Choosing the same file again must start again.
              input.value = '';
            }}
          />
        </label>
        <p class="note">{t('har_drop_hint')}</p>
      </div>

      {state.kind === 'running' && (
        <div data-testid="har-progress" data-phase={state.phase}>
          <progress
            max={1000}
            value={Math.round(overallFraction(state.phase, state.done, state.total) * 1000)}
            aria-label={t('har_progress_label', [state.file])}
          />
          <p role="status" class="note">
            {phaseText(t, state.phase, state.done, state.total)}
          </p>
        </div>
      )}

      {state.kind === 'failed' && (
        <p class="har-error" role="alert" data-testid="har-error" data-kind={state.error.kind}>
          {errorText(t, state.file, state.error)}
        </p>
      )}

      {state.kind === 'done' && (
        <section data-testid="har-result" aria-label={t('har_result_label', [state.file])}>
          <p role="status">
            {state.result.entries.length
              ? t('har_summary', [
                  state.file,
                  String(state.result.entries.length),
                  String(state.entryCount),
                ])
              : t('har_none', [state.file, String(state.entryCount)])}
          </p>
          <div class="buttons">
            <button
              type="button"
              data-testid="har-download-md"
              onClick={() =>
                downloadText(
                  harMarkdown(
                    state.result,
                    { file: state.file, entryCount: state.entryCount, when: new Date() },
                    t,
                  ),
                  reportName(state.file, 'md'),
                  'text/markdown',
                )
              }
            >
              {t('har_download_md')}
            </button>
            <button
              type="button"
              data-testid="har-download-json"
              onClick={() =>
                downloadText(
                  harJson(state.result),
                  reportName(state.file, 'json'),
                  'application/json',
                )
              }
            >
              {t('har_download_json')}
            </button>
          </div>
          <HarReport result={state.result} t={t} />
        </section>
      )}
    </main>
  );
}
