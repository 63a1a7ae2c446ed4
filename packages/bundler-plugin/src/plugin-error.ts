/** Every code a Coinslot bundler plugin throws with; each has a page in https://github.com/coinslot/coinslot/tree/main/docs/errors. */
export const PLUGIN_ERROR_CODES = [
  'INVALID_PLUGIN_OPTIONS',
  'PACKAGE_JSON_UNREADABLE',
  'DUPLICATE_CHANNEL_ID',
] as const;

/** What went wrong in a Coinslot bundler plugin; the message says which file or option, and what to change. */
export type CoinslotPluginErrorCode = (typeof PLUGIN_ERROR_CODES)[number];

/**
 * The one error the plugins throw. The bundler reports it as a build error; `code` tells them apart in a script.
 */
export class CoinslotPluginError extends Error {
  override readonly name = 'CoinslotPluginError';

  constructor(
    readonly code: CoinslotPluginErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`coinslot-channels: ${message}`, options);
  }
}
