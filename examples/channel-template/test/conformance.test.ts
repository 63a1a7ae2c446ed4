import { runChannelConformance, type DriveContext } from '@coinslot/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExampleHostedMessage } from '../src/index.js';
import { createExampleHostedChannel } from '../src/index.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import type { Decision } from './fake-provider.js';
import { startHostedStack, type HostedStack } from './hosted-stack.js';

// The adapter, through the real core, against a REAL @coinslot/server whose only driver is this package's driver,
// which talks to a fake provider on loopback: every purchase creates a provider session, the "player" decides on
// the provider, the provider sends a signed notification to /v1/notify/example-hosted, and core reads the pay
// server's signed result. The browser is the fake of @coinslot/testing/browser-fakes (the adapter's code is unchanged).
const browser = installFakeBrowser('https://game.test/shop?level=3');
afterAll(() => browser.uninstall());

let stack: HostedStack | undefined;

/**
 * What the player does on the checkout page: click a button (the provider notifies the pay server), after which
 * the page posts its message to the game and closes itself. A redirect checkout would navigate back instead, so
 * there the click is all. For `duplicate` the click runs twice; the second finds the popup gone.
 */
async function playerDecides(ctx: DriveContext, decision: Decision): Promise<void> {
  const checkoutUrl = String(ctx.launch.checkoutUrl);
  const status = await stack!.provider.decide(checkoutUrl, decision);
  if (ctx.presentation !== 'popup') return;
  const popup = browser.showing(checkoutUrl);
  if (popup === undefined) {
    if (ctx.scenario === 'duplicate') return;
    throw new Error(`no open popup shows ${checkoutUrl}`);
  }
  const message: ExampleHostedMessage = { source: 'coinslot-example-hosted', billId: ctx.bill.id, status };
  browser.post(popup, message, new URL(checkoutUrl).origin);
  popup.close();
}

runChannelConformance({
  name: 'example-hosted on a real pay server and a fake provider',
  channel: () => createExampleHostedChannel(),
  environment: { platform: 'web', window: () => browser.window.open('about:blank') },
  server: {
    start: async () => (stack = await startHostedStack()),
  },
  drive: {
    approve: (ctx) => playerDecides(ctx, 'approve'),
    decline: (ctx) => playerDecides(ctx, 'decline'),
    cancel: (ctx) => playerDecides(ctx, 'cancel'),
  },
});

describe('the provider side of those purchases', () => {
  it('settled every decided bill through a signed notification the pay server accepted', () => {
    const { notifications } = stack!.provider;
    expect(notifications.length).toBeGreaterThanOrEqual(8);
    expect(notifications.filter((sent) => sent.status !== 200)).toEqual([]);
    const types = new Set(notifications.map((sent) => (JSON.parse(sent.body) as { type: string }).type));
    expect([...types].sort()).toEqual(['checkout.cancelled', 'checkout.declined', 'checkout.succeeded']);
  });
});
