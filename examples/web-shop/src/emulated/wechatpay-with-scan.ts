import { createWechatPayChannel } from '@coinslot/channel-wechatpay';
import { shopQrView } from '../checkout-ui.js';
import { withEmulatorScan } from './emulator-scan-control.js';

/**
 * The WeChat Pay adapter with the checkout UI's QR view (`@coinslot/ui` over `@coinslot/qr`) plus the emulator's "scan and pay" control. The shop loads it
 * only when its server runs WeChat Pay against the emulator; against WeChat Pay itself a game loads the package's
 * own adapter, `() => import('@coinslot/channel-wechatpay')`.
 */
export default createWechatPayChannel({ showQr: withEmulatorScan(shopQrView) });
