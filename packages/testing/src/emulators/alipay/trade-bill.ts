import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { beijingTime, fenToYuan } from './alipay-values.js';
import type { EmulatorState } from './emulator-state.js';

/**
 * The detail file's columns, in Alipay's order (业务明细 of the `trade` bill, as the open platform documents it with
 * `alipay.data.dataservice.bill.downloadurl.query`, opendocs.alipay.com: "账单格式").
 * The emulator fills the ones its ledger knows; the rest stay empty as they do for an app without stores or coupons.
 */
const COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
];

/** One row: Alipay pads every field with a tab so spreadsheets keep long numbers as text. */
const row = (fields: Record<string, string>) => COLUMNS.map((column) => `${fields[column] ?? ''}\t`).join(',');

/**
 * The day's rows from the ledger: a payment per trade paid in the day, a refund per refund (each at the trade's last
 * refund time: the ledger keeps one).
 */
function dayRows(state: EmulatorState, from: number, to: number): { rows: string[]; paid: number; refunded: number } {
  const rows: string[] = [];
  let paid = 0;
  let refunded = 0;
  const inDay = (t: number | undefined) => t !== undefined && t >= from && t < to;
  for (const trade of state.trades.values()) {
    const common = {
      支付宝交易号: trade.tradeNo,
      商户订单号: trade.outTradeNo,
      商品名称: trade.subject,
      创建时间: beijingTime(trade.createdAt),
      对方账户: trade.buyerLogonId,
      '订单金额（元）': fenToYuan(trade.totalFen),
      '服务费（元）': '0.00',
    };
    if (inDay(trade.paidAt)) {
      paid += trade.totalFen;
      rows.push(
        row({
          ...common,
          业务类型: '交易',
          完成时间: beijingTime(trade.paidAt!),
          '商家实收（元）': fenToYuan(trade.totalFen),
        }),
      );
    }
    if (!inDay(trade.refundedAt)) continue;
    for (const [requestNo, fen] of trade.refunds) {
      refunded += fen;
      const when = beijingTime(trade.refundedAt!);
      rows.push(
        row({
          ...common,
          业务类型: '退款',
          完成时间: when,
          '商家实收（元）': `-${fenToYuan(fen)}`,
          '退款批次号/请求号': requestNo,
        }),
      );
    }
  }
  return { rows, paid, refunded };
}

/**
 * The trade bill of Beijing day `date` (`YYYY-MM-DD`) as Alipay's download serves it: a zip holding the detail file
 * `<pid>_<yyyymmdd>_业务明细.csv` and the summary `…_业务明细(汇总).csv`, both GBK with `#` title and total lines.
 * Every refund of a trade is dated at the trade's latest refund (the emulator keeps one refund time per trade).
 */
export function tradeBillZip(state: EmulatorState, date: string, pid = '2088721000000000'): Uint8Array {
  const from = Date.parse(`${date}T00:00:00+08:00`);
  const to = from + 86_400_000;
  const { rows, paid, refunded } = dayRows(state, from, to);
  const period = `#起始日期：[${date.replace(/-/g, '').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1年$2月$3日')} 00:00:00]`;
  const detail = [
    '#支付宝业务明细查询',
    `#账号：[${pid}]`,
    period,
    '#-----------------------------------------业务明细列表----------------------------------------',
    COLUMNS.join(','),
    ...rows,
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${rows.length}笔，商家实收共${fenToYuan(paid)}元`,
    `#退款合计：${fenToYuan(refunded)}元`,
    `#导出时间：[${beijingTime(state.now())}]`,
  ].join('\r\n');
  const summary = [
    '#支付宝业务汇总查询',
    `#账号：[${pid}]`,
    period,
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）',
    `合计,,${rows.length},0,${fenToYuan(paid)},${fenToYuan(paid - refunded)}`,
  ].join('\r\n');
  const day = date.replace(/-/g, '');
  const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
  return zipSync({
    [`${pid}_${day}_业务明细.csv`]: gbk(detail),
    [`${pid}_${day}_业务明细(汇总).csv`]: gbk(summary),
  });
}
