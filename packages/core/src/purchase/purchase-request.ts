import {
  isChannelId,
  isCurrency,
  isExtraObject,
  MAX_AMOUNT,
  MAX_EXTRA_BYTES,
  MAX_ID_LENGTH,
  MAX_PASS_THROUGH_LENGTH,
  MAX_QUANTITY,
} from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import { brokenRule, DEADLINE_RULE, isIntIn, isText, SIGNAL_RULE, type Rule } from '../internal/rules.js';

/** What the game asks to buy. */
export interface PurchaseRequest {
  /** The channel id to pay with; must be one `ready()` returned as ready. */
  channel: string;
  /**
   * The player's id. May be left out with `getPlayerToken`: the player token names the player (when given, it must be
   * the token's player). Required without one.
   */
  userId?: string;
  /** The item (SKU) id. */
  itemId: string;
  /** How many. @default 1 */
  quantity?: number;
  /** Total price in minor units (cents). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  /** The game's own reference, returned untouched. */
  passThrough?: string;
  /** Any JSON object stored with the bill. */
  extra?: Record<string, unknown>;
  /** Aborts the purchase: the adapter is told, the wait stops, the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** How long to wait for the result, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
}

// The bill fields' rules are the protocol's (§1); only their wording for a player-facing SDK message lives here.
const RULES: readonly Rule[] = [
  ['channel', isChannelId, 'a channel id (lower-case letters, digits, dashes)'],
  ['userId', isText(MAX_ID_LENGTH), `a string of 1–${MAX_ID_LENGTH} characters`, 'optional'],
  ['itemId', isText(MAX_ID_LENGTH), `a string of 1–${MAX_ID_LENGTH} characters`],
  ['quantity', isIntIn(1, MAX_QUANTITY), `an integer from 1 to ${MAX_QUANTITY}`, 'optional'],
  ['amount', isIntIn(0, MAX_AMOUNT), 'an integer from 0 to 10^12, in minor units (cents)'],
  ['currency', isCurrency, 'an ISO 4217 code such as USD'],
  [
    'passThrough',
    isText(MAX_PASS_THROUGH_LENGTH, 0),
    `a string of at most ${MAX_PASS_THROUGH_LENGTH} characters`,
    'optional',
  ],
  ['extra', isExtraObject, `a JSON object of at most ${MAX_EXTRA_BYTES} bytes`, 'optional'],
  DEADLINE_RULE,
  SIGNAL_RULE,
];
const FIELDS = new Set(RULES.map(([field]) => field));

function problemOf(request: unknown): string | undefined {
  if (!isRecord(request)) return 'the request must be an object';
  const unknown = Object.keys(request).find((key) => !FIELDS.has(key));
  return unknown === undefined ? brokenRule(request, RULES) : `unknown field "${unknown}"`;
}

/** Check a purchase request before anything happens; answers the `INVALID_REQUEST` error, or `undefined`. */
export function validatePurchaseRequest(request: unknown): CoinslotError | undefined {
  const problem = problemOf(request);
  return problem === undefined
    ? undefined
    : new CoinslotError('INVALID_REQUEST', `Invalid purchase request: ${problem}.`);
}
