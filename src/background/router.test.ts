import { describe, expect, it } from 'vitest';
import { classifySender, createRouter, type Handlers } from './router.ts';

const ids = { extensionId: 'ext', baseUrl: 'chrome-extension://ext/' };
const page = { id: 'ext', url: 'chrome-extension://ext/src/popup/index.html' };
const content = { id: 'ext', url: 'https://site.test/', tab: { id: 5 } as never, frameId: 0 };

function router() {
  const calls: string[] = [];
  const handlers: Partial<Handlers> = {
    'tab/view': async ({ tabId }) => {
      calls.push(`tab/view ${tabId}`);
      return { tabId: tabId === 'active' ? 1 : tabId, count: 0, records: [] };
    },
    'panel/view': async (_p, from) => {
      if (from.kind !== 'content') throw new Error('content only');
      calls.push(`panel/view ${from.tabId}`);
      return { tabId: from.tabId, count: 0, records: [], collapsed: false };
    },
  };
  return { calls, route: createRouter(handlers, ids, Promise.resolve()) };
}

describe('classifySender', () => {
  it('tells extension pages from content scripts and rejects strangers', () => {
    expect(classifySender(page, 'ext', ids.baseUrl)).toEqual({ kind: 'page' });
    expect(classifySender(content, 'ext', ids.baseUrl)).toEqual({
      kind: 'content',
      tabId: 5,
      frameId: 0,
      origin: 'https://site.test',
    });
    expect(classifySender({ ...page, id: 'other' }, 'ext', ids.baseUrl)).toBeNull();
    expect(classifySender({ id: 'ext', url: 'https://x.test/' }, 'ext', ids.baseUrl)).toBeNull();
  });
});

describe('createRouter', () => {
  it('ignores messages that are not ours (other listeners may answer them)', () => {
    expect(router().route({ type: 'tab/view' }, page)).toBeUndefined();
  });

  it('answers an extension page', async () => {
    const r = router();
    const reply = await r.route({ why401: 1, type: 'tab/view', payload: { tabId: 3 } }, page);
    expect(reply).toEqual({ ok: true, value: { tabId: 3, count: 0, records: [] } });
    expect(r.calls).toEqual(['tab/view 3']);
  });

  it('refuses page-only types from a content script', async () => {
    const r = router();
    const reply = await r.route({ why401: 1, type: 'tab/view', payload: { tabId: 9 } }, content);
    expect(reply).toMatchObject({ ok: false });
    expect(r.calls).toEqual([]);
  });

  it("gives a content script its own tab's records, whatever it asks", async () => {
    const r = router();
    await r.route({ why401: 1, type: 'panel/view', payload: { tabId: 99 } }, content);
    expect(r.calls).toEqual(['panel/view 5']);
  });

  it('serialises a handler error back to the caller', async () => {
    const r = router();
    const reply = await r.route({ why401: 1, type: 'panel/view', payload: {} }, page);
    expect(reply).toEqual({ ok: false, error: 'content only' });
  });

  it('rejects an unknown sender', async () => {
    const reply = await router().route(
      { why401: 1, type: 'tab/view', payload: { tabId: 1 } },
      { id: 'evil' },
    );
    expect(reply).toEqual({ ok: false, error: 'Rejected: unknown sender' });
  });
});
