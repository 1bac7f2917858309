// Bounds on everything that talks to a browser: a hung launch or page must
// cost one retry, not the whole run.

/**
 * @template T @param {Promise<T>} p @param {number} ms @param {string} what
 * @returns {Promise<T>}
 */
export function within(p, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Failures seen and survived during the run, reported in results.json. */
export const incidents = [];

/**
 * Runs `fn`; on failure runs it once more and notes the first failure.
 * @template T @param {string} what @param {() => Promise<T>} fn @returns {Promise<T>}
 */
export async function retryOnce(what, fn) {
  try {
    return await fn();
  } catch (e) {
    incidents.push({ what, error: String(e?.message ?? e).split('\n')[0] });
    console.error(`  ! ${what} failed (${String(e?.message ?? e).split('\n')[0]}); retrying once`);
    return await fn();
  }
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
