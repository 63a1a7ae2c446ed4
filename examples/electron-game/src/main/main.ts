// The Electron main process: glue only. Every decision is made in the plain modules it wires together, which the
// tests run in Node (see the README's "What is tested how").
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { GAME_HOST, GAME_ORIGIN, GAME_SCHEME } from '../shared/game-origin.js';
import { createBridgeHandlers } from './bridge-handlers.js';
import { GAME_CONFIG_FILE, gamePageUrl, readGameConfig } from './game-config.js';
import { createGrantService } from './grant-service.js';
import { openPlayerSave } from './player-save.js';
import { createPlayerSession } from './player-session.js';
import { createRendererFiles } from './renderer-files.js';
import { createSignedResultCheck } from './signed-result-check.js';
import { createWindowPolicy } from './window-policy.js';

const secure = { contextIsolation: true, nodeIntegration: false, sandbox: true };

// app://game is a standard, secure origin: IndexedDB (core's journal), Web Locks and fetch work as on https.
protocol.registerSchemesAsPrivileged([
  { scheme: GAME_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

async function start(): Promise<void> {
  // The pay server, its pinned keys and the game backend come from the file the app ships, nothing else.
  const config = await readGameConfig(join(app.getAppPath(), GAME_CONFIG_FILE));
  const { payServer, trustedKeys } = config;
  const policy = createWindowPolicy({ gameOrigin: GAME_ORIGIN, payServer });
  const save = await openPlayerSave(join(app.getPath('userData'), 'save'));
  const player = createPlayerSession({ gameBackend: config.gameBackend, playerId: save.playerId });
  const service = createGrantService({
    save,
    signedResultOf: createSignedResultCheck({ payServer, trustedKeys, playerToken: player.playerToken }),
  });
  const handlers = createBridgeHandlers(service, {
    gameOrigin: GAME_ORIGIN,
    payServer: { url: payServer, trustedKeys },
    session: player,
  });
  for (const [channel, handle] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, payload: unknown) => handle(event.senderFrame?.url ?? '', payload));
  }
  const files = createRendererFiles({ root: join(app.getAppPath(), 'dist/renderer'), payServer });
  protocol.handle(GAME_SCHEME, (request) =>
    new URL(request.url).host === GAME_HOST ? files(request) : new Response(null, { status: 404 }),
  );
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 960,
    height: 720,
    title: 'Coin Shop',
    webPreferences: { ...secure, preload: join(app.getAppPath(), 'dist/preload/preload.cjs') },
  });
  const { webContents } = window;
  webContents.setWindowOpenHandler((details) =>
    policy.mayOpen(details)
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: {
            parent: window,
            width: 480,
            height: 720,
            autoHideMenuBar: true,
            webPreferences: secure,
          },
        }
      : { action: 'deny' },
  );
  webContents.on('did-create-window', (popup) => {
    const guard = (event: { preventDefault(): void }, url: string) =>
      void (policy.popupMayNavigate(url) || event.preventDefault());
    popup.webContents.on('will-navigate', guard);
    popup.webContents.on('will-redirect', guard);
  });
  webContents.on('will-navigate', (event, url) => void (policy.gameMayNavigate(url) || event.preventDefault()));
  await window.loadURL(gamePageUrl());
}

// One main process owns the save folder (createFileStorage supports one writer process).
if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('The game could not start:', error);
      app.exit(1);
    });
}
