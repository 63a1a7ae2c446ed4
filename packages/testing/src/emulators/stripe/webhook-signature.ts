import { createHmac } from 'node:crypto';

/**
 * Stripe's webhook signature header, `Stripe-Signature: t=<unix seconds>,v1=<hex>`, where `v1` is the HMAC-SHA256
 * of `"<t>.<payload>"` keyed with the endpoint's signing secret (`whsec_…`, its UTF-8 bytes as they are). The
 * official libraries verify it (`stripe.webhooks.constructEvent`) and make one for tests
 * (`stripe.webhooks.generateTestHeaderString`); the emulator signs every attempt with the time of that attempt.
 */
export function stripeSignatureHeader(secret: string, payload: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
