import { describe, expect, it } from 'vitest';
import { transactionStatus } from './transaction-status.js';

const owner = { mchid: '1900000109', appid: 'wx8888888888888888' };
const tx = (trade_state: string, extra: Record<string, unknown> = {}) => ({
  ...owner,
  out_trade_no: 'b_0123456789abcdef',
  trade_state,
  amount: { total: 600, currency: 'CNY' },
  ...extra,
});

describe('trade_state in the protocol’s terms', () => {
  it('maps SUCCESS and REFUND to paid, PAYERROR to failed, CLOSED and REVOKED to cancelled, the rest to pending', () => {
    const verdict = (transition: string) => ({
      billId: 'b_0123456789abcdef',
      transition,
      amount: 600,
      currency: 'CNY',
    });
    expect(transactionStatus(tx('SUCCESS'), owner)).toEqual(verdict('paid'));
    expect(transactionStatus(tx('REFUND'), owner)).toEqual(verdict('paid'));
    expect(transactionStatus(tx('PAYERROR'), owner)).toEqual({ ...verdict('failed'), reason: 'declined' });
    expect(transactionStatus(tx('CLOSED'), owner)).toEqual(verdict('cancelled'));
    expect(transactionStatus(tx('REVOKED'), owner)).toEqual(verdict('cancelled'));
    expect(transactionStatus(tx('NOTPAY'), owner)).toEqual({ pending: true, reason: 'NOTPAY' });
    expect(transactionStatus(tx('USERPAYING'), owner)).toEqual({ pending: true, reason: 'USERPAYING' });
  });

  it('reports the amount WeChat Pay states; an unpaid order without one is named with the bill’s', () => {
    expect(transactionStatus(tx('SUCCESS', { amount: { total: 1, currency: 'cny' } }), owner)).toMatchObject({
      amount: 1,
      currency: 'CNY',
    });
    const unstated = tx('CLOSED', { amount: { payer_currency: 'CNY' } });
    expect(transactionStatus(unstated, owner, { amount: 600, currency: 'CNY' })).toMatchObject({
      transition: 'cancelled',
      amount: 600,
    });
    expect(transactionStatus(tx('SUCCESS', { amount: {} }), owner, { amount: 600, currency: 'CNY' })).toEqual({
      refused: true,
      reason: 'amount.total and amount.currency are missing or malformed',
    });
  });

  it('refuses another merchant’s or app’s transaction, a bad out_trade_no and an unknown trade_state', () => {
    expect(transactionStatus(tx('SUCCESS', { mchid: '1' }), owner)).toMatchObject({ refused: true });
    expect(transactionStatus(tx('SUCCESS', { appid: 'wx0' }), owner)).toMatchObject({ refused: true });
    expect(transactionStatus(tx('SUCCESS', { out_trade_no: 'b/1' }), owner)).toMatchObject({ refused: true });
    expect(transactionStatus(tx('PAID'), owner)).toEqual({ refused: true, reason: 'unknown trade_state "PAID"' });
    expect(transactionStatus('SUCCESS', owner)).toMatchObject({ refused: true });
  });
});
