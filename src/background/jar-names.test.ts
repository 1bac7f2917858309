import { describe, expect, it } from 'vitest';
import { cookieScope, createJarNames, JAR_MAX, JAR_TTL_MS } from './jar-names.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

/** A fake jar and a fake cookies.onChanged: what was asked, and who listens. */
function setUp(answer: (url: string) => Promise<string[] | undefined>) {
  const asked: string[] = [];
  const listeners = new Set<() => void>();
  let clock = 0;
  let timers: { due: number; fn: () => void }[] = [];
  const names = createJarNames(
    (url) => {
      asked.push(url);
      return answer(url);
    },
    { addListener: (cb) => listeners.add(cb), removeListener: (cb) => listeners.delete(cb) },
    { now: () => clock, later: (fn, ms) => void timers.push({ due: clock + ms, fn }) },
  );
  /** Moves the clock on, running the timers that fall due, in order. */
  const advance = (ms: number) => {
    const end = clock + ms;
    for (;;) {
      const next = timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      clock = next.due;
      next.fn();
    }
    clock = end;
  };
  return {
    names,
    asked,
    listeners,
    change: () => [...listeners].forEach((l) => l()),
    advance,
    pendingTimers: () => timers.length,
  };
}

describe('cookieScope', () => {
  it('keeps scheme, host and path, drops the query and fragment', () => {
    expect(cookieScope('https://api.example:8443/v1/me?x=1#f')).toBe(
      'https://api.example:8443/v1/me',
    );
    expect(cookieScope('not a url')).toBe('not a url');
  });
});

describe('createJarNames', () => {
  it("asks the jar once for a storm's 401s to one endpoint, whatever their query", async () => {
    const j = setUp(async () => ['session']);
    for (let i = 0; i < 100; i++)
      expect(await j.names(`https://a.example/api?i=${i}`)).toEqual(['session']);
    expect(j.asked).toHaveLength(1);
    // Another endpoint is another question.
    await j.names('https://a.example/other');
    expect(j.asked).toHaveLength(2);
  });

  it('shares one lookup among callers while it runs', async () => {
    const d = deferred<string[] | undefined>();
    const j = setUp(() => d.promise);
    const a = j.names('https://a.example/x');
    const b = j.names('https://a.example/x');
    d.resolve(['sid']);
    expect(await a).toEqual(['sid']);
    expect(await b).toEqual(['sid']);
    expect(j.asked).toHaveLength(1);
  });

  it('asks afresh once any cookie changed: sign in, then 401 again, reads the new jar', async () => {
    let jar: string[] = [];
    const j = setUp(async () => [...jar]);
    expect(await j.names('https://a.example/api')).toEqual([]);
    jar = ['session'];
    j.change(); // the sign-in response set a cookie
    expect(await j.names('https://a.example/api')).toEqual(['session']);
    expect(j.asked).toHaveLength(2);
  });

  it('asks afresh after the time limit even if no change was heard', async () => {
    const j = setUp(async () => ['a']);
    await j.names('https://a.example/api');
    j.advance(JAR_TTL_MS - 1);
    await j.names('https://a.example/api');
    expect(j.asked).toHaveLength(1);
    j.advance(1);
    await j.names('https://a.example/api');
    expect(j.asked).toHaveLength(2);
  });

  it('stops listening a second after the last lookup, with no cookie change to tell it', async () => {
    const j = setUp(async () => ['a']);
    await j.names('https://a.example/api');
    j.advance(600);
    await j.names('https://b.example/api');
    j.advance(JAR_TTL_MS - 600);
    // a.example's answer is gone, b.example's is not: still listening.
    expect(j.listeners.size).toBe(1);
    await j.names('https://b.example/api');
    expect(j.asked).toHaveLength(2);
    j.advance(600);
    expect(j.listeners.size).toBe(0);
    expect(j.pendingTimers()).toBe(0);
    // And it starts again with the next lookup.
    await j.names('https://a.example/api');
    expect(j.listeners.size).toBe(1);
  });

  it('listens to cookie changes only while it remembers an answer', async () => {
    const j = setUp(async () => ['a']);
    expect(j.listeners.size).toBe(0);
    await j.names('https://a.example/api');
    expect(j.listeners.size).toBe(1);
    await j.names('https://b.example/api');
    expect(j.listeners.size).toBe(1); // one listener, not one per endpoint
    j.change();
    expect(j.listeners.size).toBe(0);
  });

  it('does not keep "unknown" (the jar refused): the next 401 asks again', async () => {
    const j = setUp(async () => undefined);
    expect(await j.names('https://a.example/api')).toBeUndefined();
    await Promise.resolve();
    await j.names('https://a.example/api');
    expect(j.asked).toHaveLength(2);
  });

  it(`remembers at most ${JAR_MAX} endpoints, dropping the oldest`, async () => {
    const j = setUp(async () => ['a']);
    for (let i = 0; i <= JAR_MAX; i++) await j.names(`https://a.example/e${i}`);
    expect(j.asked).toHaveLength(JAR_MAX + 1);
    await j.names(`https://a.example/e${JAR_MAX}`); // the newest: remembered
    expect(j.asked).toHaveLength(JAR_MAX + 1);
    await j.names('https://a.example/e0'); // the oldest: dropped
    expect(j.asked).toHaveLength(JAR_MAX + 2);
  });
});
