import { afterEach, describe, expect, it } from 'vitest';
import { billBody, call, closeAllServers, randomKey, startTestServer } from './helpers.js';

afterEach(closeAllServers);

// A body over the limit that the client sends in full: the server answers 413 and stays up. The late 'end' of
// the abandoned body once threw outside any handler (ERR_INVALID_STATE) and killed the process.
describe('a complete body over the limit', () => {
  it('gets 413, creates nothing, and the server keeps answering', async () => {
    const server = await startTestServer();
    const body = JSON.stringify({ ...billBody({ userId: 'big-body' }), extra: { pad: 'x'.repeat(70_000) } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await call(server, '/v1/bills', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomKey() },
        body,
      });
      expect(answer.status).toBe(413);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const listing = await call(server, '/v1/bills?user=big-body&state=created');
    expect(listing.status).toBe(200);
    expect(listing.body.bills).toEqual([]);
  });
});
