// The Steam MicroTxn emulator (ISteamMicroTxn / ISteamMicroTxnSandbox on loopback) and a stand-in for the
// steamworks.js binding whose overlay the test answers. Steam itself cannot run here; see docs/channels/steam.md.
export { startSteamEmulator } from './steam-emulator.js';
export type { SteamEmulator, SteamEmulatorOptions, SteamApiCall, SteamCallFailure } from './steam-emulator.js';
export type { SteamOrder, SteamOrderItem } from './steam-order.js';
export { STEAMWORKS_MICROTXN_CALLBACK } from './steamworks-stand-in.js';
export type { SteamworksStandIn, SteamworksStandInOptions, StandInMicroTxnResponse } from './steamworks-stand-in.js';
export type { SteamOverlay, SteamOverlayDecision } from './steam-overlay.js';
export { STEAM_ERRORS, STEAM_REVERSED_STATUSES } from './steam-txn-values.js';
export type { SteamTxnStatus, SteamError, SteamMicroTxnMethod, SteamMicroTxnInterface } from './steam-txn-values.js';
