#!/usr/bin/env node
import { hashPasswordFromStdin } from './admin/console/hash-password-command.js';
import { parseCliArgs } from './config/cli-args.js';
import { cliHelp } from './config/cli-help.js';
import { buildStartOptions } from './config/build-start-options.js';
import { CHANNELS } from './config/driver-registry.js';
import { loadConfigFile } from './config/load-config.js';
import { parseConfig } from './config/parse-config.js';
import { generateServerKey } from './config/server-key.js';
import { generateWebhookSecret } from './events/webhook-secret.js';
import type { PayServerLogger } from './options.js';
import { startPayServer } from './start-pay-server.js';
import { dataDirFiles } from './store/data-dir.js';

const NO_CONFIG =
  'no configuration: start with --config coinslot.config.json (see --help and docs/server-config.md), or --dev for local development';

const logger: PayServerLogger = {
  info: (message, data) => console.log(message, data ?? ''),
  warn: (message, data) => console.warn(message, data ?? ''),
  error: (message, data) => console.error(message, data ?? ''),
};

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === 'help') return void process.stdout.write(cliHelp(CHANNELS));
  if (command.kind === 'keygen') {
    const key = command.what === 'webhook-secret' ? generateWebhookSecret() : generateServerKey();
    return void process.stdout.write(`${key}\n`);
  }
  if (command.kind === 'hash-password') return void process.stdout.write(`${await hashPasswordFromStdin()}\n`);
  if (command.configPath === undefined && !command.dev) throw new Error(NO_CONFIG);

  const file =
    command.configPath === undefined ? { raw: {}, baseDir: process.cwd() } : await loadConfigFile(command.configPath);
  const raw =
    typeof file.raw === 'object' && file.raw !== null && !Array.isArray(file.raw)
      ? { ...file.raw, ...command.overrides }
      : file.raw;
  const config = await parseConfig(raw, file.baseDir);
  const plan = await buildStartOptions(config, { env: process.env, registry: CHANNELS, logger });
  // Listen for a stop before the server exists, so a SIGTERM during start-up ends the process cleanly (exit 0) too.
  let server: Awaited<ReturnType<typeof startPayServer>> | undefined;
  const stop = () => {
    void (server?.close() ?? Promise.resolve())
      .then(() => plan.bus?.bus.close())
      .then(() => plan.database?.store.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  server = await startPayServer(plan.options);
  // The banners go out on every start, last before the URL, so no log scrolls them away unseen.
  for (const banner of plan.banners) console.warn(`*** ${banner}`);
  if (plan.keyCreated) console.log(`Created signing key ${plan.options.signingKey!.kid} in ${config.keyFile}`);
  const dataDir = plan.options.dataDir;
  console.log(
    plan.database
      ? `Bills are kept in PostgreSQL at ${plan.database.where}`
      : dataDir === undefined
        ? 'Bills are kept in memory: lost on exit'
        : `Bills are kept in ${dataDirFiles(dataDir).bills}`,
  );
  console.log(
    plan.bus ? `Wake-ups between instances: ${plan.bus.where}` : 'Wake-ups: this process only (one instance)',
  );
  const webhook = plan.webhook;
  if (webhook === undefined) console.log('Events: GET /v1/events only (no events.webhookUrl)');
  else if (webhook.scheme === 'hmac-sha256')
    console.log(`Webhooks: POST ${webhook.url}, signed with HMAC-SHA256 (events.secret)`);
  else {
    if (webhook.keyCreated) console.log(`Created webhook signing key in ${webhook.keyFile}`);
    console.log(`Webhooks: POST ${webhook.url}, signed with Ed25519; public key ${webhook.publicKey}`);
  }
  for (const [appId, hook] of Object.entries(plan.appWebhooks)) {
    const signing = hook.scheme === 'ed25519' ? `Ed25519; public key ${hook.publicKey}` : 'HMAC-SHA256';
    console.log(`Webhooks of game ${appId}: POST ${hook.url}, signed with ${signing}`);
  }
  console.log(`Mode: ${config.mode}; channels: ${plan.options.drivers!.map((driver) => driver.id).join(', ')}`);
  for (const [appId, app] of Object.entries(plan.options.apps ?? {}))
    console.log(`Game ${appId} (notify paths /apps/${appId}/v1/notify/…): ${app.drivers.map((d) => d.id).join(', ')}`);
  console.log(`Coinslot pay server listening on ${server.url} (result key ${plan.options.signingKey!.kid})`);
}

main().catch((error: unknown) => {
  console.error(`coinslot-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
