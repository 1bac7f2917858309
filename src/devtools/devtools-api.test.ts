import { afterEach, describe, expect, it } from 'vitest';
import { findDevtoolsApi, getContent, type DevtoolsRequest } from './devtools-api.ts';
import { themeOf } from './theme.ts';

const req = (getContent: DevtoolsRequest['getContent']) => ({ getContent }) as DevtoolsRequest;

describe('getContent', () => {
  it('reads Chrome’s callback, with base64 kept as an encoding', async () => {
    expect(await getContent(req((cb) => cb?.('{"a":1}', '')))).toEqual({ text: '{"a":1}' });
    expect(await getContent(req((cb) => cb?.('eyJhIjoxfQ==', 'base64')))).toEqual({
      text: 'eyJhIjoxfQ==',
      encoding: 'base64',
    });
  });

  it('reads Firefox’s promise of [content, mimeType]', async () => {
    expect(await getContent(req(() => Promise.resolve(['x', 'text/plain'])))).toEqual({
      text: 'x',
    });
  });

  it('gives undefined for no body, an error, or no answer', async () => {
    expect(await getContent(req((cb) => cb?.(null, null)))).toBeUndefined();
    expect(await getContent(req(() => Promise.reject(new Error('gone'))))).toBeUndefined();
    expect(
      await getContent(
        req(() => {
          throw new Error('x');
        }),
      ),
    ).toBeUndefined();
    expect(
      await getContent(
        req(() => undefined),
        20,
      ),
    ).toBeUndefined();
  });
});

describe('findDevtoolsApi', () => {
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });
  it('is undefined outside DevTools, found inside', () => {
    expect(findDevtoolsApi()).toBeUndefined();
    g.chrome = { devtools: { network: {}, inspectedWindow: { tabId: 1 }, panels: {} } };
    expect(findDevtoolsApi()?.inspectedWindow.tabId).toBe(1);
  });
});

describe('themeOf', () => {
  it('maps DevTools theme names', () => {
    expect(themeOf('dark')).toBe('dark');
    expect(themeOf('default')).toBe('light');
    expect(themeOf(undefined)).toBe('light');
  });
});
