import type { PaymentInterface } from './payment-interface.js';

/**
 * Define a channel adapter with full typing. It returns its argument unchanged; use it as the
 * package's default export so the app's loader `() => import('your-channel')` finds it.
 *
 * @example
 * ```ts
 * export default defineChannel<{ mode?: 'popup' }>({
 *   specVersion: 1, id: 'my-channel', resultSource: 'server',
 *   capabilities: { platforms: ['web'], presentations: ['popup'], needsUserGesture: true },
 *   isAvailable: () => typeof window !== 'undefined',
 *   async pay(ctx) { ctx.window?.location.assign(String(ctx.launch.checkoutUrl)); return { kind: 'launched' }; },
 * });
 * ```
 */
export function defineChannel<TOptions = unknown>(channel: PaymentInterface<TOptions>): PaymentInterface<TOptions> {
  return channel;
}
