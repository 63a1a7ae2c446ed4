/**
 * `@coinslot/channel-steam/server`: the Steam channel's server driver (Node or any runtime with `fetch` and
 * WebCrypto). The publisher Web API key lives here only; the client entry never sees it.
 */
export { createSteamDriver } from './create-steam-driver.js';
export type { SteamDriver } from './create-steam-driver.js';
export type { SteamDriverOptions, SteamReversalOptions } from './steam-driver-options.js';
export type { SteamItem, SteamItems } from './steam-items.js';
export { channelEntry } from './steam-channel-entry.js';

// Refunds and chargebacks: Steam pushes nothing, the driver reads GetReport
export { pollSteamReversals } from './poll-steam-reversals.js';
export type { SteamReversalPoll, SteamReversalReport, SteamNoticeDispatch } from './poll-steam-reversals.js';
export { STEAM_SIGNATURE_HEADER } from './steam-notice.js';
export type { SteamNotice, SteamNoticeKind } from './steam-notice.js';

// What the driver keeps (order → bill, the report cursor)
export { createMemorySteamState } from './steam-driver-state.js';
export type { SteamDriverState } from './steam-driver-state.js';
export { createFileSteamState } from './file-steam-state.js';

// The web API client and the order id rule (for studios' own tooling: refunds, reconciliation)
export { createSteamWebApi } from './steam-web-api.js';
export type { SteamWebApi, SteamWebApiOptions, SteamResult, SteamFailure } from './steam-web-api.js';
export { SteamApiError } from './steam-api-error.js';
export { steamOrderId } from './steam-order-id.js';
export { steamWebLanguage } from './steam-languages.js';
