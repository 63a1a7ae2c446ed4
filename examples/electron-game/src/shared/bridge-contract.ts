import type { GrantOffer, ResultPublicKey } from '@coinslot/core';
import type { GameErrorData } from './game-error.js';

/** What a grant asks the main process for: the bill, and what the renderer believes it sold to whom. */
export interface GrantRequest {
  /** The paid bill's id: the main process asks the pay server for its signed result. */
  billId: string;
  /** The bill's player. */
  userId: string;
  /** The coin pack's item id. */
  itemId: string;
  /** How many packs. */
  quantity: number;
}

/** The player's save as the renderer may see it. */
export interface Wallet {
  /** The local player, created with the save. */
  playerId: string;
  /** That player's coins. */
  coins: number;
}

/** The pay server as the main process configures it: the renderer never chooses it. */
export interface PayServerConfig {
  /** Its base URL: core's `server`. */
  url: string;
  /** Its public result keys, pinned: core's `trustedKeys`. */
  trustedKeys: ResultPublicKey[];
}

/**
 * `window.game`: the whole API the preload exposes to the page. Everything else of Electron and Node stays out of
 * the renderer's reach. Errors reject with a `GameError` whose message starts with its code (read it with
 * `gameErrorCode`).
 */
export interface GameApi {
  /**
   * Core's `grant` hook: give the coins of a paid bill, once. Resolves `true` when they were added now, `false`
   * when this bill's coins were already in the save (the grant contract's answer). A malformed offer rejects with
   * `INVALID_OFFER` before anything is sent.
   */
  grant(offer: GrantOffer): Promise<boolean>;
  /** The local player and their coins, as saved now. */
  coins(): Promise<Wallet>;
  /** The pay server and its pinned keys, from the main process's shipped config. */
  payServer(): Promise<PayServerConfig>;
  /**
   * core's `getPlayerToken`: a fresh player token for the logged-in player, which the main process gets from the
   * game backend with a session the renderer never sees. Rejects with `LOGIN_FAILED`.
   */
  playerToken(): Promise<string>;
}

/** The IPC channels between the preload and the main process. */
export const BRIDGE_CHANNELS = {
  grant: 'game:grant',
  coins: 'game:coins',
  payServer: 'game:pay-server',
  playerToken: 'game:player-token',
} as const;

/** A bridge channel name. */
export type BridgeChannel = (typeof BRIDGE_CHANNELS)[keyof typeof BRIDGE_CHANNELS];

/**
 * What the main process answers over IPC. Never a rejection: Electron passes only the message of an error thrown
 * in a handler, so failures travel as data and the preload turns them back into a `GameError`.
 */
export type BridgeAnswer<T> = { ok: true; value: T } | { ok: false; error: GameErrorData };
