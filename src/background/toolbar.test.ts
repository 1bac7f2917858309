// toolbar.ts against a fake `action`: what the tab's button is told, in what
// order, and how often during a storm.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const closed = new Set<number>();
  const refused = new Set<string>();
  const call = (what: string) => async (d: { tabId: number }) => {
    if (closed.has(d.tabId)) throw new Error(`No tab with id: ${d.tabId}`);
    if (refused.has(what)) throw new Error(`${what} refused`);
    calls.push(`${what} ${JSON.stringify(d)}`);
  };
  return { calls, closed, refused, call };
});

vi.mock('../shared/browser.ts', () => ({
  default: {
    runtime: { getManifest: () => ({ action: { default_popup: 'src/popup/index.html' } }) },
    action: {
      setPopup: fake.call('popup'),
      setBadgeText: fake.call('text'),
      setBadgeBackgroundColor: fake.call('colour'),
    },
  },
}));

const { forgetTab, popupOfTab, showCount } = await import('./toolbar.ts');

beforeEach(() => {
  fake.calls.length = 0;
  fake.closed.clear();
  fake.refused.clear();
});

describe('popupOfTab', () => {
  it('adds the tab to the manifest popup, with or without a query of its own', () => {
    expect(popupOfTab('src/popup/index.html', 42)).toBe('src/popup/index.html?tabId=42');
    expect(popupOfTab('p.html?x=1', 7)).toBe('p.html?x=1&tabId=7');
  });
});

describe('showCount', () => {
  it("gives a tab's first 401 its own popup before the badge shows", async () => {
    await showCount(3, 1);
    expect(fake.calls).toEqual([
      'popup {"tabId":3,"popup":"src/popup/index.html?tabId=3"}',
      'text {"tabId":3,"text":"1"}',
      'colour {"tabId":3,"color":"#b42318"}',
    ]);
  });

  it('sets the popup once per page, not on every count of a storm', async () => {
    for (let n = 1; n <= 30; n++) await showCount(4, n);
    await showCount(4, 30); // unchanged: nothing written
    expect(fake.calls.filter((c) => c.startsWith('popup'))).toHaveLength(1);
    expect(fake.calls.filter((c) => c.startsWith('text'))).toHaveLength(30);
  });

  it('sets the popup again after a navigation wiped it (force)', async () => {
    await showCount(5, 2);
    fake.calls.length = 0;
    await showCount(5, 2, true);
    expect(fake.calls[0]).toBe('popup {"tabId":5,"popup":"src/popup/index.html?tabId=5"}');
  });

  it('gives a page without 401s no popup of its own: the default finds the active tab', async () => {
    await showCount(6, 0, true);
    expect(fake.calls).toEqual(['text {"tabId":6,"text":""}']);
  });

  it('tries again once a closed tab id shows up, rather than trusting what it thought it set', async () => {
    fake.closed.add(8);
    await showCount(8, 1); // the tab closed under it: no throw
    fake.closed.clear();
    await showCount(8, 1);
    expect(fake.calls[0]).toBe('popup {"tabId":8,"popup":"src/popup/index.html?tabId=8"}');
    forgetTab(8);
    fake.calls.length = 0;
    await showCount(8, 1);
    expect(fake.calls).toHaveLength(3);
  });

  it("never lets an earlier count's text land after a later one's", async () => {
    // The first 401's update (popup, text, colour) and the next batch's come
    // together: the browser must see "1" before "5", whatever resolves when.
    const a = showCount(9, 1);
    const b = showCount(9, 5);
    await Promise.all([a, b]);
    const texts = fake.calls.filter((c) => c.startsWith('text'));
    expect(texts).toEqual(['text {"tabId":9,"text":"1"}', 'text {"tabId":9,"text":"5"}']);
  });

  it('shows the count even if the popup cannot be set', async () => {
    fake.refused.add('popup');
    await showCount(10, 3);
    expect(fake.calls).toContain('text {"tabId":10,"text":"3"}');
    // The count was written, so an unchanged count is not written again.
    fake.calls.length = 0;
    await showCount(10, 3);
    expect(fake.calls).toEqual([]);
  });
});
