/**
 * `@coinslot/channel-sandbox`: a complete Coinslot channel for development and tests. The pay server's sandbox
 * driver serves a checkout page with Approve, Decline and Cancel; this adapter shows it (popup, redirect) or
 * decides it without a page (headless).
 */
import { createSandboxChannel } from './create-sandbox-channel.js';

/** The sandbox adapter in server mode (the sandbox notifies the pay server), for `() => import('@coinslot/channel-sandbox')`. */
export const sandboxChannel = /* @__PURE__ */ createSandboxChannel();
export default sandboxChannel;

export { createSandboxChannel } from './create-sandbox-channel.js';
export type {
  SandboxOptions,
  SandboxChannelSettings,
  SandboxMode,
  SandboxPresentation,
  SandboxDecision,
} from './sandbox-options.js';
export type { SandboxLaunch } from './sandbox-launch.js';
export { readSandboxReturn } from './sandbox-message.js';
export type { SandboxMessage } from './sandbox-message.js';
