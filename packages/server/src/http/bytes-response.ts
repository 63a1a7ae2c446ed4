/**
 * The symbol under which a {@link BytesResponse} offers its whole body to a writer (the Node adapter) that sends
 * it in one piece. `Symbol.for`, so the adapter needs no import of this file.
 */
export const RESPONSE_BYTES = Symbol.for('coinslot.server.response-bytes');

const JSON_TYPE = 'application/json; charset=utf-8';
const encoder = new TextEncoder();

/**
 * A web `Response` over bytes already in memory that costs almost nothing until its body is used as a stream.
 * On Node 20 `new Response(bytes)` builds a transferable `ReadableStream` (≈ 19 µs with reading it back), for
 * every JSON answer — every held wait's, every re-ask of an idle one, every notification's; the Node adapter takes
 * the bytes under {@link RESPONSE_BYTES} instead, and any other caller sees a complete `Response`. It is not
 * `instanceof Response`, so only `serveNode` turns it on (`useBytesResponses`): a web runtime that checks the
 * handler's answer (`Deno.serve`, a worker) gets real `Response`s.
 */
export class BytesResponse implements Response {
  readonly headers: Headers;
  readonly statusText = '';
  readonly type: ResponseType = 'default';
  readonly url = '';
  readonly redirected = false;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
  #used = false;

  constructor(
    bytes: Uint8Array<ArrayBuffer>,
    readonly status: number,
    headers: Record<string, string>,
  ) {
    this.#bytes = bytes;
    this.headers = new Headers(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** The whole body while nobody has read or streamed it. */
  get [RESPONSE_BYTES](): Uint8Array<ArrayBuffer> | undefined {
    return this.#used || this.#stream ? undefined : this.#bytes;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const bytes = this.#bytes;
    return (this.#stream ??= new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }));
  }
  get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw new TypeError('The body has already been read');
    this.#used = true;
    return this.#stream ? new Uint8Array(await new Response(this.#stream).arrayBuffer()) : this.#bytes;
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
    return new Response(await this.bytes(), { headers: this.headers }).formData();
  }
  clone(): Response {
    if (this.bodyUsed) throw new TypeError('The body has already been read');
    return new BytesResponse(this.#bytes, this.status, Object.fromEntries(this.headers.entries()));
  }
}

/** A JSON answer as a {@link BytesResponse}, with its `Content-Length` (what `jsonResponse` answers under `serveNode`). */
export function jsonBytesResponse(status: number, body: unknown, headers?: Record<string, string>): BytesResponse {
  const bytes = encoder.encode(JSON.stringify(body));
  return new BytesResponse(bytes, status, {
    'content-type': JSON_TYPE,
    'content-length': String(bytes.byteLength),
    ...headers,
  });
}
