import { SIGNED_RESULT_HEADER_MEMBERS, SIGNED_RESULT_MEMBERS } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createPayServer, generateSigningKey } from '../src/index.js';
import {
  call,
  closeAllServers,
  newBill,
  notifySandbox,
  payBill,
  startTestServer,
  statementFor,
  waitResult,
} from './helpers.js';
import { verifyJws } from './verify-jws.js';

afterEach(closeAllServers);

describe('signed results (protocol §4)', () => {
  it('serves the public key, and results verify with it over the exact bytes, nonce included', async () => {
    const signingKey = await generateSigningKey('k-test-1');
    const server = await startTestServer({ signingKey });
    const keys = (await call(server, '/v1/keys')).body.keys;
    expect(keys).toEqual([
      { kty: 'EC', crv: 'P-256', x: signingKey.x, y: signingKey.y, kid: 'k-test-1', alg: 'ES256', use: 'sig' },
    ]);
    expect(keys[0]).not.toHaveProperty('d');
    expect(server.payServer.publicKeys()).toEqual(keys);

    const bill = await newBill(server, { passThrough: 'order-7781' });
    await payBill(server, bill);
    const answer = await waitResult(server, bill.id, 0);
    const { valid, header, payload } = await verifyJws(answer.body.result, keys);
    expect(valid).toBe(true);
    expect(header).toEqual({ alg: 'ES256', kid: 'k-test-1', typ: 'coinslot-result+jws' });
    expect(Object.keys(header)).toEqual(SIGNED_RESULT_HEADER_MEMBERS);
    expect(Object.keys(payload)).toEqual(SIGNED_RESULT_MEMBERS);
    expect(payload).toMatchObject({
      v: 1,
      billId: bill.id,
      userId: 'player-42',
      itemId: 'gem-pack-small',
      quantity: 1,
      amount: 499,
      currency: 'USD',
      channel: 'sandbox',
      state: 'paid',
      failureReason: null,
      passThrough: 'order-7781',
      nonce: answer.nonce,
      kid: 'k-test-1',
    });
    expect(Math.abs(payload.iat - Date.now())).toBeLessThan(5000);
  });

  it('rejects a result whose nonce (or any byte) was changed, and signature parts are raw r‖s', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const { body } = await waitResult(server, bill.id, 0);
    const [h, p, s] = body.result.split('.') as [string, string, string];
    expect(Buffer.from(s, 'base64url')).toHaveLength(64);
    expect(body.result).not.toMatch(/=/);
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, nonce: 'another-nonce-0123456789' })).toString('base64url');
    const keys = server.payServer.publicKeys();
    expect((await verifyJws(`${h}.${forged}.${s}`, keys)).valid).toBe(false);
    expect((await verifyJws(body.result, keys)).valid).toBe(true);
  });

  it('gives each wait its own nonce and signs failureReason for failed bills', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    expect((await notifySandbox(server, statementFor(bill, 'decline'))).status).toBe(200);
    const a = await waitResult(server, bill.id, 0);
    const b = await waitResult(server, bill.id, 0);
    const keys = server.payServer.publicKeys();
    const pa = (await verifyJws(a.body.result, keys)).payload;
    const pb = (await verifyJws(b.body.result, keys)).payload;
    expect(pa.nonce).toBe(a.nonce);
    expect(pb.nonce).toBe(b.nonce);
    expect(pa.nonce).not.toBe(pb.nonce);
    expect(pa).toMatchObject({ state: 'failed', failureReason: 'declined', passThrough: null });
  });

  it('refuses a signing key that is not a private ES256 JWK with a kid', async () => {
    const key = await generateSigningKey();
    const { d: _d, ...publicOnly } = key;
    await expect(createPayServer({ auth: { development: true }, signingKey: { ...key, kid: '' } })).rejects.toThrow(
      /kid/,
    );
    await expect(createPayServer({ auth: { development: true }, signingKey: publicOnly })).rejects.toThrow(/private/);
    await expect(
      createPayServer({ auth: { development: true }, signingKey: { ...key, crv: 'P-384' } }),
    ).rejects.toThrow(/ES256/);
  });
});
