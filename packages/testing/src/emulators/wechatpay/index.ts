// The WeChat Pay API v3 emulator (docs/channels/wechatpay.md): a loopback stand-in for api.mch.weixin.qq.com that
// signs like WeChat Pay does, with test keys made at start. Every name is prefixed: emulators.ts re-exports all
// providers' emulators side by side.
export { startWechatPayEmulator } from './wechatpay-emulator.js';
export type {
  WechatPayEmulator,
  WechatPayEmulatorOptions,
  WechatPayEmulatorDriverOptions,
} from './wechatpay-emulator.js';
export type {
  EmulatedMerchant as WechatPayEmulatedMerchant,
  EmulatedPlatformKey as WechatPayEmulatedPlatformKey,
} from './emulator-credentials.js';
export type {
  EmulatedOrder as WechatPayEmulatedOrder,
  EmulatedRefund as WechatPayEmulatedRefund,
  TradeState as WechatPayTradeState,
} from './emulated-order.js';
export type {
  Delivery as WechatPayDelivery,
  Forgery as WechatPayForgery,
  SentNotification as WechatPaySentNotification,
  NotificationAttempt as WechatPayNotificationAttempt,
} from './notifier.js';
export type { ScanResult as WechatPayScanResult } from './emulator-actions.js';
