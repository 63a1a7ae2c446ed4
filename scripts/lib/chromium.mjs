// @ts-check
/**
 * The one place that knows which browser the tests drive: Debian's Chromium (`apt-get install chromium`;
 * `npm test` installs it when missing, through scripts/prepare-test-machine.mjs). Nothing here ever downloads a browser.
 */

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags of every headless run: no sandbox (containers), no GPU, no background traffic or updates. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch it, headless, with playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
