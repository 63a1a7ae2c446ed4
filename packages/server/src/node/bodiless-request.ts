import type { IncomingMessage } from 'node:http';
import { CLIENT_GONE, type ClientGoneSource } from '../http/client-gone.js';

const EMPTY = new Uint8Array(0);

/**
 * A `Request` without a body (GET, HEAD, OPTIONS) that costs almost nothing until used. A held wait keeps its
 * request for up to 25 s, and undici's `Request` (with its `Headers` and internal `AbortController`) costs
 * several kB each — too much for ten thousand of them. Headers and the signal are built on first access;
 * `clone()` answers a real `Request`. It is not `instanceof Request`.
 */
export class BodilessRequest implements Request, ClientGoneSource {
  #headers: Headers | undefined;
  #controller: AbortController | undefined;
  #goneListener: EventListenerObject | undefined;
  #gone = false;

  constructor(
    private readonly incoming: IncomingMessage,
    readonly url: string,
    readonly method: string,
  ) {}

  /** The client went away: aborts the signal (now, or when it is first asked for). */
  clientGone(): void {
    this.#gone = true;
    this.#controller?.abort();
    const listener = this.#goneListener;
    this.#goneListener = undefined;
    listener?.handleEvent(new Event('abort'));
  }

  /** The one-slot client-gone listener (see `client-gone.ts`): far cheaper than a signal listener. */
  [CLIENT_GONE](listener: EventListenerObject | undefined): boolean {
    if (listener === undefined) {
      this.#goneListener = undefined;
      return true;
    }
    if (this.#goneListener) return false;
    if (this.#gone) listener.handleEvent(new Event('abort'));
    else this.#goneListener = listener;
    return true;
  }

  get headers(): Headers {
    if (!this.#headers) {
      this.#headers = new Headers();
      const raw = this.incoming.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        if (!raw[i]!.startsWith(':')) this.#headers.append(raw[i]!, raw[i + 1]!);
      }
    }
    return this.#headers;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#gone) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  get body(): null {
    return null;
  }
  get bodyUsed(): boolean {
    return false;
  }
  get cache(): RequestCache {
    return 'default';
  }
  get credentials(): RequestCredentials {
    return 'same-origin';
  }
  get destination(): RequestDestination {
    return '';
  }
  get integrity(): string {
    return '';
  }
  get keepalive(): boolean {
    return false;
  }
  get mode(): RequestMode {
    return 'cors';
  }
  get redirect(): RequestRedirect {
    return 'follow';
  }
  get referrer(): string {
    return 'about:client';
  }
  get referrerPolicy(): ReferrerPolicy {
    return '';
  }

  clone(): Request {
    return new Request(this.url, { method: this.method, headers: this.headers, signal: this.signal });
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new ArrayBuffer(0);
  }
  async blob(): Promise<Blob> {
    return new Blob([]);
  }
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(EMPTY);
  }
  async formData(): Promise<FormData> {
    throw new TypeError('The request has no body');
  }
  async json(): Promise<unknown> {
    return JSON.parse('');
  }
  async text(): Promise<string> {
    return '';
  }
}
