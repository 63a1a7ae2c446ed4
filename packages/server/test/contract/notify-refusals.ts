import { createHmac } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import type { BillStore, PayServerLogger } from '../../src/index.js';
import { SANDBOX_SECRET, call, newBill, notifySandbox, startTestServer, statementFor, wrapStore } from '../helpers.js';
import { openStore, type StoreKind } from '../store-kinds.js';

/** `store` that records every write it made. */
function recordingWrites(store: BillStore) {
  const writes: string[] = [];
  const recorded = wrapStore(store, {
    insertBill: (...args) => (writes.push('insertBill'), store.insertBill(...args)),
    transition: (...args) => (writes.push(`transition ${args[0]} → ${args[2].state}`), store.transition(...args)),
    // A store that pays without a read first (PostgreSQL) is asked there; it writes only when everything matched.
    ...(store.moveIfMatches && {
      moveIfMatches: async (move) => {
        const moved = await store.moveIfMatches!(move);
        if (moved) writes.push(`transition ${move.id} → ${move.changes.state}`);
        return moved;
      },
    }),
  });
  return { store: recorded, writes };
}

const spyLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies PayServerLogger;

/** Notifications and proofs are verified before any change; every refusal is logged with the bill id and reason. */
export function notifyRefusals(kind: StoreKind): void {
  it('changes nothing for an unknown bill or a wrong amount or currency, and logs each with the bill id and reason', async () => {
    const inner = await openStore(kind);
    const { store, writes } = recordingWrites(inner);
    const logger = spyLogger();
    let clock = Date.now();
    const server = await startTestServer({ store, logger, now: () => clock });
    const bill = await newBill(server);
    writes.length = 0;
    clock = bill.expiresAt + 1; // overdue: a read would expire it, a refused notification must not

    const unknown = await notifySandbox(server, { ...statementFor(bill), billId: 'b_unknown' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('BILL_NOT_FOUND');
    expect(logger.warn).toHaveBeenCalledWith('notification refused', {
      channel: 'sandbox',
      billId: 'b_unknown',
      reason: 'no such bill',
    });

    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ amount: 1 }, /amount 1 differs from the bill's 499/],
      [{ currency: 'EUR' }, /currency EUR differs from the bill's USD/],
    ];
    for (const [overrides, reason] of cases) {
      const answer = await notifySandbox(server, { ...statementFor(bill), ...overrides });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_NOTIFICATION', retryable: false });
      expect(logger.warn).toHaveBeenLastCalledWith('notification refused', {
        channel: 'sandbox',
        billId: bill.id,
        reason: expect.stringMatching(reason),
      });
    }
    expect(writes).toEqual([]);
    expect((await inner.getBill(bill.id))!.bill).toEqual(bill);
    expect(logger.info).not.toHaveBeenCalledWith('bill notified', expect.anything());
  });

  it('refuses a notification the driver cannot verify before reading any bill, and logs the reason', async () => {
    const { store, writes } = recordingWrites(await openStore(kind));
    const logger = spyLogger();
    const server = await startTestServer({ store, logger });
    const bill = await newBill(server);
    writes.length = 0;
    const forged = await notifySandbox(server, statementFor(bill), 'not-the-sandbox-secret-000');
    expect(forged.body.error.code).toBe('INVALID_NOTIFICATION');
    expect(logger.warn).toHaveBeenCalledWith('notification refused', {
      channel: 'sandbox',
      reason: 'bad X-Sandbox-Signature',
    });
    expect(writes).toEqual([]);
  });

  it('refuses a genuinely signed proof with another amount, logs it and changes nothing', async () => {
    const { store, writes } = recordingWrites(await openStore(kind));
    const logger = spyLogger();
    const server = await startTestServer({ store, logger });
    const bill = await newBill(server);
    writes.length = 0;
    const statement = { ...statementFor(bill), amount: 1 };
    const text = `coinslot-sandbox/proof\n${bill.id}\napprove\n1\nUSD\n${statement.issuedAt}`;
    const signature = createHmac('sha256', SANDBOX_SECRET).update(text).digest('hex');
    const answer = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: { ...statement, signature } } });
    expect(answer.body.error).toMatchObject({ code: 'INVALID_PROOF' });
    expect(logger.warn).toHaveBeenCalledWith('proof refused', {
      billId: bill.id,
      reason: "amount 1 differs from the bill's 499",
    });
    expect(writes).toEqual([]);
  });
}
