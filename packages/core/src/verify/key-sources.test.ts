import type { ResultPublicKey } from '@coinslot/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createResultSigner, resultPayload } from '../test-support/result-signer.js';
import { serverKeySource } from './server-key-source.js';
import { verifySignedResult } from './verify-signed-result.js';

const expectation = { billId: 'b_1', nonce: 'nonce-0123456789abcdef' };

describe('server key source', () => {
  it('fetches once and answers the memo', async () => {
    const signer = await createResultSigner();
    const fetchKeys = vi.fn(async () => [signer.publicKey]);
    const source = serverKeySource(fetchKeys);
    for (let i = 0; i < 3; i++) {
      await verifySignedResult(
        await signer.sign(resultPayload({ ...expectation, kid: signer.publicKey.kid })),
        expectation,
        source,
      );
    }
    expect(fetchKeys).toHaveBeenCalledTimes(1);
  });

  it('refetches once on an unknown kid: a rotated key is accepted, a still-unknown one rejected', async () => {
    const oldKey = await createResultSigner('ES256', 'k-old');
    const newKey = await createResultSigner('EdDSA', 'k-new');
    let listed: ResultPublicKey[] = [oldKey.publicKey];
    const fetchKeys = vi.fn(async () => listed);
    const source = serverKeySource(fetchKeys);
    await source.keys({ refresh: false });
    listed = [oldKey.publicKey, newKey.publicKey];
    const rotated = await newKey.sign(resultPayload({ ...expectation, kid: 'k-new' }));
    await expect(verifySignedResult(rotated, expectation, source)).resolves.toMatchObject({ kid: 'k-new' });
    expect(fetchKeys).toHaveBeenCalledTimes(2);

    const stranger = await createResultSigner('ES256', 'k-stranger');
    const unknown = await stranger.sign(resultPayload({ ...expectation, kid: 'k-stranger' }));
    await expect(verifySignedResult(unknown, expectation, source)).rejects.toMatchObject({ code: 'RESULT_REJECTED' });
    expect(fetchKeys).toHaveBeenCalledTimes(3);
  });

  it('forgets a failed fetch so the next result tries again', async () => {
    const fetchKeys = vi
      .fn<() => Promise<ResultPublicKey[]>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue([]);
    const source = serverKeySource(fetchKeys);
    await expect(source.keys({ refresh: false })).rejects.toThrow('offline');
    await expect(source.keys({ refresh: false })).resolves.toEqual([]);
    expect(fetchKeys).toHaveBeenCalledTimes(2);
  });
});
