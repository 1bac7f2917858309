// The one receiver of the message protocol. Checks every sender: extension
// pages by their URL, content scripts by their tab and an allow-list of
// types (a content script shares its tab with a page we do not trust).
// Errors are serialised back to the caller as text.
import type { Runtime } from '../shared/browser.ts';
import {
  CONTENT_SCRIPT_TYPES,
  isEnvelope,
  type Envelope,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../shared/messages.ts';

export type SenderKind =
  { kind: 'page' } | { kind: 'content'; tabId: number; frameId: number; origin: string };

export type Handlers = {
  [T in MessageType]: (payload: RequestOf<T>, sender: SenderKind) => Promise<ResponseOf<T>>;
};

/** Pure: who sent this, or null when the sender is not ours. */
export function classifySender(
  sender: Runtime.MessageSender,
  extensionId: string,
  extensionBaseUrl: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionBaseUrl)) return { kind: 'page' };
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && sender.url) {
    let origin: string;
    try {
      origin = new URL(sender.url).origin;
    } catch {
      return null;
    }
    return { kind: 'content', tabId: sender.tab.id, frameId: sender.frameId ?? 0, origin };
  }
  return null;
}

/** `handlers` may be partial (tests); the background passes a complete `Handlers`. */
export function createRouter(
  handlers: Partial<Handlers>,
  ids: { extensionId: string; baseUrl: string },
  ready: Promise<unknown>,
) {
  return (
    message: unknown,
    sender: Runtime.MessageSender,
  ): Promise<Reply<MessageType>> | undefined => {
    if (!isEnvelope(message)) return undefined; // not ours: let other listeners answer
    return route(message, sender);
  };

  async function route(
    message: Envelope,
    sender: Runtime.MessageSender,
  ): Promise<Reply<MessageType>> {
    const from = classifySender(sender, ids.extensionId, ids.baseUrl);
    if (!from) return { ok: false, error: 'Rejected: unknown sender' };
    if (from.kind === 'content' && !CONTENT_SCRIPT_TYPES.has(message.type)) {
      return { ok: false, error: `Rejected: ${message.type} is not allowed from a web page` };
    }
    const handler = handlers[message.type] as
      ((p: unknown, s: SenderKind) => Promise<ResponseOf<MessageType>>) | undefined;
    if (!handler) return { ok: false, error: `Unknown message type: ${String(message.type)}` };
    try {
      await ready;
      return { ok: true, value: await handler(message.payload, from) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
