import { EventEmitter } from 'eventemitter3';
import type { ChannelLogger } from '../contract/payment-interface.js';
import type { CoinslotEventMap, CoinslotEventName } from './event-map.js';

type Listener<E extends CoinslotEventName> = (payload: CoinslotEventMap[E]) => void;

/**
 * Core's private event emitter. A listener that throws is logged and never breaks a payment or the listeners after
 * it; `on` answers an unsubscribe function.
 */
export class CoinslotEmitter {
  readonly #emitter = new EventEmitter();
  readonly #logger: ChannelLogger;

  constructor(logger: ChannelLogger) {
    this.#logger = logger;
  }

  on<E extends CoinslotEventName>(event: E, listener: Listener<E>): () => void {
    // A context of its own: the unsubscribe removes this registration, not another one of the same function.
    const registration = {};
    this.#emitter.on(event, listener, registration);
    return () => void this.#emitter.off(event, listener, registration);
  }

  /** Remove the listener (every registration of it). */
  off<E extends CoinslotEventName>(event: E, listener: Listener<E>): void {
    this.#emitter.off(event, listener);
  }

  emit<E extends CoinslotEventName>(event: E, payload: CoinslotEventMap[E]): void {
    for (const listener of this.#emitter.listeners(event)) {
      try {
        listener(payload);
      } catch (error) {
        this.#logger.error(`A "${event}" listener threw; the payment goes on.`, { error });
      }
    }
  }

  removeAll(): void {
    this.#emitter.removeAllListeners();
  }
}
