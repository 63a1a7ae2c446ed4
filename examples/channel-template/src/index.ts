/**
 * `coinslot-channel-example-hosted`: the client half of a hosted-checkout channel for Coinslot. The provider hosts
 * the payment page and notifies the pay server; this adapter shows the page in a popup or by redirect.
 *
 * Browser-safe: this entry holds no key and never imports the driver (`coinslot-channel-example-hosted/driver`).
 */
import { createExampleHostedChannel } from './create-example-hosted-channel.js';

/** The adapter, one shared instance, for `() => import('coinslot-channel-example-hosted')`. */
export const exampleHostedChannel = /* @__PURE__ */ createExampleHostedChannel();
export default exampleHostedChannel;

export { createExampleHostedChannel } from './create-example-hosted-channel.js';
export { EXAMPLE_HOSTED_ID } from './channel-id.js';
export type { ExampleHostedOptions, ExampleHostedPresentation } from './example-hosted-options.js';
export type { ExampleHostedLaunch } from './hosted-launch.js';
export { readExampleHostedReturn } from './checkout-message.js';
export type { ExampleHostedMessage, ExampleHostedStatus } from './checkout-message.js';
