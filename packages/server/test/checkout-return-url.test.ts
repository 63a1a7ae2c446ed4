import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver } from '../src/index.js';
import { closeAllServers, createBill, SANDBOX_SECRET, startTestServer, type TestServer } from './helpers.js';

afterEach(closeAllServers);

async function checkout(server: TestServer, returnUrl: string) {
  const { body } = await createBill(server);
  const response = await fetch(`${body.launch.checkoutUrl}&returnUrl=${encodeURIComponent(returnUrl)}`);
  const text = await response.text();
  return { status: response.status, text };
}

/** The returnUrl the page will follow, from its config script. */
const followed = (html: string) =>
  JSON.parse(/<script type="application\/json" id="checkout-config">(.*?)<\/script>/s.exec(html)![1]!).returnUrl;

const gameServer = () =>
  startTestServer({
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET, returnUrlOrigins: ['https://game.example'] })],
  });

describe('the sandbox checkout returnUrl', () => {
  it.each([
    ['another origin', 'https://evil.example/shop'],
    ['a scheme-relative //host', '//evil.example/shop'],
    ['a /\\host', '/\\evil.example/shop'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a path on the pay server', '/shop'],
  ])('refuses %s with 400 INVALID_FIELD returnUrl', async (_what, returnUrl) => {
    const server = await gameServer();
    const answer = await checkout(server, returnUrl);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: 'INVALID_FIELD', field: 'returnUrl' });
  });

  it('takes a URL on an allowed origin, and the page follows the checked URL', async () => {
    const server = await gameServer();
    const answer = await checkout(server, 'https://game.example/shop?level=3');
    expect(answer.status).toBe(200);
    expect(followed(answer.text)).toBe('https://game.example/shop?level=3');
  });

  it('takes the pay server’s own origin by default, and nothing else', async () => {
    const server = await startTestServer();
    expect((await checkout(server, `${server.url}/back`)).status).toBe(200);
    expect((await checkout(server, 'https://game.example/shop')).status).toBe(400);
  });

  it('never reads returnUrl from the page’s own query string', async () => {
    const server = await gameServer();
    const { text } = await checkout(server, 'https://game.example/');
    expect(text).not.toContain("params.get('returnUrl')");
    const without = await fetch((await createBill(server)).body.launch.checkoutUrl);
    expect(followed(await without.text())).toBeNull();
  });
});
