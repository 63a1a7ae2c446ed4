import {
  BRIDGE_CHANNELS,
  type BridgeAnswer,
  type BridgeChannel,
  type GameApi,
  type PayServerConfig,
  type Wallet,
} from '../shared/bridge-contract.js';
import { GAME_ERROR_CODES, GameError } from '../shared/game-error.js';
import { grantRequestFromOffer } from '../shared/validate-grant.js';

/** `ipcRenderer.invoke`, or anything that stands in for it (a test's binding). */
export type Invoke = (channel: BridgeChannel, payload?: unknown) => Promise<unknown>;

function unwrap<T>(answer: unknown, isValue: (value: unknown) => value is T): T {
  const reply = answer as BridgeAnswer<unknown> | null;
  if (reply?.ok === true && isValue(reply.value)) return reply.value;
  if (reply?.ok === false && GAME_ERROR_CODES.includes(reply.error?.code) && typeof reply.error.message === 'string') {
    throw GameError.fromData(reply.error);
  }
  throw new GameError('INTERNAL', 'the main process answered something unexpected.');
}

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isWallet = (value: unknown): value is Wallet =>
  typeof (value as Wallet | null)?.playerId === 'string' && Number.isFinite((value as Wallet).coins);

const isPayServer = (value: unknown): value is PayServerConfig =>
  typeof (value as PayServerConfig | null)?.url === 'string' && Array.isArray((value as PayServerConfig).trustedKeys);
const isToken = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The preload's `window.game`: checks what the page hands it before anything crosses to the main process (a bad
 * offer rejects with `INVALID_OFFER` and sends nothing), sends only the fields the main process needs, and turns the
 * main process's answers back into values or `GameError`s. Plain code: Electron only supplies `invoke`.
 */
export function createGameApi(invoke: Invoke): GameApi {
  return Object.freeze({
    async grant(offer: unknown) {
      const request = grantRequestFromOffer(offer);
      return unwrap(await invoke(BRIDGE_CHANNELS.grant, request), isBoolean);
    },
    async coins() {
      return unwrap(await invoke(BRIDGE_CHANNELS.coins), isWallet);
    },
    async payServer() {
      return unwrap(await invoke(BRIDGE_CHANNELS.payServer), isPayServer);
    },
    async playerToken() {
      return unwrap(await invoke(BRIDGE_CHANNELS.playerToken), isToken);
    },
  });
}
