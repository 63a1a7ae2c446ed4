import type { AuthOptions } from '../auth/auth-options.js';
import type { ChannelDriver } from '../drivers/channel-driver.js';
import type { EventOptions } from '../events/event-options.js';
import type { CatalogPrice } from '../options.js';

/**
 * One more game (app) on a pay server that runs several (`PayServerOptions.apps`): its own players, catalog,
 * channels with their credentials, and webhook endpoint. The top-level options are the app `"default"`. A request
 * never names its app: the credential it carries does (a player token by its issuer and audience, a server key by
 * the app that lists it), and every bill carries its `appId` (docs/decisions/0011-many-games.md).
 */
export interface AppOptions {
  /**
   * How this game's players and backend are identified: `playerTokens`, `serverKeys` or both. No two apps may share a
   * server key, nor a player-token issuer *and* audience (a token maps to exactly one app). `development` and
   * `billTokenSecret` are the server's, set at the top level only.
   */
  auth: Omit<AuthOptions, 'development' | 'billTokenSecret'>;
  /** The game's prices by item id (required, as for the default app with real auth). */
  catalog: Record<string, CatalogPrice>;
  /**
   * The game's channel drivers, built with its own merchant credentials. A channel's server notifies
   * `/apps/<appId>/v1/notify/<channel>`; launch payloads built here name that path (their `publicUrl` is the app's).
   */
  drivers: ChannelDriver[];
  /** The game backend's webhook endpoint and how its webhooks are signed. @default no webhook: `GET /v1/events` only */
  events?: Pick<EventOptions, 'webhookUrl' | 'signing'>;
  /** Browser origins of this game, added to the server's CORS list. @default [] */
  corsOrigins?: string[];
}
