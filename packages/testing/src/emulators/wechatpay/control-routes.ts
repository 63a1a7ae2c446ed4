import type { EmulatorActions, ScanResult } from './emulator-actions.js';
import type { EmulatedOrder } from './emulated-order.js';
import type { Delivery, Forgery, Notifier, SentNotification } from './notifier.js';
import { WechatPayRefusal, type OrderBook } from './order-book.js';

/** What the control routes use. */
export interface ControlContext {
  book: OrderBook;
  notifier: Notifier;
  actions: EmulatorActions;
}

const DELIVERIES: readonly Delivery[] = ['send', 'hold', 'drop', 'duplicate'];
const RESULTS: readonly ScanResult[] = ['SUCCESS', 'PAYERROR', 'USERPAYING'];
const FORGERIES: readonly Forgery[] = [
  'wrong-key',
  'unknown-serial',
  'tampered-body',
  'signature-probe',
  'wrong-apiv3-key',
];

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!allowed.includes(value as T))
    throw new WechatPayRefusal(400, 'PARAM_ERROR', `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const summary = (n: SentNotification | undefined) =>
  n && {
    id: n.id,
    eventType: n.eventType,
    outTradeNo: n.outTradeNo,
    state: n.state,
    statuses: n.attempts.map((a) => a.status),
  };

const orderView = (order: EmulatedOrder) => ({ ...order, refunds: order.refunds.map((refund) => ({ ...refund })) });

function notificationById(notifier: Notifier, id: string): SentNotification {
  const found = notifier.sent.find((n) => n.id === id);
  if (!found) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', `no notification ${id}`);
  return found;
}

/**
 * The emulator's test routes under `/__emulator/` (JSON in, JSON out), for games and servers in any language:
 * - `POST /__emulator/scan` `{ codeUrl, result?: SUCCESS|PAYERROR|USERPAYING, delivery?: send|hold|drop|duplicate }`
 * - `POST /__emulator/orders/:no/close`, `…/refund` `{ amount?, delivery? }`, `…/complaint` `{ delivery? }`,
 *   `…/forge` `{ forgery }` (answers the pay server's `status`)
 * - `POST /__emulator/notifications/:id/resend` (a retry, freshly signed), `…/replay` (the last attempt byte for
 *   byte), `POST /__emulator/notifications/retry` (every held or failed one)
 * - `GET /__emulator/orders/:no`, `GET /__emulator/notifications`
 */
export async function answerControl(
  method: string,
  path: string,
  body: Record<string, unknown>,
  { book, notifier, actions }: ControlContext,
): Promise<{ status: number; body: unknown } | undefined> {
  if (method === 'POST' && path === '/__emulator/scan') {
    const result = oneOf('result', body.result, RESULTS, 'SUCCESS');
    const sent = await actions.scan(String(body.codeUrl), result, oneOf('delivery', body.delivery, DELIVERIES, 'send'));
    return { status: 200, body: { notification: summary(sent) ?? null } };
  }
  if (method === 'GET' && path === '/__emulator/notifications')
    return { status: 200, body: { notifications: notifier.sent.map(summary) } };
  if (method === 'POST' && path === '/__emulator/notifications/retry')
    return { status: 200, body: { retried: (await notifier.retryUndelivered()).map(summary) } };
  const onNotification = /^\/__emulator\/notifications\/([^/]+)\/(resend|replay)$/.exec(path);
  if (method === 'POST' && onNotification) {
    const notification = notificationById(notifier, decodeURIComponent(onNotification[1]!));
    const status =
      onNotification[2] === 'resend' ? await notifier.attempt(notification) : await notifier.replay(notification);
    return { status: 200, body: { status } };
  }
  const onOrder = /^\/__emulator\/orders\/([^/]+)(?:\/(close|refund|complaint|forge))?$/.exec(path);
  if (!onOrder) return undefined;
  const no = decodeURIComponent(onOrder[1]!);
  const delivery = () => oneOf('delivery', body.delivery, DELIVERIES, 'send');
  switch (`${method} ${onOrder[2] ?? ''}`) {
    case 'GET ':
      return { status: 200, body: orderView(book.get(no)) };
    case 'POST close':
      book.close(book.get(no));
      return { status: 200, body: orderView(book.get(no)) };
    case 'POST refund': {
      const amount = body.amount === undefined ? undefined : Number(body.amount);
      return { status: 200, body: { notification: summary(await actions.refund(no, amount, delivery())) } };
    }
    case 'POST complaint':
      return { status: 200, body: { notification: summary(await actions.complain(no, delivery())) } };
    case 'POST forge':
      return { status: 200, body: { status: await actions.forge(no, oneOf('forgery', body.forgery, FORGERIES)) } };
    default:
      return { status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: `${method} ${path}` } };
  }
}
