import { describe, expect, it } from 'vitest';
import { explainHar } from '../core/index.ts';
import { runExplainJob } from './explain-job.ts';
import type { JobMessage } from './job-protocol.ts';
import { mixedHar } from './test-hars.ts';

async function run(text: string): Promise<JobMessage[]> {
  const out: JobMessage[] = [];
  await runExplainJob(new Blob([text]), { id: 7, post: (m) => out.push(m) });
  return out;
}

describe('runExplainJob', () => {
  it('reads, parses and explains, ending with one done message holding explainHar’s result', async () => {
    const har = mixedHar(120);
    const msgs = await run(JSON.stringify(har));
    const last = msgs.at(-1);
    expect(last).toMatchObject({ type: 'done', id: 7, entryCount: 120 });
    expect(last?.type === 'done' && last.result).toEqual(explainHar(har));
    expect(msgs.slice(0, -1).every((m) => m.type === 'progress' && m.id === 7)).toBe(true);
    expect(
      new Set(
        msgs.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && m.phase),
      ),
    ).toEqual(new Set(['read', 'parse', 'scan', 'diagnose']));
  });

  it('accepts a BOM, as the CLI does', async () => {
    const msgs = await run(`\ufeff${JSON.stringify(mixedHar(6))}`);
    expect(msgs.at(-1)?.type).toBe('done');
  });

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['<html>not json</html>', 'not-json'],
    [JSON.stringify(mixedHar(30)).slice(0, 500), 'not-json'], // truncated
    ['{"log":{"version":"1.2"}}', 'not-har'],
    ['[1,2,3]', 'not-har'],
    ['42', 'not-har'],
  ])('fails %j with a %s error and nothing else final', async (text, kind) => {
    const msgs = await run(text);
    const finals = msgs.filter((m) => m.type !== 'progress');
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatchObject({ type: 'failed', id: 7, error: { kind } });
  });
});
