import { DEFAULT_APP_ID } from '@coinslot/protocol';
import type { ResolvedAuth } from '../auth/auth-options.js';
import type { ChannelDriver } from '../drivers/channel-driver.js';
import type { CatalogPrice } from '../options.js';

/** One game on the server, checked and built: what every route scopes its work to. */
export interface App {
  /** The app id (`"default"` for the top-level options). */
  readonly id: string;
  /** Its verifiers (player tokens, server keys) and who delivers; bill tokens are the server's. */
  readonly auth: ResolvedAuth;
  /** Its prices, or `undefined` (development auth on the default app only). */
  readonly catalog: ReadonlyMap<string, CatalogPrice> | undefined;
  /** Its channel drivers by id. */
  readonly drivers: ReadonlyMap<string, ChannelDriver>;
}

/**
 * The path prefix of an app's channel-facing URLs (notifications, driver pages): `''` for the default app, whose
 * channels use `/v1/…` as before, `/apps/<id>` for the others.
 */
export function appPathPrefix(appId: string): string {
  return appId === DEFAULT_APP_ID ? '' : `/apps/${appId}`;
}
