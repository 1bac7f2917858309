import { describe, expect, it } from 'vitest';
import { explainHar, translateEn } from '../core/index.ts';
import { reportName } from './download.ts';
import { harJson, harMarkdown } from './har-markdown.ts';
import { mixedHar } from './test-hars.ts';

describe('HAR downloads', () => {
  const result = explainHar(mixedHar(60));

  it('JSON is byte for byte the CLI’s --json output', () => {
    expect(harJson(result)).toBe(`${JSON.stringify(result, null, 2)}\n`);
    expect(JSON.parse(harJson(result))).toEqual(result);
  });

  it('Markdown lists every entry under its cause, with no credential in it', () => {
    const md = harMarkdown(
      result,
      { file: 'a.har', entryCount: 60, when: new Date(0) },
      translateEn,
    );
    for (const entry of result.entries) expect(md).toContain(`**#${entry.index}**`);
    expect(md).toContain('`token-expired`');
    expect(md).not.toContain('ZGVtbzp3cm9uZw=='); // the Basic credential of the test HAR
    expect(md).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/); // no whole JWT
  });

  it('keeps server text from breaking out of code spans', () => {
    const md = harMarkdown(
      {
        entries: [
          { index: 0, method: 'GET', url: 'https://x.test/`a`\n# h', status: 401, causes: [] },
        ],
      },
      { file: 'x', entryCount: 1, when: new Date(0) },
      translateEn,
    );
    expect(md).toContain("https://x.test/'a' # h");
  });

  it('names downloads after the HAR', () => {
    expect(reportName('trace.har', 'md')).toBe('trace.why401.md');
    expect(reportName('x.json', 'json')).toBe('x.why401.json');
    expect(reportName('.har', 'json')).toBe('har.why401.json');
  });
});
