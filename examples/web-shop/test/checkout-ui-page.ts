import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

// What a test reads of @coinslot/ui on the shop's page. Playwright's locators reach into its (open) shadow root.

/** The UI's dialog, once it is open. */
export const checkoutDialog = (page: Page): Locator => page.locator('#channels dialog.cs-dialog[open]');

/** Wait until the dialog shows the view `kind` (`opening`, `waiting`, `delivered`, `error`, …); answers the dialog. */
export async function dialogShows(page: Page, kind: string, timeout = 15_000): Promise<Locator> {
  const dialog = page.locator(`#channels dialog.cs-dialog[open][data-view="${kind}"]`);
  await dialog.waitFor({ timeout });
  return dialog;
}

/** The notice bar (`role="status"`) when it shows `kind` (`recovering`, `recovered`, `in-progress`). */
export async function barShows(page: Page, kind: string, timeout = 15_000): Promise<Locator> {
  const bar = page.locator(`#channels .cs-bar[data-kind="${kind}"]`);
  await bar.waitFor({ timeout });
  return bar;
}

/** Click Buy on the 550-coin chest; answers the checkout window core opened (blank at first, then the checkout). */
export async function buyChest(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('button[data-item="coins-550"]').click(),
  ]);
  return popup;
}

/** Whether a click (or key) makes no new window within `ms`: answers the count of windows that opened. */
export async function windowsOpenedBy(page: Page, act: () => Promise<void>, ms = 1500): Promise<number> {
  let opened = 0;
  const count = () => void (opened += 1);
  page.context().on('page', count);
  await act();
  await page.waitForTimeout(ms);
  page.context().off('page', count);
  return opened;
}

/** axe-core's violations inside the UI's mount element (its shadow root included). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: number }[]> {
  const source = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: source });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe;
    type AxeResult = { violations: { id: string; help: string; nodes: unknown[] }[] };
    const result = await axe.run({ include: [['#channels']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}
