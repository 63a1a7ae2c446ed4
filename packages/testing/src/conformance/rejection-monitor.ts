import { describeError } from './conformance-failure.js';

interface ProcessLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Collects unhandled promise rejections while the suite runs: Node's `unhandledRejection` and the browser's
 * `unhandledrejection` event. An adapter that rejects a promise nobody awaits shows up here.
 */
export class RejectionMonitor {
  readonly #rejections: unknown[] = [];
  #stop: (() => void) | undefined;

  /** Every rejection seen since `start()`. */
  get rejections(): readonly unknown[] {
    return this.#rejections;
  }

  start(): void {
    const onNode = (reason: unknown): void => void this.#rejections.push(reason);
    const onWeb = (event: PromiseRejectionEvent): void => void this.#rejections.push(event.reason);
    const proc = (globalThis as { process?: ProcessLike }).process;
    const target = (globalThis as { window?: Window }).window;
    if (typeof proc?.on === 'function') proc.on('unhandledRejection', onNode);
    target?.addEventListener('unhandledrejection', onWeb);
    this.#stop = () => {
      proc?.off?.('unhandledRejection', onNode);
      target?.removeEventListener('unhandledrejection', onWeb);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** One line per rejection, for a failure message. */
  describe(): string {
    return this.#rejections.map((reason) => `  - ${describeError(reason)}`).join('\n');
  }
}
