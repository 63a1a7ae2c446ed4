// `npm start` in this folder builds the game (see package.json), then runs this: the game's backend (a free port) and
// pay server (http://127.0.0.1:8787, or $PORT), then writes game-config.json — the file a studio ships with the app:
// both addresses and the pay server's public keys, read from the pay server in this process — and runs Electron on
// this folder. The main process reads only that file: no environment variable or page URL can point it elsewhere.
// Electron is the one package `npm ci` does not install (its binary downloads from outside the npm registry):
// without it, this prints how to install it and exits with code 1.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The Electron binary's path (what `require('electron')` answers in Node), or why there is none. */
function findElectron() {
  try {
    return { binary: createRequire(import.meta.url)('electron') };
  } catch (error) {
    const missing = error?.code === 'MODULE_NOT_FOUND' && /'electron'/.test(String(error.message).split('\n')[0]);
    return {
      problem: missing
        ? 'Electron is not installed'
        : `Electron is installed but cannot start (${error?.message ?? error})`,
    };
  }
}

const electron = findElectron();
if (typeof electron.binary !== 'string') {
  console.error(`${electron.problem ?? 'Electron was not found'}, so the game cannot open.

Electron's binary downloads from outside the npm registry, so \`npm ci\` leaves it out. Install it once:

  cd examples/electron-game
  npm install --no-save electron

then run \`npm start\` in examples/electron-game again. (The tests need no Electron: see the README.)`);
  process.exit(1);
}

const { startGameServers } = await import('../dist-server/start-game-servers.js');
const server = await startGameServers({
  port: Number(process.env.PORT ?? 8787),
  keyFile: here('.coinslot/server-key.json'),
});
await writeFile(here('game-config.json'), `${JSON.stringify(server.config, null, 2)}\n`);
console.log(
  `Coinslot pay server: ${server.config.payServer}, game backend: ${server.config.gameBackend} — starting Electron`,
);

const game = spawn(electron.binary, [here('.')], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => game.kill(signal));
game.on('error', (error) => {
  console.error(`Electron could not start: ${error.message}`);
  server.close().finally(() => process.exit(1));
});
game.on('exit', (code) => {
  server.close().finally(() => process.exit(code ?? 0));
});
