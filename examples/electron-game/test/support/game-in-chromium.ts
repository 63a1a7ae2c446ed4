import { serveNode, type NodeListener } from '@coinslot/server';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startGameServers, type RunningGameServers } from '../../server/start-game-servers.js';
import { createBridgeHandlers } from '../../src/main/bridge-handlers.js';
import { gamePageUrl } from '../../src/main/game-config.js';
import { createGrantService } from '../../src/main/grant-service.js';
import { openPlayerSave, type PlayerSave } from '../../src/main/player-save.js';
import { createPlayerSession } from '../../src/main/player-session.js';
import { createRendererFiles } from '../../src/main/renderer-files.js';
import { createSignedResultCheck } from '../../src/main/signed-result-check.js';
import { createWindowPolicy, type WindowPolicy } from '../../src/main/window-policy.js';
import type { BridgeChannel } from '../../src/shared/bridge-contract.js';
import { launchChromium } from '../../../../scripts/lib/chromium.mjs';
import { buildGame } from './build-game.js';
import { TEST_SERVER_KEY } from './pay-server.js';

/** The name of the binding that stands in for `ipcRenderer.invoke`. */
const INVOKE = '__gameIpcInvoke';

/**
 * The BUILT preload bundle (CommonJS) run in the page before its scripts, with the two Electron objects it uses
 * stood in for: `contextBridge.exposeInMainWorld` defines `window.game`, `ipcRenderer.invoke` calls the Playwright
 * binding, which runs the main process's real handlers in Node. (Inlined, not eval'd: the page's CSP forbids eval.)
 */
function preloadInPage(preloadBundle: string): string {
  return `(() => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true }) },
    ipcRenderer: { invoke: (channel, payload) => window.${INVOKE}(channel, payload) },
  };
  const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload cannot require ' + name); };
  const module = { exports: {} };
  (function (module, exports, require) {
${preloadBundle}
  })(module, module.exports, require);
})();`;
}

/** One game window: the page, and the main process's save behind its bridge. */
export interface GameWindow {
  page: Page;
  save: PlayerSave;
  saveDir: string;
}

/** The game as the Chromium tests see it. */
export interface GameInChromium {
  /** The pay server's URL. */
  payServer(): string;
  /** The game's backend and pay server, and the configuration the main process is given. */
  servers(): RunningGameServers;
  /** The main process's window policy for this run (the game's origin is the loopback server's here). */
  policy(): WindowPolicy;
  /**
   * Open the built game in a fresh browser profile (its own IndexedDB journal) with a main process whose save lives
   * in `saveDir`, and wait until the shop is open and recovery is done. `pageUrl` replaces the page's URL (the same
   * origin), as a compromised page could navigate itself.
   */
  openGame(
    saveDir: string,
    options?: { context?: BrowserContext; pageUrl?: (url: string) => string },
  ): Promise<GameWindow>;
  /** A fresh browser profile, closed after the test. */
  newContext(): Promise<BrowserContext>;
}

/**
 * Build the game, serve its renderer over loopback with the main process's own `app://` handler (and CSP), start the
 * game's backend and pay server (CORS open to that origin only) and one Chromium for the test file. Each game window
 * gets the main process's modules with the configuration `npm start` writes to game-config.json.
 */
export function useGameInChromium(): GameInChromium {
  let outdir: string;
  let preloadBundle: string;
  let site: NodeListener;
  let servers: RunningGameServers;
  let browser: Browser;
  let gameOrigin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ outdir } = await buildGame());
    preloadBundle = await readFile(join(outdir, 'preload/preload.cjs'), 'utf8');
    let files: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
    site = await serveNode((request) => files(request), { port: 0 });
    gameOrigin = new URL(site.url).origin;
    servers = await startGameServers({ port: 0, corsOrigins: [gameOrigin], serverKeys: [TEST_SERVER_KEY] });
    files = createRendererFiles({ root: join(outdir, 'renderer'), payServer: servers.config.payServer });
    browser = await launchChromium(); // Debian's Chromium; nothing downloads a browser
  }, 60_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await servers?.close();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  const newContext = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  };

  return {
    payServer: () => servers.config.payServer,
    servers: () => servers,
    policy: () => createWindowPolicy({ gameOrigin, payServer: servers.config.payServer }),
    newContext,
    async openGame(saveDir, options = {}) {
      const { payServer, trustedKeys, gameBackend } = servers.config;
      const save = await openPlayerSave(saveDir);
      const session = createPlayerSession({ gameBackend, playerId: save.playerId });
      const service = createGrantService({
        save,
        signedResultOf: createSignedResultCheck({ payServer, trustedKeys, playerToken: session.playerToken }),
      });
      const handlers = createBridgeHandlers(service, {
        gameOrigin,
        payServer: { url: payServer, trustedKeys },
        session,
      });
      const page = await (options.context ?? (await newContext())).newPage();
      // ipcMain.handle(channel, (event, payload) => handler(event.senderFrame.url, payload)), with the calling frame's URL.
      await page.exposeBinding(
        INVOKE,
        ({ frame }, channel: BridgeChannel, payload: unknown) =>
          handlers[channel]?.(frame.url(), payload) ?? {
            ok: false,
            error: { code: 'INTERNAL', message: `INTERNAL: no channel ${channel}` },
          },
      );
      await page.addInitScript({ content: preloadInPage(preloadBundle) });
      const url = gamePageUrl(gameOrigin);
      await page.goto(options.pageUrl?.(url) ?? url);
      await gameReady(page);
      return { page, save, saveDir };
    },
  };
}

/** Wait until the shop is open: Buy enabled, recovery done, the coins shown. */
export async function gameReady(page: Page): Promise<void> {
  await page.locator('button[data-item="coins-550"]:enabled').waitFor();
  await page.locator('#log li[data-state="recovery-done"]').waitFor();
  await page.locator('#coins[data-coins]').waitFor();
}

/** The coins the page shows once it shows `expected` (a wrong balance fails with a timeout). */
export async function coinsShown(page: Page, expected: number): Promise<number> {
  await page.locator(`#coins[data-coins="${expected}"]`).waitFor({ timeout: 10_000 });
  return Number(await page.locator('#coins').getAttribute('data-coins'));
}
