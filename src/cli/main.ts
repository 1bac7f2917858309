// `why401 explain FILE.har [--json]`: the command line of causes.md. main()
// takes its world (argv, streams, env) as arguments so tests run it in-process.
import { explainHar, HarError, translateEn, type Cause } from '../core/index.ts';
import { InputError, readFileLimited, readStreamLimited } from './read-input.ts';
import { COLOR, PLAIN, renderReport, type ReportEntry } from './report.ts';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  stdin: AsyncIterable<unknown>;
  env: Record<string, string | undefined>;
}

const t = translateEn;

function usage(): string {
  return `${t('cli_usage')}\n`;
}

/** Returns the exit status: 0 done, 2 bad usage or bad input. Never throws for bad input. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const fail = (message: string): number => {
    // One line, no stack trace (causes.md).
    io.stderr.write(`why401: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  };
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    if (args.length === 0) {
      io.stderr.write(usage());
      return 2;
    }
    io.stdout.write(usage());
    return 0;
  }
  const [command, ...rest] = args;
  if (command !== 'explain') return fail(t('cli_err_command', [String(command)]));
  let json = false;
  const files: string[] = [];
  for (const a of rest) {
    if (a === '--json') json = true;
    else if (a.startsWith('-') && a !== '-') return fail(t('cli_err_option', [a]));
    else files.push(a);
  }
  if (files.length !== 1) return fail(t('cli_err_file_count'));
  const file = files[0] as string;
  const label = file === '-' ? 'standard input' : file;

  let text: string;
  try {
    text = file === '-' ? await readStreamLimited(io.stdin) : await readFileLimited(file);
  } catch (e) {
    return fail(e instanceof InputError ? e.message : t('cli_err_read', [label]));
  }
  let har: unknown;
  try {
    // A BOM is common in files saved on Windows.
    har = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // V8's message quotes the input around the error: it may hold a token, so keep only where.
    const where =
      e instanceof Error ? /position \d+(?: \(line \d+ column \d+\))?/.exec(e.message) : null;
    const why = where ? `error at ${where[0]}` : 'invalid JSON';
    return fail(t(text.trim() ? 'cli_err_not_json' : 'cli_err_empty', [label, why]));
  }
  let result;
  try {
    result = explainHar(har);
  } catch (e) {
    if (e instanceof HarError) return fail(`${label}: ${e.message}`);
    return fail(
      t('cli_err_internal', [
        label,
        e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e),
      ]),
    );
  }
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const style = io.stdout.isTTY && !io.env.NO_COLOR ? COLOR : PLAIN;
  const entries: ReportEntry[] = result.entries.map((e) => ({ ...e, causes: e.causes as Cause[] }));
  io.stdout.write(renderReport(label, entries, t, style));
  return 0;
}
