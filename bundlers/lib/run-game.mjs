// @ts-check
import { exec } from '../../scripts/lib/exec.mjs';

/**
 * What a fixture game prints after `ready()`.
 * @typedef {{ ready: string[], skipped: Array<{ channel: string, reason: string }> }} GameReport
 */

/**
 * @typedef {object} GameRun
 * @property {GameReport} [report] the game's report, when it got that far
 * @property {string} [failure] why there is no report
 * @property {string[]} log console output and page errors, for diagnosis
 */

export { launchChromium } from '../../scripts/lib/chromium.mjs';

/**
 * Open a page and wait for the game's report (`globalThis.coinslotReport`). Polls rather than waiting on one
 * execution context, so a reload (Vite's dev server re-optimising dependencies) does not break the wait.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<GameRun>}
 */
export async function runInBrowser(browser, url, timeoutMs = 20_000) {
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const log = [];
  page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) log.push(`HTTP ${response.status()} ${response.url()}`);
  });
  try {
    await page.goto(url);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const report = await page.evaluate(() => /** @type {any} */ (globalThis).coinslotReport).catch(() => undefined);
      if (report) return { report, log };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { failure: `no report within ${timeoutMs} ms`, log };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error), log };
  } finally {
    await context.close();
  }
}

/**
 * Run a Node fixture and read the JSON report from its last stdout line.
 * @param {readonly string[]} args node's arguments
 * @param {string} cwd
 * @returns {Promise<GameRun>}
 */
export async function runInNode(args, cwd) {
  const result = await exec(process.execPath, args, { cwd, timeoutMs: 30_000 });
  const log = [result.stderr.trim(), result.stdout.trim()].filter(Boolean);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code !== 0) return { failure: `node ${args.join(' ')} exited with ${result.code}`, log };
  try {
    return { report: JSON.parse(last), log };
  } catch {
    return { failure: `no JSON report on the last line: ${last}`, log };
  }
}
