// The Markdown report of an explained HAR, for a ticket or a chat. Built from
// explainHar's output only, which holds no secret (credentials are masked by
// the engine: scheme, prefix, length).
import type { ExplainResult, Translate } from '../core/index.ts';
import { causeTitleKey, groupByTopCause } from './cause-groups.ts';

const pct = (c: number) => `${Math.round(c * 100)}%`;
// Server text ends up in code spans and fences: keep it from closing them.
const inline = (s: string) => s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ');

export function harMarkdown(
  result: ExplainResult,
  meta: { file: string; entryCount: number; when: Date },
  t: Translate,
): string {
  const out: string[] = [];
  const groups = groupByTopCause(result.entries);
  out.push(
    `## Why 401: ${result.entries.length} authentication failure(s) in ${inline(meta.file)}`,
  );
  out.push('');
  out.push(
    `${meta.entryCount} HAR entries read, explained locally ${meta.when.toISOString()} · secrets are masked (scheme, prefix, length).`,
  );
  for (const g of groups) {
    out.push('');
    out.push(`### ${t(causeTitleKey(g.cause))} (\`${g.cause}\`): ${g.entries.length}`);
    for (const e of g.entries) {
      const [top, ...more] = e.causes;
      out.push('');
      out.push(`- **#${e.index}** \`${e.status} ${e.method} ${inline(e.url)}\``);
      if (!top) continue;
      out.push(`  - ${inline(top.summary)} (${pct(top.confidence)})`);
      for (const ev of top.evidence) out.push(`    - \`${inline(ev)}\``);
      top.fixes.forEach((f, i) => out.push(`    ${i + 1}. ${inline(f)}`));
      if (more.length) {
        out.push(`  - Also: ${more.map((c) => `\`${c.id}\` (${pct(c.confidence)})`).join(', ')}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** Byte for byte what `why401 explain FILE --json` prints (src/cli/main.ts). */
export const harJson = (result: ExplainResult): string => `${JSON.stringify(result, null, 2)}\n`;
