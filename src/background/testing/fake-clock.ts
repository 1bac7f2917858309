// A clock and timers for tests of code that is handed its clock (storm.ts,
// capture.ts, close-watcher.ts): time moves only when the test says.

/** A clock and one-shot timers the test moves by hand. */
export function fakeClock(start = 0) {
  let now = start;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  /** The next timer due by `end`, taken off the list, the clock moved to it. */
  const takeDue = (end: number) => {
    const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
    if (!due) return undefined;
    timers.delete(due[0]);
    now = due[1].at;
    return due[1].run;
  };
  return {
    now: () => now,
    setTimer(run: () => void, ms: number) {
      timers.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimer(t: unknown) {
      timers.delete(t as number);
    },
    pending: () => timers.size,
    /** Moves time on, running the timers that fall due, in order. */
    advance(ms: number) {
      const end = now + ms;
      for (let run = takeDue(end); run; run = takeDue(end)) run();
      now = end;
    },
    /** The same, awaiting `settle` after each timer (for code that goes on in promises). */
    async advanceSettling(ms: number, settle: () => Promise<unknown>) {
      const end = now + ms;
      for (let run = takeDue(end); run; run = takeDue(end)) {
        run();
        await settle();
      }
      now = end;
    },
  };
}
