// The printed table: one row per figure, with its 95% interval when it has
// one and PASS/FAIL against the issue's targets where a target exists.

/** @typedef {{ name: string, value: string, ci?: string, target?: string, pass?: boolean | null, note?: string }} Row */

const fmtRatio = (r) => (r ? r.ratio.toFixed(3) : '–');
const fmtCi = (r) => (r ? `${r.lo.toFixed(3)}–${r.hi.toFixed(3)}` : '');

/** @param {{ratio:number, lo:number, hi:number} | undefined} r */
export const ratioCells = (r) => ({ value: fmtRatio(r), ci: fmtCi(r) });

/** @param {Row[]} rows */
export function printTable(rows) {
  const head = { name: 'figure', value: 'value', ci: '95% CI', target: 'target', verdict: '' };
  const lines = rows.map((r) => ({
    name: r.name,
    value: r.value,
    ci: r.ci ?? '',
    target: r.target ?? '',
    verdict: r.pass === true ? 'PASS' : r.pass === false ? 'FAIL' : '',
    note: r.note ?? '',
  }));
  const w = (k) => Math.max(head[k].length, ...lines.map((l) => l[k].length));
  const widths = {
    name: w('name'),
    value: w('value'),
    ci: w('ci'),
    target: w('target'),
    verdict: 4,
  };
  const line = (l) =>
    `${l.name.padEnd(widths.name)}  ${l.value.padStart(widths.value)}  ${l.ci.padEnd(widths.ci)}  ${l.target.padEnd(widths.target)}  ${l.verdict.padEnd(4)}${l.note ? `  ${l.note}` : ''}`;
  console.log(line(head));
  console.log('-'.repeat(widths.name + widths.value + widths.ci + widths.target + 12));
  for (const l of lines) console.log(line(l));
}
