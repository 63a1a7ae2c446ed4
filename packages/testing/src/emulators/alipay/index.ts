// The Alipay emulator: an emulated Alipay open platform (gateway subset, cashier, QR scan, signed async
// notifications) on loopback, for the Coinslot Alipay channel's tests and for studios testing their games offline.
// Every name starts with Alipay: @coinslot/testing/emulators re-exports every provider's emulator side by side.
export { startAlipayEmulator } from './start-alipay-emulator.js';
export type {
  AlipayEmulator,
  AlipayEmulatorOptions,
  DeliveryOptions as AlipayDeliveryOptions,
} from './start-alipay-emulator.js';
export type { AlipayNotification, Delivery as AlipayDelivery } from './notifier.js';
export type {
  EmulatedTrade as AlipayTrade,
  TradeStatus as AlipayTradeStatus,
  TradeProduct as AlipayTradeProduct,
} from './emulated-trade.js';
