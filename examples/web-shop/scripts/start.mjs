// `npm start` (from the repository root) builds everything, then runs this: the pay server and the shop page in
// one Node process on http://127.0.0.1:8787/ (or $PORT). It runs the code the browser test runs.
import { startShopServer } from '../dist-server/create-shop-server.js';

const port = Number(process.env.PORT ?? 8787);
const shop = await startShopServer({ port, host: '127.0.0.1', keyFile: '.coinslot/server-key.json' });
console.log(`Coinslot web shop: ${shop.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    shop.close().then(() => process.exit(0), () => process.exit(1));
  });
}
