import { describe, expect, it } from 'vitest';
import { RESPONSE_BYTES } from './bytes-response.js';
import { jsonResponse, useBytesResponses } from './json-response.js';

describe('jsonResponse', () => {
  it('answers a real Response until serveNode switches the process to BytesResponses, alike to read', async () => {
    const web = jsonResponse(201, { a: 1 }, { 'idempotency-replayed': 'true' });
    expect(web).toBeInstanceOf(Response);
    useBytesResponses();
    const bytes = jsonResponse(201, { a: 1 }, { 'idempotency-replayed': 'true' });
    expect(bytes).not.toBeInstanceOf(Response);
    expect(new TextDecoder().decode((bytes as { [RESPONSE_BYTES]?: Uint8Array })[RESPONSE_BYTES])).toBe('{"a":1}');
    for (const response of [web, bytes]) {
      expect([response.status, Object.fromEntries(response.headers)]).toEqual([
        201,
        {
          'content-type': 'application/json; charset=utf-8',
          'content-length': '7',
          'idempotency-replayed': 'true',
        },
      ]);
      expect(await response.json()).toEqual({ a: 1 });
    }
  });
});
