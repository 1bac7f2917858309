// Reads the HAR from a file or stdin with a size limit, so a huge or endless
// input is refused with a message instead of exhausting memory. (V8 cannot
// hold a string much over 512 MiB anyway.)
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export const MAX_INPUT = 512 * 1024 * 1024;

/** An input problem: one line for stderr, exit status 2. */
export class InputError extends Error {
  override name = 'InputError';
}

function describe(err: unknown, path: string): string {
  const code = (err as { code?: string })?.code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EISDIR') return `${path} is a directory, not a HAR file`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `cannot read ${path}: ${code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))}`;
}

const tooBig = (what: string): InputError =>
  new InputError(
    `${what} is larger than ${MAX_INPUT / 1024 / 1024} MB; split the HAR or save fewer requests`,
  );

export async function readFileLimited(path: string, limit = MAX_INPUT): Promise<string> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new InputError(describe(e, path));
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new InputError(`${path} is a directory, not a HAR file`);
    if (st.size > limit) throw tooBig(path);
    // readFile on the handle; size was checked, and reading stops at the limit for growing files.
    const buf = await fh.readFile();
    if (buf.length > limit) throw tooBig(path);
    return buf.toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describe(e, path));
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export async function readStreamLimited(
  stream: Readable | AsyncIterable<unknown>,
  limit = MAX_INPUT,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<unknown>) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > limit) throw tooBig('standard input');
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `cannot read standard input: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
