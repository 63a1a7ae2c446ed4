import { runChannelConformance, type DriveContext } from '@coinslot/testing/conformance';
import { startSteamEmulator } from '@coinslot/testing/emulators';
import { afterAll, describe, expect, it } from 'vitest';
import { createSteamChannel } from '../src/index.js';
import { startSteamStack, type SteamStack } from './steam-stack.js';

// The main-process adapter through the real core, against a REAL @coinslot/server whose only driver is the Steam
// driver, which talks to the Steam emulator: every purchase starts a Steam order (InitTxn), the "player" answers the
// dialog in the stand-in's overlay, the callback becomes the proof core reports, and the driver asks Steam
// (QueryTxn, FinalizeTxn) before the server settles the bill. The binding is the steamworks.js stand-in: Steam itself
// cannot run here.
const steam = await startSteamEmulator();
const player = steam.connectClient();
let stack: SteamStack | undefined;
afterAll(() => steam.close());

/** The player answers the dialog Steam shows for this bill's order (for `duplicate`, twice: the callback repeats). */
async function playerAnswers(ctx: DriveContext, answer: 'authorize' | 'decline' | 'cancel'): Promise<void> {
  const orderid = String(ctx.launch.orderid);
  await player.overlay.waitFor(orderid);
  player.overlay[answer](orderid);
}

runChannelConformance({
  name: 'steam (main process) on a real pay server and the Steam emulator',
  channel: () => createSteamChannel({ steam: player }),
  environment: { platform: 'electron-main' },
  server: {
    async start() {
      stack = await startSteamStack({ steam, player });
      return { url: stack.server.url, trustedKeys: stack.server.payServer.publicKeys(), close: stack.close };
    },
  },
  drive: {
    approve: (ctx) => playerAnswers(ctx, 'authorize'),
    decline: (ctx) => playerAnswers(ctx, 'decline'),
    cancel: (ctx) => playerAnswers(ctx, 'cancel'),
  },
});

describe('Steam’s side of those purchases', () => {
  it('finalized exactly the authorized orders, once each, and left no callback handler behind', () => {
    const finalized = steam.calls.filter((call) => call.method === 'FinalizeTxn' && call.status === 200);
    const succeeded = new Set(finalized.map((call) => String(call.params.orderid)));
    expect(succeeded.size).toBeGreaterThanOrEqual(3);
    expect(finalized.length).toBe(succeeded.size);
    for (const orderid of succeeded) expect(steam.order(orderid)?.status).toBe('Succeeded');
    expect(player.handlerCount()).toBe(0);
    expect(stack).toBeDefined();
  });
});
