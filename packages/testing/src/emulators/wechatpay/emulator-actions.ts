import { randomDigits, randomText } from './emulator-credentials.js';
import { refundResourceOf, refundable, transactionOf, type EmulatedOrder } from './emulated-order.js';
import type { Delivery, Forgery, Notifier, NotificationContent, SentNotification } from './notifier.js';
import type { OrderBook } from './order-book.js';

/** How the player's scan ends: paid, refused by the bank, or still waiting for the player's password. */
export type ScanResult = 'SUCCESS' | 'PAYERROR' | 'USERPAYING';

/** What the emulator can be told to do, as the player, the merchant's staff, or a faulty network. */
export class EmulatorActions {
  constructor(
    private readonly book: OrderBook,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  #paid(order: EmulatedOrder): NotificationContent {
    return {
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      resource: transactionOf(order),
      outTradeNo: order.outTradeNo,
      url: order.notifyUrl,
    };
  }

  /**
   * The player scans `codeUrl` with WeChat and pays. `SUCCESS` is notified (`TRANSACTION.SUCCESS`) as `delivery` says;
   * `PAYERROR` and `USERPAYING` are not notified — WeChat Pay notifies successful payments only; the merchant learns
   * the rest by querying the order.
   */
  async scan(codeUrl: string, result: ScanResult = 'SUCCESS', delivery: Delivery = 'send') {
    const order = this.book.byCode(codeUrl);
    this.book.pay(order, result);
    return result === 'SUCCESS' ? this.notifier.notify(this.#paid(order), delivery) : undefined;
  }

  /** The merchant refunds `amount` fen (default: all that is left) in the merchant platform; `REFUND.SUCCESS` follows. */
  async refund(outTradeNo: string, amount?: number, delivery: Delivery = 'send'): Promise<SentNotification> {
    const order = this.book.get(outTradeNo);
    const refund = this.book.refund(order, amount ?? refundable(order), `R${randomText(20)}`, undefined);
    return this.notifyRefund(order, refund.outRefundNo, delivery);
  }

  /** Notify the refund `outRefundNo` of an order (`REFUND.SUCCESS`). */
  notifyRefund(order: EmulatedOrder, outRefundNo: string, delivery: Delivery = 'send'): Promise<SentNotification> {
    const refund = order.refunds.find((entry) => entry.outRefundNo === outRefundNo)!;
    return this.notifier.notify(
      {
        eventType: 'REFUND.SUCCESS',
        summary: '退款成功',
        originalType: 'refund',
        resource: refundResourceOf(order, refund),
        outTradeNo: order.outTradeNo,
        url: refund.notifyUrl,
      },
      delivery,
    );
  }

  /**
   * The player files a complaint (消费者投诉) about the order: WeChat Pay's nearest thing to a dispute, notified as
   * `COMPLAINT.CREATE` (to the order's notify URL here; in production, to the URL set for complaint notifications).
   * It moves no money: a refund that settles it is notified as a refund.
   */
  complain(outTradeNo: string, delivery: Delivery = 'send'): Promise<SentNotification> {
    const order = this.book.get(outTradeNo);
    return this.notifier.notify(
      {
        eventType: 'COMPLAINT.CREATE',
        summary: '产生新投诉',
        originalType: 'complaint',
        resource: { complaint_id: `2002${randomDigits(23)}`, action_type: 'CREATE_COMPLAINT' },
        outTradeNo,
        url: order.notifyUrl,
      },
      delivery,
    );
  }

  /** Post a forged `TRANSACTION.SUCCESS` of the order (paid or not): the pay server must refuse it. */
  forge(outTradeNo: string, forgery: Forgery): Promise<number> {
    const order = this.book.get(outTradeNo);
    const claimed: EmulatedOrder = {
      ...order,
      tradeState: 'SUCCESS',
      transactionId: order.transactionId ?? `42${randomDigits(26)}`,
      successAt: order.successAt ?? this.now(),
    };
    return this.notifier.forge(this.#paid(claimed), forgery);
  }
}
