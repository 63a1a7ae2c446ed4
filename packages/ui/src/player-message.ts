import { CoinslotError } from '@coinslot/core';
import type { CheckoutMessages } from './messages.js';

/**
 * What to tell the player about an error: the SDK's message when it is marked safe to show a player (its messages
 * are English, so only in English), else a sentence of the UI's own for the error's kind. Never a code, a bill id
 * or a stack: the developer log has those.
 */
export function playerMessage(error: unknown, messages: CheckoutMessages, lang: string): string {
  if (!CoinslotError.isInstance(error)) return messages.genericError;
  if (error.safeToShow && /^en\b/i.test(lang)) return error.message;
  if (error.code === 'NETWORK_ERROR' || (error.code === 'PAY_SERVER_ERROR' && error.retryable))
    return messages.networkError;
  if ((error.code as string) === 'PURCHASE_IN_PROGRESS') return messages.alreadyOpen;
  if (error.code === 'CHANNEL_UNAVAILABLE' || error.code === 'CHANNEL_LAUNCH_FAILED') return messages.unavailableError;
  return messages.genericError;
}
