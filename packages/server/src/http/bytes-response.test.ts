import { describe, expect, it } from 'vitest';
import { jsonBytesResponse, RESPONSE_BYTES } from './bytes-response.js';

describe('jsonBytesResponse', () => {
  it('reads like a Response: status, JSON headers with the length, the body once', async () => {
    const response = jsonBytesResponse(200, { state: 'paid', settled: true });
    expect([response.status, response.ok, response.headers.get('content-type')]).toEqual([
      200,
      true,
      'application/json; charset=utf-8',
    ]);
    expect(response.headers.get('content-length')).toBe(String('{"state":"paid","settled":true}'.length));
    expect(await response.json()).toEqual({ state: 'paid', settled: true });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('offers its bytes to a one-piece writer until the body is read or streamed', async () => {
    const read = jsonBytesResponse(200, { a: 1 });
    expect(new TextDecoder().decode(read[RESPONSE_BYTES])).toBe('{"a":1}');
    await read.arrayBuffer();
    expect(read[RESPONSE_BYTES]).toBeUndefined();

    const streamed = jsonBytesResponse(201, { a: 2 });
    expect(await new Response(streamed.body).json()).toEqual({ a: 2 });
    expect(streamed[RESPONSE_BYTES]).toBeUndefined();
    expect(streamed.bodyUsed).toBe(true);
  });

  it('clones with its headers (including ones set after it was made) and its body', async () => {
    const response = jsonBytesResponse(200, { a: 3 });
    response.headers.set('cache-control', 'no-store');
    const copy = response.clone();
    expect(copy.headers.get('cache-control')).toBe('no-store');
    expect(await copy.json()).toEqual({ a: 3 });
    expect(await response.json()).toEqual({ a: 3 });
  });
});
