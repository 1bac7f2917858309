// A clock and timers for tests of code that is handed its clock (storm.ts, capture.ts).
/** A clock and one-shot timers the test moves by hand. */
export function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
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
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
  };
}
