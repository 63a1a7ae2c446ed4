#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readCatalog, readOrCreateKey, readOrCreateSecret } from './cli-files.js';
import { createSandboxDriver } from './drivers/sandbox/sandbox-driver.js';
import { startPayServer } from './start-pay-server.js';
import { dataDirFiles } from './store/data-dir.js';

const HELP = `coinslot-server — the Coinslot reference pay server (protocol v1)

Usage: coinslot-server [options]

  --port <n>          port to listen on (default 8787; 0 = any free port)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --key-file <path>   private result-signing key (JWK); created with mode 0600 on first start
                      (default .coinslot/server-key.json)
  --data-dir <path>   where bills and idempotency keys live, durably (SQLite; default .coinslot/data);
                      also keeps the sandbox secret when none is given
  --store <kind>      sqlite (default: durable, in --data-dir) or memory (lost on exit; for experiments)
  --catalog <path>    JSON price list { "<itemId>": { "amount": 499, "currency": "USD" } }
  --public-url <url>  base URL for launch payload URLs (default: each request's origin)
  --sandbox-secret <s> the sandbox channel's secret (default: $COINSLOT_SANDBOX_SECRET, else one kept in
                      --data-dir, else random)
  --dev               development mode: the sandbox channel (free "Approve" button) and no player
                      identity (any caller acts for any player). Never for real money.
  -h, --help          this text
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'key-file': { type: 'string', default: '.coinslot/server-key.json' },
      'data-dir': { type: 'string', default: '.coinslot/data' },
      store: { type: 'string', default: 'sqlite' },
      catalog: { type: 'string' },
      'public-url': { type: 'string' },
      'sandbox-secret': { type: 'string' },
      dev: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!values.dev) {
    throw new Error('no way to identify players is configured: start with --dev for local development (sandbox, no identity)');
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, not ${values.port}`);
  if (values.store !== 'sqlite' && values.store !== 'memory') throw new Error(`--store must be sqlite or memory, not ${values.store}`);
  const dataDir = values.store === 'sqlite' ? values['data-dir'] : undefined;
  const { key, created } = await readOrCreateKey(values['key-file']);
  const sandboxSecret =
    values['sandbox-secret'] ??
    process.env.COINSLOT_SANDBOX_SECRET ??
    (dataDir === undefined ? undefined : await readOrCreateSecret(dataDirFiles(dataDir).sandboxSecret));
  const server = await startPayServer({
    auth: { development: true },
    port,
    host: values.host,
    dataDir,
    signingKey: key,
    catalog: values.catalog === undefined ? undefined : await readCatalog(values.catalog),
    publicUrl: values['public-url'],
    drivers: [createSandboxDriver({ secret: sandboxSecret })],
    logger: {
      info: (message, data) => console.log(message, data ?? ''),
      warn: (message, data) => console.warn(message, data ?? ''),
      error: (message, data) => console.error(message, data ?? ''),
    },
  });
  console.warn('DEVELOPMENT MODE: the sandbox channel approves payments for free and any caller acts for any player. Never take real money with --dev.');
  if (created) console.log(`Created signing key ${key.kid} in ${values['key-file']}`);
  console.log(dataDir === undefined ? 'Bills are kept in memory: lost on exit' : `Bills are kept in ${dataDirFiles(dataDir).bills}`);
  console.log(`Coinslot pay server listening on ${server.url} (result key ${key.kid})`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`coinslot-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
