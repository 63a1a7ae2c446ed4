import type { Bill, LaunchPayload, PayContext } from '@coinslot/core';

/**
 * The context core passes to an adapter's `pay()`, for calling the adapter alone in a test: a web game, a silent
 * logger, bill `b_1`, a fresh signal and the `popup` presentation, unless `overrides` say otherwise. `launch` is the
 * channel's own launch payload, so it is required; `window` is left out (the adapter opens its own) unless given.
 * @example
 * const outcome = createMyChannel().pay(createPayContext({ serverUrl: 'https://pay.test', launch: { checkoutUrl } }));
 */
export function createPayContext<TOptions = unknown>(
  overrides: Partial<PayContext<TOptions>> & { launch: LaunchPayload; serverUrl: string },
): PayContext<TOptions> {
  return {
    platform: 'web',
    logger: { debug() {}, warn() {}, error() {} },
    bill: { id: 'b_1' } as Bill,
    signal: new AbortController().signal,
    presentation: 'popup',
    ...overrides,
  };
}
