// `npm start` (from the repository root) builds what is stale, then runs this: the pay server, the shop's game
// backend and the shop page in one Node process on http://127.0.0.1:8787/ (or $PORT). It runs the code the browser
// tests run. `npm start -- --emulators` offers Stripe, Alipay and WeChat Pay too, each against its emulator on
// loopback (started in this process); without the flag nothing of them is loaded.
import { parseArgs } from 'node:util';
import { startShopServer } from '../dist-server/create-shop-server.js';

let emulators;
try {
  emulators = parseArgs({ options: { emulators: { type: 'boolean', default: false } } }).values.emulators;
} catch (error) {
  console.error(`${error.message}: the one option is --emulators (npm start -- --emulators)`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number: set PORT to one from 0 to 65535 (0: any free port)`);
  process.exit(1);
}
const shop = await startShopServer({
  port,
  host: '127.0.0.1',
  keyFile: '.coinslot/server-key.json',
  walletFile: '.coinslot/shop-wallets.json', // the game backend's coins: a player keeps them across restarts
  log: (line) => console.log(`backend: ${line}`), // each grant and take-back, as the webhooks arrive
  emulators,
}).catch((error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is in use: set PORT=… (PORT=8788 npm start) or stop the other process`);
  process.exit(1);
});
console.log(`Coinslot web shop: ${shop.url}`);
if (emulators) {
  console.log(`Channels: ${shop.channels.join(', ')}. Every provider is an emulator on this machine:`);
  for (const emulator of shop.emulators) console.log(`  ${emulator.channel}: ${emulator.name} at ${emulator.listens}`);
  console.log('No real provider is contacted: every driver talks to an emulator on 127.0.0.1, with test keys.');
  console.log('Steam is not offered here: it runs only in Electron (examples/electron-game).');
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    shop.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
