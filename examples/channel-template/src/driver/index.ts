/**
 * `coinslot-channel-example-hosted/driver`: the server-side half of the example-hosted channel, for a pay server
 * speaking Coinslot protocol v1 (`@coinslot/server`). This entry holds the channel's secrets; it is never imported
 * by the client entry and never belongs in a game's bundle.
 */
export { createExampleHostedDriver } from './create-example-hosted-driver.js';
export type { ExampleHostedDriverOptions } from './driver-options.js';
export { SIGNATURE_HEADER } from './notification-signature.js';
