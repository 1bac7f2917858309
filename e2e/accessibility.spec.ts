// Accessibility, both browsers: axe-core (the engine behind @axe-core/playwright,
// injected directly so the same check runs through either driver) finds no
// serious or critical violation in the popup, the options page and the panel.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { scenarios } from './demo/server.mjs';
import type { DriverPage } from './fixtures/driver.ts';
import { expect, test } from './fixtures/test.ts';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe in the page, on `include` (a selector, or the whole document). */
async function seriousViolations(page: DriverPage, include?: string): Promise<Violation[]> {
  return page.evaluate(
    async ({ source, include }) => {
      const w = window as unknown as {
        axe?: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      };
      // Injected as a script element's text would run in the page's world, where a
      // page's CSP may forbid it; evaluating the source here keeps it in the test's world.
      if (!w.axe) (0, eval)(source);
      // axe walks open shadow roots inside what it includes (the panel's host).
      const context = include ? { include: [[include]] } : document;
      const r = await w.axe!.run(context, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    },
    { source: axeSource, include },
  );
}

test('the popup, with records and the clearing plan open', async ({ driver, demo }) => {
  const page = await driver.newPage();
  await page.goto(`${demo.origin}/s/bearer-expired`);
  await page.waitFor('main[data-state="done"]');
  const popup = await driver.openPopup(await driver.tabIdOf(page));
  await popup.waitFor('[data-testid="record"] [data-cause]');
  await popup.click('[data-action="clear"]');
  await popup.waitFor('.plan');
  expect(await seriousViolations(popup)).toEqual([]);
});

test('the options page', async ({ driver }) => {
  const page = await driver.newPage();
  await page.goto(`${driver.extensionBaseUrl}/src/options/index.html`, { wait: 'none' });
  await page.waitFor('input[type="checkbox"]');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the in-page panel, expanded and collapsed', async ({ driver, demo }) => {
  const s = scenarios.find((x) => x.name === 'insufficient-scope')!;
  const page = await driver.newPage();
  await page.goto(`${demo.origin}/s/${s.name}`);
  await page.waitFor('[data-cause]');
  expect(await seriousViolations(page, 'why401-panel')).toEqual([]);
  await page.click('[data-action="collapse"]');
  await page.waitFor('button.pill');
  expect(await seriousViolations(page, 'why401-panel')).toEqual([]);
  await page.click('button.pill');
});
