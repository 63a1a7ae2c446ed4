// The browser's half of the no-network rule: the Chromium every test drives (scripts/lib/chromium.mjs, also the
// Vitest browser projects') resolves no name and no address but loopback's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, LOOPBACK_ONLY, launchChromium } from '../scripts/lib/chromium.mjs';

let server: Server;
let port: number;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.end('on this machine');
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve)); // dual stack: 127.0.0.1 and ::1
  port = (server.address() as AddressInfo).port;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

/** What a fetch from the page returns: the body, or the error's message. */
const fetchFromPage = (url: string) =>
  page.evaluate(async (target) => {
    try {
      return await (await fetch(target)).text();
    } catch (error) {
      return `failed: ${(error as Error).message}`;
    }
  }, url);

describe('Chromium in the tests reaches loopback only', () => {
  it('launches with the loopback-only resolver rules', () => {
    expect(CHROMIUM_ARGS).toContain(LOOPBACK_ONLY);
  });

  it.each(['127.0.0.1', '[::1]', 'localhost'])('a page reaches a server on %s', async (host) => {
    expect(await fetchFromPage(`http://${host}:${port}/`)).toBe('on this machine');
  });

  // Chromium itself resolves every *.localhost name to loopback; only the rules make this one fail.
  it('a name Chromium would resolve to loopback is not resolved when the rules do not list it', async () => {
    expect(await fetchFromPage(`http://shop.localhost:${port}/`)).toBe('failed: Failed to fetch');
  });

  it.each(['https://api.stripe.com/v1/charges', 'http://198.51.100.1/'])('a page cannot reach %s', async (url) => {
    expect(await fetchFromPage(url)).toBe('failed: Failed to fetch');
  });
});
