import { MAX_ID_LENGTH } from '@coinslot/protocol';
import { isText, type Rule } from '../internal/rules.js';

const isUserId = isText(MAX_ID_LENGTH);
/** How many players one recovery may ask the server about. */
const MAX_PLAYERS = 20;

/** Options of `coinslot.recover()`. */
export interface RecoverOptions {
  /**
   * The player(s) whose paid-but-undelivered bills to ask the pay server for. Bills in the journal are recovered
   * whoever they belong to; without a player only the journal is used (its `cancelled` and `expired` bills are
   * re-checked for a late payment for 7 days). @default the `userId` option of `createCoinslot`; without one, the
   * player token's player when `getPlayerToken` is set
   */
  userId?: string | readonly string[];
  /** How long to wait for the result of each unsettled bill, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
  /** Stops recovery: its waits end and their bills stay in the journal for the next recovery. */
  signal?: AbortSignal;
}

/** The player ids recovery lists paid bills for: one id or a list, each a protocol `userId` (as in a purchase). */
export function userIdsOf(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const valid = list.every(isUserId);
  return valid && list.length <= MAX_PLAYERS ? [...new Set(list as string[])] : undefined;
}

/** The `userId` of the options and of `recover()`: what {@link userIdsOf} accepts. */
export const USER_ID_RULE: Rule = [
  'userId',
  (value) => userIdsOf(value) !== undefined,
  `a string of 1–${MAX_ID_LENGTH} characters or a list of at most ${MAX_PLAYERS} of them`,
];
