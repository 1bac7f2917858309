// CPU time of a browser launch's processes, from /proc (Linux only): the
// browser process is the one whose command line names our profile folder;
// every other process of the launch descends from it. Chromium's are
// classified by --type, with the extension's renderer told apart by
// --extension-process; Firefox's by the type ending a -contentproc line.
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { median, round } from './stats.mjs';

let ticks = 100;
try {
  ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  // 100 is the Linux default.
}

/** @returns {Map<number, {ppid:number, cpuS:number, cmd:string}>} */
function snapshotAll() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      const cpuS = (Number(f[11]) + Number(f[12])) / ticks;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.set(Number(name), { ppid, cpuS, cmd });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** @param {string} cmd */
function kindOf(cmd) {
  if (cmd.includes('--extension-process')) return 'extension';
  // Firefox: `-contentproc … <type>`; "tab" processes hold the pages and the
  // extension's background alike (the command line does not tell them apart).
  if (cmd.includes(' -contentproc ')) {
    const type = cmd.trim().split(' ').pop();
    return type === 'tab' ? 'content' : (type ?? 'content');
  }
  const m = /--type=([\w-]+)/.exec(cmd);
  if (!m) return 'browser';
  if (m[1] === 'utility' && cmd.includes('network')) return 'network';
  return m[1];
}

/**
 * CPU seconds so far per process kind, for the launch using `profile`.
 * @param {string} profile @returns {Record<string, number> | null}
 */
export function cpuByKind(profile) {
  if (process.platform !== 'linux') return null;
  const all = snapshotAll();
  const roots = [...all].filter(
    ([, p]) => p.cmd.includes(profile) && !all.get(p.ppid)?.cmd.includes(profile),
  );
  const mine = new Set(roots.map(([pid]) => pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) {
      if (!mine.has(pid) && mine.has(p.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  /** @type {Record<string, number>} */
  const sums = {};
  for (const pid of mine) {
    const p = all.get(pid);
    if (!p) continue;
    const k = kindOf(p.cmd);
    sums[k] = (sums[k] ?? 0) + p.cpuS;
  }
  return sums;
}

/** @param {Record<string, number>|null} a @param {Record<string, number>|null} b @returns {Record<string, number>|null} */
export function cpuDelta(a, b) {
  if (!a || !b) return null;
  /** @type {Record<string, number>} */
  const d = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    d[k] = Math.round(((b[k] ?? 0) - (a[k] ?? 0)) * 100) / 100;
  return d;
}

/**
 * Per process kind, the median of several `{kind: value}` readings (a kind
 * missing from one reading counts 0 there; kinds that never used CPU are
 * left out), rounded to `digits` decimals.
 * @param {Record<string, number>[]} readings @param {number} [digits]
 * @returns {Record<string, number>}
 */
export function medianByKind(readings, digits = 0) {
  const kinds = [...new Set(readings.flatMap((r) => Object.keys(r)))].filter((k) =>
    readings.some((r) => (r[k] ?? 0) > 0),
  );
  return Object.fromEntries(
    kinds.map((k) => [k, round(median(readings.map((r) => r[k] ?? 0)), digits)]),
  );
}

/** CPU ms between two snapshots, per process kind (cpuDelta in ms). */
export function cpuMsBetween(
  /** @type {Record<string, number>|null} */ a,
  /** @type {Record<string, number>|null} */ b,
) {
  const d = cpuDelta(a, b);
  return d && Object.fromEntries(Object.entries(d).map(([k, s]) => [k, Math.round(s * 1000)]));
}
