import type { IncomingMessage } from 'node:http';
import { headersOf } from './request-body.js';

/**
 * A request's `Headers` read straight from Node's `rawHeaders`. A held wait keeps its request for up to 25 s, and the
 * server reads a header or two of every request (origin, authorization, x-forwarded-for): a real `Headers` copies every
 * header into entry objects (≈ 0.7 kB a request, kept for the whole hold). `get` and `has` answer what a `Headers`
 * built from the same raw headers answers (values of a repeated name joined with `, `); anything else — iterating,
 * changing — first builds that real `Headers` and answers from it from then on.
 */
export class NodeHeaders implements Headers {
  #real: Headers | undefined;

  constructor(private readonly incoming: IncomingMessage) {}

  get(name: string): string | null {
    if (this.#real) return this.#real.get(name);
    const wanted = name.toLowerCase();
    const raw = this.incoming.rawHeaders;
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i]!;
      if (key.length === wanted.length && key.toLowerCase() === wanted && !key.startsWith(':')) {
        value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
      }
    }
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  #materialized(): Headers {
    return (this.#real ??= headersOf(this.incoming));
  }

  append(name: string, value: string): void {
    this.#materialized().append(name, value);
  }
  delete(name: string): void {
    this.#materialized().delete(name);
  }
  set(name: string, value: string): void {
    this.#materialized().set(name, value);
  }
  getSetCookie(): string[] {
    return this.#materialized().getSetCookie();
  }
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#materialized().forEach((value, key) => {
      callback.call(thisArg, value, key, this);
    });
  }
  entries(): ReturnType<Headers['entries']> {
    return this.#materialized().entries();
  }
  keys(): ReturnType<Headers['keys']> {
    return this.#materialized().keys();
  }
  values(): ReturnType<Headers['values']> {
    return this.#materialized().values();
  }
  [Symbol.iterator](): ReturnType<Headers['entries']> {
    return this.#materialized()[Symbol.iterator]();
  }
}
