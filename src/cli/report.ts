// The human-readable report: per failing request, the top cause in plain
// words, why (evidence), what to do (fixes); repeated identical diagnoses
// are grouped so a loop of 50 failures reads as one item.
import type { Cause, Evidence, Translate } from '../core/index.ts';

export interface ReportEntry {
  index: number;
  method: string;
  url: string;
  status: number;
  causes: Cause[];
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};
const id = (s: string): string => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, cyan: id };

const pct = (c: number): string => `${Math.round(c * 100)}%`;
const titleKey = (causeId: string): string => `cli_title_${causeId.replace(/-/g, '_')}`;

/** Groups consecutive-or-not entries that share method, URL, status and top cause. */
function group(entries: readonly ReportEntry[]): ReportEntry[][] {
  const groups = new Map<string, ReportEntry[]>();
  for (const e of entries) {
    const k = `${e.method} ${e.url} ${e.status} ${e.causes[0]?.id ?? ''}`;
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  return [...groups.values()];
}

export function renderReport(
  source: string,
  entries: readonly ReportEntry[],
  t: Translate,
  s: Style,
): string {
  const out: string[] = [];
  if (!entries.length) {
    out.push(t('cli_report_none', [source]));
    return `${out.join('\n')}\n`;
  }
  const groups = group(entries);
  out.push(s.bold(t('cli_report_header', [String(entries.length), source, String(groups.length)])));
  for (const g of groups) {
    // The last of a group has seen the most history (auth-loop): show its diagnosis.
    const e = g[g.length - 1] as ReportEntry;
    const top = e.causes[0];
    out.push('');
    const where =
      g.length > 1
        ? t('cli_report_entries', [g.map((x) => `#${x.index}`).join(', ')])
        : `#${e.index}`;
    out.push(`${s.bold(`${e.method} ${e.url}`)} ${s.red(String(e.status))} ${s.dim(where)}`);
    if (!top) continue;
    out.push(
      `  ${s.yellow(t(titleKey(top.id)))} ${s.dim(`(${top.id}, ${pct(top.confidence)})`)}: ${top.summary}`,
    );
    if (top.evidence.length) {
      out.push(`  ${s.bold(t('cli_report_why'))}`);
      for (const line of top.evidence) out.push(`    - ${line}`);
    }
    if (top.fixes.length) {
      out.push(`  ${s.bold(t('cli_report_fix'))}`);
      for (const line of top.fixes) out.push(`    - ${line}`);
    }
    const also = e.causes.slice(1);
    if (also.length) {
      out.push(
        `  ${s.dim(t('cli_report_also', [also.map((c) => `${t(titleKey(c.id))} (${c.id}, ${pct(c.confidence)})`).join('; ')]))}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

export type { Evidence };
