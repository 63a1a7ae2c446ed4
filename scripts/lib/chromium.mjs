// @ts-check
/**
 * The one place that knows which browser the tests drive: Debian's Chromium (`apt-get install chromium`;
 * `npm test` installs it when missing, through scripts/prepare-test-machine.mjs). Nothing here ever downloads a browser.
 */

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The only names and addresses the test browser may reach: every other host name and IP address resolves to
 * nothing (Chromium applies the rules to address literals too), so a page never reaches off this machine —
 * the browser's half of the tests' no-network rule (docs/testing.md).
 */
export const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1';

/** The flags of every headless run: no sandbox (containers), no GPU, no background traffic or updates, loopback only. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  LOOPBACK_ONLY,
];

/** Launch it, headless, with playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
