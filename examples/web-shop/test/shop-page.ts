import type { Page } from 'playwright-core';

// What a test does on a Coinslot shop page: the web shop's and the Electron game's pages share these conventions
// (a Buy button per item with `data-item`, an activity log of `li[data-state][data-bill-id]`).

/** Click Buy on the 550-coin chest; answers the sandbox checkout window core opened, once its buttons work. */
export async function clickBuy(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('button[data-item="coins-550"]').click(),
  ]);
  await popup.locator('#approve:enabled').waitFor();
  return popup;
}

/** The bill id of the first activity-log line reporting `state`, once there is one. */
export async function billIdOf(page: Page, state: string): Promise<string> {
  const line = page.locator(`#log li[data-state="${state}"]`).first();
  await line.waitFor();
  return (await line.getAttribute('data-bill-id'))!;
}

/** The bill ids of every activity-log line reporting `state`, right now. */
export const billIdsLogged = (page: Page, state: string): Promise<string[]> =>
  page
    .locator(`#log li[data-state="${state}"]`)
    .evaluateAll((lines) => lines.map((line) => (line as HTMLElement).dataset.billId ?? ''));
