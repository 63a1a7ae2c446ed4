/**
 * A web `Response` over a body Node has already buffered, that builds no stream unless someone asks for one. On Node
 * 20 every `new Response(bytes)` builds a transferable `ReadableStream` and reading it back goes through it: for a
 * held wait's small JSON answer that was the largest share of {@link createNodeFetch}'s cost after the socket itself
 * (docs/performance.md). ky reads it with `text()`; `body` and `formData()` fall back to a real `Response`.
 * Not `instanceof Response`.
 */
export class BufferedResponse implements Response {
  readonly type: ResponseType = 'basic';
  readonly redirected = false;
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  #real: Response | undefined;
  #used = false;

  constructor(
    bytes: Uint8Array<ArrayBuffer> | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.#bytes = bytes;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** The same answer as a real `Response`, made once, for what only a stream can give. */
  #asReal(): Response {
    return (this.#real ??= new Response(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    }));
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#bytes === null ? null : this.#asReal().body;
  }
  get bodyUsed(): boolean {
    return this.#used || (this.#real?.bodyUsed ?? false);
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw new TypeError('The body has already been read');
    this.#used = true;
    if (this.#real) return new Uint8Array(await this.#real.arrayBuffer());
    return this.#bytes ?? new Uint8Array(0);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }
  async formData(): Promise<FormData> {
    this.#used = true;
    return this.#asReal().formData();
  }
  clone(): Response {
    if (this.bodyUsed) throw new TypeError('The body has already been read');
    return new BufferedResponse(this.#bytes, this.status, this.statusText, new Headers(this.headers), this.url);
  }
}
