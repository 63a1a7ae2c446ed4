// @ts-check
// The micro-bench's server child: a real pay server over `serveNode` with one sandbox bill, so the parent (the client)
// measures only its own CPU. `--signer node|web` picks the server's `signer` option. Prints `{ url, billId }`.
import { parseArgs } from 'node:util';
import { seedBills } from '../server/seed-bills.mjs';

const { values } = parseArgs({ options: { signer: { type: 'string', default: 'node' } } });
const server = await import('@coinslot/server');
const signer = values.signer === 'web' ? server.webCryptoEs256Sign : server.nodeEs256Sign;
const payServer = await server.createPayServer({
  auth: { development: true },
  drivers: [server.createSandboxDriver({})],
  signer,
  logger: { info() {}, warn() {}, error() {} },
});
const listener = await server.serveNode(payServer.handle);
const [bill] = await seedBills(payServer, listener.url, { count: 1, tag: 'micro' });
process.stdout.write(`${JSON.stringify({ url: listener.url, billId: bill?.id })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
