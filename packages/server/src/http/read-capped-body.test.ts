import { describe, expect, it } from 'vitest';
import { readCappedBody } from './read-capped-body.js';

/** A body sent in chunks of the given sizes, recording how many chunks were pulled and whether it was cancelled. */
function chunkedBody(sizes: number[]) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = sizes[seen.pulled++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(seen.pulled));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('readCappedBody', () => {
  it('returns a body of exactly the limit whole, in order', async () => {
    const { stream } = chunkedBody([4, 4, 2]);
    const bytes = await readCappedBody(new Response(stream), 10);
    expect(bytes).toEqual(new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]));
  });

  it('returns undefined for a body one byte over the limit, cancelling it before the rest is read', async () => {
    const { stream, seen } = chunkedBody([4, 4, 3, 100, 100]);
    expect(await readCappedBody(new Response(stream), 10)).toBeUndefined();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(5);
  });

  it('returns undefined from a Content-Length over the limit without reading the body', async () => {
    const { stream, seen } = chunkedBody([1]);
    const response = new Response(stream, { headers: { 'content-length': '11' } });
    expect(await readCappedBody(response, 10)).toBeUndefined();
    expect(seen.cancelled).toBe(true);
  });

  it('reads a request body too, and an absent body as empty', async () => {
    const request = new Request('http://127.0.0.1/notify', { method: 'POST', body: 'trade_no=1' });
    expect(new TextDecoder().decode(await readCappedBody(request, 10))).toBe('trade_no=1');
    expect(await readCappedBody(new Response(null), 10)).toEqual(new Uint8Array(0));
  });
});
