import { describe, expect, it } from 'vitest';
import { tabOf } from './tab-id.ts';

describe('tabOf', () => {
  it('takes ?tabId=N when it is a tab id', () => {
    expect(tabOf('?tabId=42')).toBe(42);
    expect(tabOf('?origin=https%3A%2F%2Fa.test&tabId=7')).toBe(7);
  });
  it('asks for the active tab otherwise', () => {
    expect(tabOf('')).toBe('active');
    expect(tabOf('?tabId=')).toBe('active');
    expect(tabOf('?tabId=-1')).toBe('active');
    expect(tabOf('?tabId=4x')).toBe('active');
  });
});
