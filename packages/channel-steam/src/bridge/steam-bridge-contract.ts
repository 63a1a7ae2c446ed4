import type { SteamProof } from '../authorize-steam-order.js';

/** The IPC channels between the preload's `window.coinslotSteam` and the main process. */
export const STEAM_BRIDGE_CHANNELS = {
  available: 'coinslot-steam:available',
  authorize: 'coinslot-steam:authorize',
  cancel: 'coinslot-steam:cancel',
} as const;

/** A Steam bridge channel name. */
export type SteamBridgeChannel = (typeof STEAM_BRIDGE_CHANNELS)[keyof typeof STEAM_BRIDGE_CHANNELS];

/** What the renderer asks the main process to authorize: the bill and the driver's launch payload, untouched. */
export interface SteamAuthorizeRequest {
  billId: string;
  launch: Record<string, unknown>;
}

/** An error as it crosses IPC (Electron passes only an error's message, so failures travel as data). */
export interface SteamBridgeErrorData {
  code: string;
  message: string;
  retryable: boolean;
}

/** What the main process answers over IPC: never a rejection. */
export type SteamBridgeAnswer<T> = { ok: true; value: T } | { ok: false; error: SteamBridgeErrorData };

/**
 * `window.coinslotSteam`, what the preload exposes to the page (`createSteamPreloadBridge`), and what
 * `createSteamRendererChannel` takes. Nothing of Steam, Electron or Node reaches the page beyond these three calls.
 */
export interface SteamBridge {
  /** Whether the main process has a running Steam client. */
  available(): Promise<boolean>;
  /** Runs the purchase dialog for one bill in the main process; resolves the proof core reports. */
  authorize(request: SteamAuthorizeRequest): Promise<SteamProof>;
  /** Stops waiting for the bill's dialog (the renderer gave up). */
  cancel(billId: string): Promise<void>;
}

/** `ipcRenderer.invoke`, or anything standing in for it. */
export type SteamBridgeInvoke = (channel: SteamBridgeChannel, payload?: unknown) => Promise<unknown>;
