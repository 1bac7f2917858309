import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('coalesce', () => {
  it('shares one call among callers of the same key while it runs', async () => {
    const calls: string[] = [];
    const d = deferred<number>();
    const f = coalesce(
      (k: string) => k,
      (k) => {
        calls.push(k);
        return d.promise;
      },
    );
    const a = f('x');
    const b = f('x');
    expect(calls).toEqual(['x']);
    d.resolve(7);
    expect(await a).toBe(7);
    expect(await b).toBe(7);
  });

  it('calls again once the call settled, and keeps keys apart', async () => {
    let n = 0;
    const f = coalesce(
      (k: string) => k,
      async () => ++n,
    );
    expect(await f('x')).toBe(1);
    expect(await f('x')).toBe(2); // settled: not kept
    const [y, z] = await Promise.all([f('y'), f('z')]);
    expect(new Set([y, z]).size).toBe(2);
  });

  it('a failure reaches every waiting caller and is not kept', async () => {
    const d = deferred<number>();
    let n = 0;
    const f = coalesce(
      (k: string) => k,
      (k) => (++n === 1 ? d.promise : Promise.resolve(k.length)),
    );
    const a = f('x');
    const b = f('x');
    d.reject(new Error('gone'));
    await expect(a).rejects.toThrow('gone');
    await expect(b).rejects.toThrow('gone');
    expect(await f('x')).toBe(1);
  });
});
