// Where the numbers came from: OS, CPU, cores, browser versions.
import { execFileSync } from 'node:child_process';
import { cpus, release, type } from 'node:os';
import { CHROMIUM } from './chromium.mjs';
import { FIREFOX } from './firefox.mjs';

/** @param {string} bin */
function versionOf(bin) {
  try {
    return execFileSync(bin, ['--version'], {
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export function machine() {
  const c = cpus();
  return {
    os: `${type()} ${release()}`,
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    node: process.version,
    chromium: versionOf(CHROMIUM),
    firefox: versionOf(FIREFOX),
  };
}
