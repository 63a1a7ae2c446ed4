import { afterEach, describe, expect, it } from 'vitest';
import { generateAdminKey } from '../src/index.js';
import { call, closeAllServers, newBill, notifySandbox, payBill, startTestServer, statementFor } from './helpers.js';
import { REPORT_NOW, seedReportBills } from './reports-seed.js';
import { closeOpenedStores, openStore, STORE_KINDS } from './store-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeOpenedStores();
});

const ADMIN_KEY = generateAdminKey();
const NY = 'from=2026-03-07&to=2026-03-09&tz=America/New_York';

// Every figure below is worked out by hand from reports-seed.ts; each store must answer exactly these.
describe.each(STORE_KINDS)('reports on $name', (kind) => {
  async function server() {
    const store = await openStore(kind);
    await seedReportBills(store);
    const started = await startTestServer({ store, admin: { keys: [ADMIN_KEY] }, now: () => REPORT_NOW });
    return (path: string) => call(started, path, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  }

  it('revenue per New York day splits the 23-hour spring-forward day exactly, by channel, currency and country', async () => {
    const get = await server();
    const { status, body } = await get(`/v1/admin/reports/revenue?${NY}`);
    expect(status).toBe(200);
    const row = (day: string, channel: string, currency: string, country: string, figures: object) => ({
      day,
      channel,
      currency,
      country,
      ...{ payments: 0, gross: 0, refundCount: 0, refunds: 0, chargebackCount: 0, chargebacks: 0, net: 0 },
      ...figures,
    });
    expect(body.rows).toEqual([
      row('2026-03-07', 'stripe', 'USD', '', { payments: 1, gross: 100, net: 100 }),
      row('2026-03-07', 'stripe', 'USD', 'CA', { payments: 1, gross: 500, net: 500 }),
      row('2026-03-07', 'stripe', 'USD', 'US', { payments: 1, gross: 1000, net: 1000 }),
      row('2026-03-08', 'alipay', 'CNY', 'CN', {
        payments: 1,
        gross: 6800,
        chargebackCount: 1,
        chargebacks: 6800,
        net: 0,
      }),
      row('2026-03-08', 'stripe', 'EUR', 'DE', { payments: 1, gross: 900, net: 900 }),
      row('2026-03-08', 'stripe', 'JPY', 'JP', { payments: 2, gross: 1200, net: 1200 }),
      row('2026-03-08', 'stripe', 'USD', 'CA', { refundCount: 1, refunds: 200, net: -200 }),
      row('2026-03-09', 'stripe', 'EUR', 'DE', {
        refundCount: 1,
        refunds: 300,
        chargebackCount: 1,
        chargebacks: 600,
        net: -900,
      }),
      row('2026-03-09', 'stripe', 'USD', 'US', { payments: 1, gross: 1000, net: 1000 }),
    ]);
  });

  it('revenue per Kathmandu (+5:45) day puts 23:59 and 00:00 local on their own days, per currency', async () => {
    const get = await server();
    const { body } = await get(
      '/v1/admin/reports/revenue?from=2026-03-08&to=2026-03-09&tz=Asia/Kathmandu&groupBy=day,currency',
    );
    const figures = body.rows.map((r: Record<string, unknown>) => [
      r.day,
      r.currency,
      r.gross,
      r.refunds,
      r.chargebacks,
      r.net,
    ]);
    expect(figures).toEqual([
      ['2026-03-08', 'CNY', 6800, 0, 0, 6800],
      ['2026-03-08', 'EUR', 900, 0, 0, 900],
      ['2026-03-08', 'JPY', 500, 0, 0, 500],
      ['2026-03-08', 'USD', 500, 200, 0, 300],
      ['2026-03-09', 'CNY', 0, 0, 6800, -6800],
      ['2026-03-09', 'EUR', 0, 300, 600, -900],
      ['2026-03-09', 'JPY', 700, 0, 0, 700],
      ['2026-03-09', 'USD', 1000, 0, 0, 1000],
    ]);
  });

  it('revenue of one game counts its bills only', async () => {
    const get = await server();
    const { body } = await get(`/v1/admin/reports/revenue?${NY}&app=second&groupBy=day,app,currency`);
    expect(body.app).toBe('second');
    expect(body.rows).toEqual([
      {
        day: '2026-03-08',
        app: 'second',
        currency: 'EUR',
        payments: 1,
        gross: 900,
        refundCount: 0,
        refunds: 0,
        chargebackCount: 0,
        chargebacks: 0,
        net: 900,
      },
      {
        day: '2026-03-09',
        app: 'second',
        currency: 'EUR',
        payments: 0,
        gross: 0,
        refundCount: 1,
        refunds: 300,
        chargebackCount: 1,
        chargebacks: 600,
        net: -900,
      },
    ]);
  });

  it('the funnel counts bills created in the range: launched, paid, delivered, and failure, cancel and expiry per channel', async () => {
    const get = await server();
    const { body } = await get(`/v1/admin/reports/funnel?${NY}`);
    expect(body.rows).toEqual([
      {
        channel: 'alipay',
        created: 2,
        launched: 1,
        paid: 1,
        delivered: 1,
        paidRate: 0.5,
        open: 0,
        failed: 0,
        cancelled: 0,
        expired: 1,
        failureReasons: {},
      },
      {
        channel: 'stripe',
        created: 10,
        launched: 10,
        paid: 6,
        delivered: 5,
        paidRate: 0.6,
        open: 1,
        failed: 2,
        cancelled: 1,
        expired: 0,
        failureReasons: { 'channel-error': 1, declined: 1 },
      },
    ]);
  });

  it('paying players are distinct per game, with the average per paying player in each currency', async () => {
    const get = await server();
    const { body } = await get(`/v1/admin/reports/payers?${NY}`);
    expect(body.rows).toEqual([
      { currency: '*', payingPlayers: 6, bills: 8, gross: 0, averagePerPayingPlayer: 0 },
      { currency: 'CNY', payingPlayers: 1, bills: 1, gross: 6800, averagePerPayingPlayer: 6800 },
      { currency: 'EUR', payingPlayers: 1, bills: 1, gross: 900, averagePerPayingPlayer: 900 },
      { currency: 'JPY', payingPlayers: 1, bills: 2, gross: 1200, averagePerPayingPlayer: 1200 },
      { currency: 'USD', payingPlayers: 4, bills: 4, gross: 2600, averagePerPayingPlayer: 650 },
    ]);
  });

  it('refund and chargeback rates per channel and currency, of the bills paid in the range', async () => {
    const get = await server();
    const { body } = await get(`/v1/admin/reports/reversals?${NY}`);
    const zero = {
      refunded: 0,
      refundedAmount: 0,
      chargedBack: 0,
      chargedBackAmount: 0,
      refundRate: 0,
      chargebackRate: 0,
      refundAmountRate: 0,
      chargebackAmountRate: 0,
    };
    expect(body.rows).toEqual([
      {
        channel: 'alipay',
        currency: 'CNY',
        paid: 1,
        paidAmount: 6800,
        ...zero,
        chargedBack: 1,
        chargedBackAmount: 6800,
        chargebackRate: 1,
        chargebackAmountRate: 1,
      },
      {
        channel: 'stripe',
        currency: 'EUR',
        paid: 1,
        paidAmount: 900,
        refunded: 1,
        refundedAmount: 300,
        chargedBack: 1,
        chargedBackAmount: 600,
        refundRate: 1,
        chargebackRate: 1,
        refundAmountRate: 0.3333,
        chargebackAmountRate: 0.6667,
      },
      { channel: 'stripe', currency: 'JPY', paid: 2, paidAmount: 1200, ...zero },
      {
        channel: 'stripe',
        currency: 'USD',
        paid: 4,
        paidAmount: 2600,
        ...zero,
        refunded: 1,
        refundedAmount: 200,
        refundRate: 0.25,
        refundAmountRate: 0.0769,
      },
    ]);
  });

  it('lists bills paid and not delivered for longer than olderThan', async () => {
    const get = await server();
    const listed = await get('/v1/admin/reports/undelivered?olderThan=1h');
    expect(listed.body.total).toBe(1);
    expect(listed.body.rows).toEqual([
      {
        id: 'b4',
        app: 'default',
        channel: 'stripe',
        userId: 'u3',
        itemId: 'gem',
        amount: 1000,
        currency: 'USD',
        paidAt: '2026-03-09T04:10:00.000Z',
        waitingMinutes: 120,
      },
    ]);
    const none = await get('/v1/admin/reports/undelivered?olderThan=3h');
    expect(none.body).toMatchObject({ total: 0, rows: [] });
  });

  it('follows bills through the server: a payment and a decline show in today’s revenue and funnel', async () => {
    const store = await openStore(kind);
    const started = await startTestServer({ store, admin: { keys: [ADMIN_KEY] } });
    const get = (path: string) => call(started, path, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const paid = await newBill(started, { amount: 499, currency: 'USD' });
    await payBill(started, paid);
    const declined = await newBill(started, { amount: 199, currency: 'USD' });
    await notifySandbox(started, statementFor(declined, 'decline'));
    const revenue = await get('/v1/admin/reports/revenue?groupBy=channel,currency');
    expect(revenue.body.rows).toEqual([
      {
        channel: 'sandbox',
        currency: 'USD',
        payments: 1,
        gross: 499,
        refundCount: 0,
        refunds: 0,
        chargebackCount: 0,
        chargebacks: 0,
        net: 499,
      },
    ]);
    const funnel = await get('/v1/admin/reports/funnel');
    expect(funnel.body.rows).toMatchObject([{ channel: 'sandbox', created: 2, paid: 1, failed: 1 }]);
  });
});
