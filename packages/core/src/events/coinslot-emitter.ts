import { EventEmitter } from 'eventemitter3';
import type { ChannelLogger } from '../contract/payment-interface.js';
import type { CoinslotEventMap, CoinslotEventName } from './event-map.js';

type Listener<E extends CoinslotEventName> = (payload: CoinslotEventMap[E]) => void;
type AnyListener = (payload: unknown) => void;

/**
 * Core's private event emitter. Listeners are wrapped so one that throws is logged and never breaks a payment;
 * `on` answers an unsubscribe function.
 */
export class CoinslotEmitter {
  readonly #emitter = new EventEmitter();
  readonly #wrapped = new Map<string, Map<AnyListener, AnyListener[]>>();

  constructor(private readonly logger: ChannelLogger) {}

  on<E extends CoinslotEventName>(event: E, listener: Listener<E>): () => void {
    const wrapper: AnyListener = (payload) => {
      try {
        listener(payload as CoinslotEventMap[E]);
      } catch (error) {
        this.logger.error(`A "${event}" listener threw; the payment goes on.`, { error });
      }
    };
    const byListener = this.#wrapped.get(event) ?? new Map<AnyListener, AnyListener[]>();
    this.#wrapped.set(event, byListener);
    byListener.set(listener as AnyListener, [...(byListener.get(listener as AnyListener) ?? []), wrapper]);
    this.#emitter.on(event, wrapper);
    return () => this.#remove(event, listener as AnyListener, wrapper);
  }

  off<E extends CoinslotEventName>(event: E, listener: Listener<E>): void {
    const wrapper = this.#wrapped.get(event)?.get(listener as AnyListener)?.[0];
    if (wrapper !== undefined) this.#remove(event, listener as AnyListener, wrapper);
  }

  emit<E extends CoinslotEventName>(event: E, payload: CoinslotEventMap[E]): void {
    this.#emitter.emit(event, payload);
  }

  removeAll(): void {
    this.#emitter.removeAllListeners();
    this.#wrapped.clear();
  }

  #remove(event: string, listener: AnyListener, wrapper: AnyListener): void {
    this.#emitter.off(event, wrapper);
    const byListener = this.#wrapped.get(event);
    const remaining = (byListener?.get(listener) ?? []).filter((candidate) => candidate !== wrapper);
    if (remaining.length > 0) byListener?.set(listener, remaining);
    else byListener?.delete(listener);
  }
}
