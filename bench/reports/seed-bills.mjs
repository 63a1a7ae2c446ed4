// @ts-check
/**
 * A million (or `count`) bills for the reports bench, from a seeded generator so every run stores the same bills:
 * three games, four channels with their currencies, twelve countries, 200 000 players, spread evenly over `days`
 * days from `start`, in the states a live server ends up with (most delivered; some refunded, charged back, failed,
 * cancelled, expired, still open, or paid and not yet delivered).
 */

import { seededRandom } from '../../faults/lib/random.mjs';

const DAY = 86_400_000;
const APPS = ['default', 'second', 'third'];
const CHANNELS = [
  { id: 'stripe', currencies: ['USD', 'EUR', 'GBP'] },
  { id: 'alipay', currencies: ['CNY'] },
  { id: 'wechatpay', currencies: ['CNY'] },
  { id: 'steam', currencies: ['USD', 'EUR', 'JPY'] },
];
const COUNTRIES = ['US', 'CN', 'DE', 'GB', 'JP', 'FR', 'CA', 'BR', 'IN', 'KR', 'NP', ''];
const REASONS = ['declined', 'channel-error', 'insufficient-funds'];

/**
 * Calls `each(bill)` for `count` bills in creation order.
 * @param {{ count: number, start: number, days: number, seed?: string }} plan
 * @param {(bill: Record<string, unknown>) => void} each
 */
export function seedBills({ count, start, days, seed = 'reports-bench' }, each) {
  const random = seededRandom(seed);
  const pick = (/** @type {any[]} */ list) => list[Math.floor(random() * list.length)];
  const step = (days * DAY) / count;
  for (let i = 0; i < count; i++) {
    const createdAt = Math.floor(start + i * step);
    const channel = pick(CHANNELS);
    const currency = pick(channel.currencies);
    const amount = currency === 'JPY' ? 100 * (1 + Math.floor(random() * 50)) : 99 + 100 * Math.floor(random() * 100);
    /** @type {Record<string, unknown>} */
    const bill = {
      id: `bench${String(i).padStart(8, '0')}`,
      appId: pick(APPS),
      userId: `player${Math.floor(random() * 200_000)}`,
      itemId: 'gem-pack',
      quantity: 1,
      amount,
      currency,
      channel: channel.id,
      state: 'created',
      createdAt,
      updatedAt: createdAt,
      expiresAt: createdAt + 900_000,
    };
    const country = pick(COUNTRIES);
    if (country) bill.country = country;
    const roll = random();
    if (roll < 0.85) bill.launchedAt = createdAt + 2_000;
    if (roll < 0.62) {
      bill.paidAt = createdAt + 60_000 + Math.floor(random() * 600_000);
      bill.state = 'paid';
      if (roll < 0.6) {
        bill.deliveredAt = /** @type {number} */ (bill.paidAt) + 1_000;
        bill.state = 'delivered';
      }
      if (roll < 0.03) {
        bill.refundedAt = /** @type {number} */ (bill.paidAt) + Math.floor(random() * 20 * DAY);
        bill.refundedAmount = roll < 0.015 ? amount : Math.ceil(amount / 2);
        bill.state = 'refunded';
      }
      if (roll < 0.006) {
        bill.chargedBackAt = /** @type {number} */ (bill.paidAt) + Math.floor(random() * 40 * DAY);
        bill.state = 'charged_back';
      }
    } else if (roll < 0.7) {
      bill.state = 'failed';
      bill.failureReason = pick(REASONS);
    } else if (roll < 0.8) bill.state = 'cancelled';
    else if (roll < 0.97) bill.state = 'expired';
    bill.updatedAt = Math.max(
      createdAt,
      ...['paidAt', 'deliveredAt', 'refundedAt', 'chargedBackAt'].map((k) => Number(bill[k] ?? 0)),
    );
    each(bill);
  }
}
