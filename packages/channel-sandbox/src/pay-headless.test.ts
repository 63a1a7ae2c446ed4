import { CoinslotError } from '@coinslot/core';
import { createPayServer, serveNode, type PayServer } from '@coinslot/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHeadless } from './pay-headless.js';
import { readSandboxLaunch, type SandboxLaunch } from './sandbox-launch.js';

let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;

beforeAll(async () => {
  payServer = await createPayServer({ auth: { development: true } });
  node = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await node?.close();
  await payServer?.close();
});

/** A fresh sandbox bill's launch payload, straight from `POST /v1/bills`. */
async function newLaunch(): Promise<SandboxLaunch> {
  const response = await fetch(new URL('/v1/bills', node.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `key-${crypto.randomUUID()}` },
    body: JSON.stringify({
      userId: 'p1',
      itemId: 'gem',
      quantity: 1,
      amount: 100,
      currency: 'USD',
      channel: 'sandbox',
    }),
  });
  return readSandboxLaunch(((await response.json()) as { launch: Record<string, unknown> }).launch);
}

const codeOf = (error: unknown) => (CoinslotError.isInstance(error) ? error.code : error);

describe('payHeadless', () => {
  it('answers a signed receipt in client mode', async () => {
    const outcome = await payHeadless(await newLaunch(), 'client', 'approve', new AbortController().signal);
    expect(outcome).toMatchObject({
      kind: 'proof',
      proof: { decision: 'approve', amount: 100, signature: expect.any(String) },
    });
  });

  it('fails with CHANNEL_LAUNCH_FAILED, naming the server code, when the sandbox refuses the decision', async () => {
    const launch = await newLaunch();
    const forged = { ...launch, decideUrl: launch.decideUrl.replace(/token=[^&]+/, 'token=forged') };
    const error = await payHeadless(forged, 'server', 'approve', new AbortController().signal).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CHANNEL_LAUNCH_FAILED');
    expect((error as Error).message).toContain('400 INVALID_FIELD');
    expect(error).toMatchObject({ retryable: false });
  });

  it('rejects with the abort reason and sends nothing once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(payHeadless(await newLaunch(), 'server', 'approve', controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('readSandboxLaunch', () => {
  it.each([
    {},
    { checkoutUrl: 'http://x/c', decideUrl: '/relative' },
    { checkoutUrl: 'javascript:alert(1)', decideUrl: 'http://x/d' },
  ])('refuses %j with CHANNEL_LAUNCH_FAILED', (launch) => {
    expect(() => readSandboxLaunch(launch)).toThrow(expect.objectContaining({ code: 'CHANNEL_LAUNCH_FAILED' }));
  });
});
