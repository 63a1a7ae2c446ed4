import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnPageMessage } from './support/checkout-player.js';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// The page Stripe sends the player to after Checkout, served by the driver on the real pay server.
let stack: StripeStack;
beforeAll(async () => void (stack = await startStripeStack()));
afterAll(() => stack.close());

describe('the return page', () => {
  it('tells the game how the player left Checkout, with no more than the bill id', async () => {
    expect(await returnPageMessage(`${stack.url}/v1/stripe/return/b_abc?status=completed&session_id=cs_1`)).toEqual({
      source: 'coinslot-stripe',
      billId: 'b_abc',
      status: 'completed',
    });
    expect(await returnPageMessage(`${stack.url}/v1/stripe/return/b_abc?status=cancelled`)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('goes on to the driver’s returnUrl after a redirect, and runs only its own script (CSP nonce, no framing)', async () => {
    const response = await fetch(`${stack.url}/v1/stripe/return/b_abc?status=completed`);
    const html = await response.text();
    expect(html).toContain('"returnUrl":"https://game.test/shop"');
    const policy = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    ['a bill id outside the protocol’s rule', '/v1/stripe/return/b%3Cscript%3E?status=completed', 'GET'],
    ['another path', '/v1/stripe/elsewhere', 'GET'],
    ['a POST', '/v1/stripe/return/b_abc?status=completed', 'POST'],
  ])('answers 404 for %s', async (_, path, method) => {
    expect((await fetch(`${stack.url}${path}`, { method })).status).toBe(404);
  });
});
