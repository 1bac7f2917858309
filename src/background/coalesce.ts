// One call in flight per key: callers asking for the same key while a call is
// under way share its promise. Nothing is kept once it settles, so an answer
// is never older than the call that made it (unlike a cache).
export function coalesce<A, R>(
  keyOf: (arg: A) => string,
  fn: (arg: A) => Promise<R>,
): (arg: A) => Promise<R> {
  const pending = new Map<string, Promise<R>>();
  return (arg) => {
    const key = keyOf(arg);
    const running = pending.get(key);
    if (running) return running;
    const p = fn(arg).finally(() => pending.delete(key));
    pending.set(key, p);
    return p;
  };
}
