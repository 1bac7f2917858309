import { describe, expect, it } from 'vitest';
import { startCapture } from './capture.ts';
import type { DevtoolsApi, DevtoolsRequest } from './devtools-api.ts';
import type { PanelRecord } from './record-of-entry.ts';
import { chromeRequest, firefoxRequest, ghEntry, GH_BODY } from './test-entries.ts';

function fakeApi(harEntries: object[] = []) {
  const listeners: ((r: DevtoolsRequest) => void)[] = [];
  const api: DevtoolsApi = {
    inspectedWindow: { tabId: 9 },
    network: {
      onRequestFinished: {
        addListener: (f) => listeners.push(f),
        removeListener: (f) => listeners.splice(listeners.indexOf(f), 1),
      },
      getHAR: (cb) => cb?.({ entries: harEntries as Record<string, unknown>[] }),
    },
    panels: { themeName: 'dark' },
  };
  return { api, finish: (r: DevtoolsRequest) => listeners.forEach((l) => l(r)), listeners };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('startCapture', () => {
  it('turns finished 401s (either browser’s getContent) into records with the body, newest first', async () => {
    const { api, finish } = fakeApi();
    let seen: PanelRecord[] = [];
    startCapture(api, (r) => (seen = r));
    finish(chromeRequest(ghEntry({ started: '2026-11-28T10:00:00.000Z' }), GH_BODY));
    finish(chromeRequest(ghEntry({ status: 200 }), '{}'));
    finish(
      firefoxRequest(
        ghEntry({ started: '2026-11-28T10:00:05.000Z', url: 'https://api.github.com/x' }),
        GH_BODY,
      ),
    );
    await tick();
    expect(seen.map((r) => [r.evidence.url, r.bodyUsed, r.tabId])).toEqual([
      ['https://api.github.com/x', true, 9],
      ['https://api.github.com/user', true, 9],
    ]);
  });

  it('includes what DevTools logged before the panel loaded, once', async () => {
    const early = ghEntry({ started: '2026-11-28T09:59:00.000Z' });
    const { api, finish } = fakeApi([early, ghEntry({ status: 200 })]);
    let seen: PanelRecord[] = [];
    startCapture(api, (r) => (seen = r));
    finish(chromeRequest(early, GH_BODY)); // the same request again: not listed twice
    await tick();
    expect(seen).toHaveLength(1);
  });

  it('clears, and stops listening', async () => {
    const { api, finish, listeners } = fakeApi();
    let seen: PanelRecord[] = [];
    const c = startCapture(api, (r) => (seen = r));
    finish(chromeRequest(ghEntry(), GH_BODY));
    await tick();
    c.clear();
    expect(seen).toEqual([]);
    c.stop();
    expect(listeners).toHaveLength(0);
  });
});
