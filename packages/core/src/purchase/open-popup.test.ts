import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake } = useFakePayServer();
const popupCapabilities = {
  platforms: ['web'] as const,
  presentations: ['popup', 'redirect'] as const,
  needsUserGesture: true,
};

afterEach(() => vi.unstubAllGlobals());

describe('popup inside the user gesture', () => {
  it('opens the window synchronously in purchase() and hands it to the adapter', async () => {
    const popup = { closed: false, close: vi.fn() };
    const open = vi.fn(() => popup);
    vi.stubGlobal('window', { open });
    const channel = fakeChannel(
      async (ctx) => {
        fake().settle(ctx.bill.id, 'paid');
        return { kind: 'launched' };
      },
      { capabilities: popupCapabilities },
    );
    const coinslot = testCoinslot(fake(), [channel], { platform: 'web' });
    await coinslot.ready();
    const pending = coinslot.purchase(gemPack);
    expect(open).toHaveBeenCalledExactlyOnceWith('about:blank', 'coinslot-fake', expect.any(String));
    await pending;
    expect(channel.pay.mock.calls[0]![0]).toMatchObject({ window: popup, presentation: 'popup' });
  });

  it('closes the window when the purchase fails, and opens none for a redirect', async () => {
    const popup = { closed: false, close: vi.fn() };
    const open = vi.fn(() => popup);
    vi.stubGlobal('window', { open });
    const failing = fakeChannel(() => Promise.reject(new Error('no')), { capabilities: popupCapabilities });
    const coinslot = testCoinslot(fake(), [failing], { platform: 'web' });
    await coinslot.ready();
    await expect(coinslot.purchase(gemPack)).rejects.toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED' });
    expect(popup.close).toHaveBeenCalledOnce();

    const redirect = testCoinslot(fake(), [failing], {
      platform: 'web',
      channelOptions: { fake: { presentation: 'redirect' } },
    });
    await redirect.ready();
    await redirect.purchase(gemPack).catch(() => undefined);
    expect(open).toHaveBeenCalledOnce();
  });

  it("without user activation and popupBlocked: 'redirect', redirects a channel that can, opening no window", async () => {
    const open = vi.fn();
    vi.stubGlobal('window', { open });
    vi.stubGlobal('navigator', { userActivation: { isActive: false } });
    const channel = fakeChannel(
      async (ctx) => {
        fake().settle(ctx.bill.id, 'paid');
        return { kind: 'launched' };
      },
      { capabilities: popupCapabilities },
    );
    const coinslot = testCoinslot(fake(), [channel], { platform: 'web', popupBlocked: 'redirect' });
    await coinslot.ready();
    await expect(coinslot.purchase(gemPack)).resolves.toMatchObject({ status: 'paid' });
    expect(open).not.toHaveBeenCalled();
    expect(channel.pay.mock.calls[0]![0]).toMatchObject({ presentation: 'redirect' });
    expect(channel.pay.mock.calls[0]![0]).not.toHaveProperty('window');
  });

  it('a paused purchase continues with continuePurchase(billId) once the page has activation: same bill, paid', async () => {
    const popup = { closed: false, close: vi.fn(), location: { replace: vi.fn() } };
    const open = vi.fn(() => popup);
    const activation = { isActive: false };
    vi.stubGlobal('window', { open });
    vi.stubGlobal('navigator', { userActivation: activation });
    const channel = fakeChannel(
      async (ctx) => {
        fake().settle(ctx.bill.id, 'paid');
        return { kind: 'launched' };
      },
      { capabilities: popupCapabilities },
    );
    const coinslot = testCoinslot(fake(), [channel], { platform: 'web' });
    await coinslot.ready();
    const paused = (await coinslot.purchase(gemPack).catch((error: unknown) => error)) as {
      code: string;
      billId: string;
    };
    expect(paused).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED' });
    expect(channel.pay).not.toHaveBeenCalled();
    await expect(coinslot.continuePurchase(paused.billId)).rejects.toMatchObject({ code: 'USER_ACTIVATION_REQUIRED' });
    activation.isActive = true;
    await expect(coinslot.continuePurchase(paused.billId)).resolves.toMatchObject({
      status: 'paid',
      bill: { id: paused.billId },
    });
    expect(channel.pay.mock.calls[0]![0]).toMatchObject({ window: popup });
    expect([...fake().bills.keys()]).toEqual([paused.billId]);
    await expect(coinslot.continuePurchase(paused.billId)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
