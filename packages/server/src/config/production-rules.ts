import { ConfigError, type ConfigProblem } from './config-error.js';
import type { ChannelRegistry } from './driver-registry.js';
import { isSecureWebhookUrl } from './events-config.js';
import type { AppConfig, ServerConfig } from './server-config.js';

/**
 * What production mode refuses to start with, each a problem naming its field: a deployment that takes real money
 * needs a public https URL (launch URLs are never built from a request's Host header), the server's own prices,
 * real player identity, an explicit list of browser origins, a durable store and real channels — never the sandbox.
 */
export function productionProblems(config: ServerConfig, registry: ChannelRegistry): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const refuse = (field: string, message: string) => problems.push({ field, message });
  if (config.publicUrl === undefined)
    refuse('publicUrl', 'is required: the https URL players and channels reach this server at');
  else if (!config.publicUrl.startsWith('https://')) refuse('publicUrl', `must be https (got ${config.publicUrl})`);
  if (config.catalog === undefined || Object.keys(config.catalog).length === 0) {
    refuse('catalog', 'is required: the server prices every bill (a client could otherwise name its own price)');
  }
  const auth = config.auth;
  if (auth === undefined || auth.development) {
    refuse('auth', 'needs playerTokens or serverKeys: development auth trusts any caller to act for any player');
  }
  const jwksUrl = auth?.playerTokens?.jwksUrl;
  if (jwksUrl !== undefined && !jwksUrl.startsWith('https://'))
    refuse('auth.playerTokens.jwksUrl', 'must be https: whoever swaps these keys mints players');
  if (config.corsOrigins === undefined)
    refuse(
      'corsOrigins',
      'is required: the origins your game pages are served from ([] when no browser calls this server)',
    );
  else if (config.corsOrigins === '*')
    refuse('corsOrigins', '"*" is for development: list the origins your game pages are served from');
  if (config.returnUrlOrigins === '*')
    refuse('returnUrlOrigins', '"*" is for development: it makes every checkout an open redirect');
  if (config.store === 'memory')
    refuse('store', '"memory" loses every bill, paid ones included, on each restart: use "sqlite" or "postgres"');
  const webhookUrl = config.events.webhookUrl;
  if (webhookUrl !== undefined && !isSecureWebhookUrl(webhookUrl))
    refuse('events.webhookUrl', `must be https (http only to a loopback address); got ${webhookUrl}`);
  const channels = Object.keys(config.channels ?? {});
  if (channels.length === 0) refuse('channels', 'no channel is configured (the sandbox runs only in development)');
  for (const id of channels) {
    if (registry[id]?.production === false)
      refuse(`channels.${id}`, `the ${id} channel is for development only (${registry[id]!.description})`);
  }
  for (const [id, app] of Object.entries(config.apps ?? {})) appProblems(`apps.${id}`, app, registry, refuse);
  return problems;
}

/** What production refuses in one game of `apps`: a development-only channel, an insecure JWKS or webhook URL. */
function appProblems(
  field: string,
  app: AppConfig,
  registry: ChannelRegistry,
  refuse: (field: string, message: string) => void,
): void {
  const jwksUrl = app.auth.playerTokens?.jwksUrl;
  if (jwksUrl !== undefined && !jwksUrl.startsWith('https://'))
    refuse(`${field}.auth.playerTokens.jwksUrl`, 'must be https: whoever swaps these keys mints players');
  const webhookUrl = app.events.webhookUrl;
  if (webhookUrl !== undefined && !isSecureWebhookUrl(webhookUrl))
    refuse(`${field}.events.webhookUrl`, `must be https (http only to a loopback address); got ${webhookUrl}`);
  const channels = Object.keys(app.channels);
  if (channels.length === 0) refuse(`${field}.channels`, 'no channel is configured');
  for (const id of channels) {
    if (registry[id]?.production === false)
      refuse(`${field}.channels.${id}`, `the ${id} channel is for development only (${registry[id]!.description})`);
  }
}

/** Throws one `ConfigError` listing every production problem, if there is any. */
export function assertProductionReady(config: ServerConfig, registry: ChannelRegistry): void {
  if (config.mode !== 'production') return;
  const problems = productionProblems(config, registry);
  if (problems.length > 0) {
    throw new ConfigError(
      problems,
      'production mode refuses to start (use --dev or "mode": "development" for local development)',
    );
  }
}
