import type { IncomingMessage } from 'node:http';
import { CLIENT_GONE, type ClientGoneSource } from '../http/client-gone.js';
import { READ_BODY } from '../http/read-body.js';
import { REMOTE_ADDRESS } from '../limits/client-address.js';
import { NodeHeaders } from './node-headers.js';
import { bodyStream, hasBody, readAll, readLimited } from './request-body.js';

/**
 * A web `Request` over a Node request that costs almost nothing until used. A held wait keeps its request for
 * up to 25 s, and undici's `Request` (its `Headers`, its internal `AbortController`, a `ReadableStream` made
 * transferable) costs several kB and tens of microseconds — for ten thousand waits, and for every notification.
 * Headers, the signal and the body stream are built on first access; `clone()` answers a real `Request`.
 * It is not `instanceof Request`.
 */
export class NodeRequest implements Request, ClientGoneSource {
  #headers: Headers | undefined;
  #controller: AbortController | undefined;
  #goneListener: EventListenerObject | undefined;
  #gone = false;
  #body: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;
  #consumed = false;
  #abandoned = false;

  constructor(
    private readonly incoming: IncomingMessage,
    readonly url: string,
    readonly method: string,
  ) {
    if (!hasBody(incoming)) this.#body = null;
  }

  /** True once the handler cancelled the body (e.g. `413`): the rest must not be read. */
  get abandoned(): boolean {
    return this.#abandoned;
  }

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

  /** The socket's remote address, for the per-IP limits (`limits/client-address.ts`). */
  get [REMOTE_ADDRESS](): string | undefined {
    return this.incoming.socket.remoteAddress;
  }

  /**
   * The whole body read straight from Node's stream, for `readBodyBytes` (`undefined` past `maxBytes`: the rest is
   * abandoned); not offered once the body was read or its stream made.
   */
  [READ_BODY](maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> | undefined {
    if (this.#consumed || this.#body === null || this.#body !== undefined) return undefined;
    this.#consumed = true;
    return readLimited(this.incoming, maxBytes, () => (this.#abandoned = true));
  }

  get headers(): Headers {
    return (this.#headers ??= new NodeHeaders(this.incoming));
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#gone) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#body === undefined) this.#body = bodyStream(this.incoming, () => (this.#abandoned = true));
    return this.#body;
  }
  get bodyUsed(): boolean {
    return this.#consumed || (this.#body?.locked ?? false);
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
    const init: RequestInit & { duplex?: 'half' } = { method: this.method, headers: this.headers, signal: this.signal };
    const body = this.body;
    if (body !== null) {
      const [mine, theirs] = body.tee();
      this.#body = mine;
      init.body = theirs;
      init.duplex = 'half';
    }
    return new Request(this.url, init);
  }
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw new TypeError('The body has already been read');
    const body = this.body;
    this.#consumed = true;
    return readAll(body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }
  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async formData(): Promise<FormData> {
    return new Response(await this.bytes(), { headers: this.headers }).formData();
  }
}
