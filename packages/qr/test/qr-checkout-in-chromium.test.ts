// The view in a real page of Debian's Chromium (the engine of an Electron renderer) under a strict Content Security
// Policy — no inline script or style, Trusted Types required — driven by the keyboard alone: the dialog is visible
// and on top, Close is reachable and works, Escape works, the focus returns, and the browser reports no violation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title><script type="module" src="/shop.js"></script></head>
<body><h1>Shop</h1><button id="pay">Pay with Alipay</button><output id="outcome"></output></body></html>`;

// The shop's script: a Pay button that shows the view and writes how it ended; CSP violations are kept.
const SHOP = `
import { showQrCheckout } from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
const outcome = document.querySelector('#outcome');
document.querySelector('#pay').addEventListener('click', async () => {
  outcome.textContent = 'open';
  outcome.textContent = await showQrCheckout({
    text: 'https://qr.alipay.com/bax08431nxzs5gqcf5xy0074', amount: 8800, currency: 'CNY',
    expiresAt: Date.now() + 120_000, title: 'Scan with Alipay', locale: 'zh-CN', signal: new AbortController().signal,
  });
});
window.shopReady = true;
`;

let server: Server;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: SHOP, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.contents;
  server = createServer((request, response) => {
    const body = request.url === '/shop.js' ? script : request.url === '/' ? PAGE : undefined;
    if (body === undefined) return void response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
    response.writeHead(200, {
      'content-type': request.url === '/' ? 'text/html; charset=utf-8' : 'text/javascript',
      'content-security-policy': CSP,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => (window as { shopReady?: boolean }).shopReady === true);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const focused = () => page.evaluate(() => document.activeElement?.textContent ?? null);
const outcome = () => page.locator('#outcome').textContent();

describe('the QR view in Chromium under a strict CSP, by keyboard', () => {
  it('opens from the keyboard, visible and on top, with the focus on Close', async () => {
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Pay with Alipay');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Scan with Alipay' });
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getByRole('img', { name: 'Payment QR code' }).isVisible()).toBe(true);
    expect(await dialog.getByText('¥88.00').isVisible()).toBe(true);
    expect(await dialog.getByRole('timer').textContent()).toMatch(/^0[12]:\d\d$/);
    expect(await focused()).toBe('Close');
    // The stylesheet applied (240 px code) and nothing covers the code's centre.
    const box = await dialog.locator('svg').boundingBox();
    expect(box?.width).toBe(240);
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('svg')?.getAttribute('aria-label') ?? null,
      [box!.x + box!.width / 2, box!.y + box!.height / 2],
    );
    expect(onTop).toBe('Payment QR code');
  });

  it('closes with Enter on Close, gone from the page, the focus back on Pay', async () => {
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await outcome()).toBe('closed');
    expect(await focused()).toBe('Pay with Alipay');
  });

  it('opens again with Enter and closes with Escape', async () => {
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Scan with Alipay' }).waitFor({ state: 'visible' });
    expect(await outcome()).toBe('open');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await outcome()).toBe('closed');
    expect(await focused()).toBe('Pay with Alipay');
  });

  it('caused no CSP or Trusted Types violation and no console error', async () => {
    expect(await page.evaluate(() => (window as { violations?: string[] }).violations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('would have caught one: the policy is in force on this page (a style attribute, an innerHTML write)', async () => {
    const refused = await page.evaluate(async () => {
      const probe = document.createElement('p');
      document.body.append(probe);
      probe.setAttribute('style', 'color: red');
      let innerHtml = 'allowed';
      try {
        probe.innerHTML = '<b>markup</b>';
      } catch (error) {
        innerHtml = (error as Error).name;
      }
      await new Promise((resolve) => setTimeout(resolve, 50)); // violation events are queued
      probe.remove();
      return { innerHtml, violations: (window as { violations?: string[] }).violations ?? [] };
    });
    expect(refused.innerHtml).toBe('TypeError');
    expect(refused.violations.map((v) => v.split(' ')[0])).toEqual(
      expect.arrayContaining(['style-src-attr', 'require-trusted-types-for']),
    );
  });
});
