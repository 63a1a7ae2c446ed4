import { CoinslotError } from '@coinslot/core';
import type { SandboxMode } from './sandbox-options.js';

/** The sandbox driver's launch payload (`launch` of `POST /v1/bills`): absolute URLs carrying the bill's token. */
export interface SandboxLaunch {
  /** The checkout page: `GET /v1/sandbox/checkout/:billId?token=…`. */
  checkoutUrl: string;
  /** Where a decision is posted: `POST /v1/sandbox/checkout/:billId/decide?token=…`. */
  decideUrl: string;
}

/**
 * Read the sandbox launch payload, refusing anything that is not two absolute http(s) URLs.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED` when the pay server sent another shape.
 */
export function readSandboxLaunch(launch: Readonly<Record<string, unknown>>): SandboxLaunch {
  return { checkoutUrl: absoluteUrl(launch, 'checkoutUrl'), decideUrl: absoluteUrl(launch, 'decideUrl') };
}

/**
 * The checkout page's URL for one presentation: `mode=client` asks the page for a proof; `returnUrl` is where a
 * redirect checkout sends the player back to.
 */
export function checkoutPageUrl(launch: SandboxLaunch, mode: SandboxMode, returnUrl?: string): string {
  const url = new URL(launch.checkoutUrl);
  if (mode === 'client') url.searchParams.set('mode', 'client');
  if (returnUrl !== undefined) url.searchParams.set('returnUrl', returnUrl);
  return url.href;
}

function absoluteUrl(launch: Readonly<Record<string, unknown>>, field: keyof SandboxLaunch): string {
  const value = launch[field];
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CoinslotError(
      'CHANNEL_LAUNCH_FAILED',
      `The sandbox launch payload needs an absolute http(s) URL in "${field}", got ${JSON.stringify(value)}`,
    );
  }
  return url.href;
}
