// @coinslot/testing/emulators: loopback stand-ins for the payment providers, speaking each one's documented API
// subset and signing like it does (test keys only), so channels and games are tested offline (docs/channels/).
export * from './emulators/stripe/index.js';
export * from './emulators/alipay/index.js';
export * from './emulators/wechatpay/index.js';
export * from './emulators/steam/index.js';
