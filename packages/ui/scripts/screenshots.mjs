#!/usr/bin/env node
// @ts-check
/**
 * `node packages/ui/scripts/screenshots.mjs`: the checkout UI's screenshots in docs/ui/, taken in Debian's Chromium:
 * the default theme on a plain page (a stand-in for core: scripts/plain-page-demo.js), and the web shop's theme on
 * the real shop (its built server, with the provider emulators) for each view a player meets. Build first
 * (`node scripts/build-stale.mjs @coinslot/example-web-shop`). Not a test: it asserts nothing; look at the pictures.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = path.join(ROOT, 'docs/ui');
await mkdir(OUT, { recursive: true });

const { startShopServer } = await import(path.join(ROOT, 'examples/web-shop/dist-server/create-shop-server.js'));
const shop = await startShopServer({ port: 0, emulators: true });
const browser = await launchChromium();
const shot = async (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name) => {
  await page.waitForTimeout(400); // let the dialog's entrance and the spinner settle
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/ui/${name}.png`);
};

try {
  // The default theme, on a plain page.
  const demo = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./plain-page-demo.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const script = demo.outputFiles[0]?.text ?? '';
  for (const lang of ['en', 'zh-CN']) {
    const page = await browser.newPage({ viewport: { width: 760, height: 520 } });
    await page.route('http://demo.local/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body style="margin:0;padding:32px;background:#f6f8fa;font-family:system-ui">
<h1 style="margin:0 0 20px;font-size:22px">Gem shop</h1><div id="checkout"></div>
<button id="buy" style="margin-top:20px;padding:10px 18px;font:inherit">Buy 500 gems · $4.99</button>
<script type="module">${script}</script></body></html>`,
      }),
    );
    await page.goto(`http://demo.local/?lang=${lang}`);
    await page.locator('#checkout .cs-choice').first().waitFor();
    const suffix = lang === 'en' ? '' : '-zh-cn';
    await shot(page, `plain-picker${suffix}`);
    await page.locator('#buy').click();
    await page.locator('#checkout dialog[open][data-view="waiting"]').waitFor();
    await shot(page, `plain-waiting${suffix}`);
    await page.close();
  }

  // The web shop's theme, on the real shop with the emulators.
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  await page.goto(shop.url);
  await page.locator('#login-name').fill('screenshots');
  await Promise.all([page.waitForEvent('load'), page.locator('#login button[type="submit"]').click()]);
  const ready = () => page.locator('button[data-item="coins-550"]:enabled').waitFor();
  await ready();
  await shot(page, 'shop-picker');

  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('button[data-item="coins-550"]').click(),
  ]);
  await page.locator('#channels dialog[open][data-view="waiting"]').waitFor();
  await shot(page, 'shop-waiting');
  await popup.locator('#approve:enabled').click();
  await page.locator('#channels dialog[open][data-view="delivered"]').waitFor();
  await shot(page, 'shop-delivered');
  await page.keyboard.press('Enter');

  const [again] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('button[data-item="coins-100"]').click(),
  ]);
  await again.locator('#approve:enabled').waitFor();
  await page.reload();
  await page.locator('#channels .cs-bar[data-kind="recovering"]').waitFor();
  await ready();
  await shot(page, 'shop-recovering');
  await again.locator('#approve').click();
  await page.locator('#channels .cs-bar[data-kind="recovered"]').waitFor();
  await shot(page, 'shop-recovered');

  await page.getByRole('radio', { name: 'WeChat Pay' }).check();
  await page.locator('button[data-item="coins-550"]').click();
  await page.locator('dialog.coinslot-qr[open] .emulator-scan').waitFor();
  await shot(page, 'shop-qr');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.locator('#channels dialog[open][data-view="result"]').waitFor();
  await page.keyboard.press('Enter');

  await page.getByRole('radio', { name: 'Sandbox' }).check();
  // A Buy without user activation (Playwright's evaluate is a gesture: click from a timer after its 5 s).
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        setTimeout(
          () =>
            resolve(document.querySelector('button[data-item="coins-550"]')?.dispatchEvent(new MouseEvent('click'))),
          5_500,
        ),
      ),
  );
  await page.locator('#channels dialog[open][data-view="continue"]').waitFor();
  await shot(page, 'shop-continue');
  await page.locator('#channels dialog[open] [data-action="cancel"]').click();

  await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
  await page.locator('button[data-item="coins-550"]').click();
  await page.locator('#channels dialog[open][data-view="error"]').waitFor();
  await shot(page, 'shop-server-down');
  await context.close();
} finally {
  await browser.close();
  await shop.close();
}
