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

/** Closers of the browsers open right now, so an interrupted run leaves none behind. */
export const openSessions = new Set();

/**
 * On Ctrl-C or SIGTERM: close what is open (bounded), run `cleanup`, exit.
 * @param {() => void} cleanup
 */
export function onInterrupt(cleanup) {
  const stop = async (signal) => {
    console.error(`\n${signal}: closing browsers and removing temp folders`);
    await Promise.race([
      Promise.allSettled([...openSessions].map((close) => close())),
      sleep(10_000),
    ]);
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
