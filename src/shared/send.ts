import browser from './browser.ts';
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from './messages.ts';

/** Sends one request to the background and returns its answer, or throws its error. */
export async function send<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { why401: 1, type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined;
  if (!reply) throw new Error(`No answer to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
