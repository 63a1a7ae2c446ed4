import type { PayContext } from '@coinslot/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createConformanceHarness, type ConformanceHarness } from '../src/conformance/conformance-harness.js';
import type { ChannelConformanceOptions } from '../src/conformance/conformance-options.js';
import { ConformanceFailure } from '../src/conformance/conformance-failure.js';
import { createMockChannel } from '../src/mock-channel/create-mock-channel.js';
import { installUnnamedWindowBrowser } from './fixtures/unnamed-window-browser.js';

// A browser-like setup where environment.window answers a window that is NOT the one core opens (core names its
// popup `coinslot-<id>`; this browser ignores names, as `window.open('about:blank')` in a real browser does).
const browser = installUnnamedWindowBrowser();
afterAll(() => browser.uninstall());

let harness: ConformanceHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  browser.opened.length = 0;
});

/** A popup channel that needs the player's click; it closes ctx.window when `closes`, as a good adapter does. */
const popupChannel = (closes: boolean) => () =>
  createMockChannel({
    capabilities: { platforms: ['web'], presentations: ['popup'], needsUserGesture: true },
    outcome: (ctx: PayContext) => {
      if (closes) ctx.window?.close();
      return 'launched';
    },
  });

async function suite(
  closes: boolean,
  window: ChannelConformanceOptions['environment']['window'],
): Promise<ConformanceHarness> {
  harness = await createConformanceHarness({
    name: 'popup',
    channel: popupChannel(closes),
    environment: { platform: 'web', ...(window ? { window } : {}) },
  });
  return harness;
}

describe('the window handed to a needsUserGesture channel', () => {
  it('is the one core opens inside the click: an unnamed environment.window leaves no popup of core open', async () => {
    const run = await suite(true, () => browser.window.open('about:blank'));
    await expect(run.run('dispose')).resolves.toEqual({ status: 'passed' });
    await expect(run.run('user-gesture-window')).resolves.toEqual({ status: 'passed' });
    expect(browser.opened.map((opened) => opened.name)).not.toContain('coinslot-mock');
    expect(browser.opened.filter((opened) => !opened.closed)).toEqual([]);
  });

  it('still fails dispose and user-gesture-window when the adapter leaves that window open', async () => {
    const run = await suite(false, () => browser.window.open('about:blank'));
    const error = await run.run('dispose').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConformanceFailure);
    expect((error as Error).message).toMatch(
      /still holds:\n {2}- an open window, created by environment\.window\(\) and handed over as ctx\.window/,
    );
    await expect(run.run('user-gesture-window')).rejects.toThrow(/still open after the purchase ended/);
  });

  it("without environment.window, core's own popup is the adapter's to close, and is named as such", async () => {
    await expect((await suite(true, undefined)).run('dispose')).resolves.toEqual({ status: 'passed' });
    await harness!.close();
    const error = await (await suite(false, undefined)).run('dispose').catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /an open window: the popup core opened inside the click and handed over as ctx\.window/,
    );
  });
});
