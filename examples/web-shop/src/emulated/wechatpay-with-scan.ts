import { createWechatPayChannel } from '@coinslot/channel-wechatpay';
import { showQrCheckout } from '@coinslot/qr';
import { withEmulatorScan } from './emulator-scan-control.js';

/**
 * The WeChat Pay adapter with `@coinslot/qr`'s view plus the emulator's "scan and pay" control. The shop loads it
 * only when its server runs WeChat Pay against the emulator; against WeChat Pay itself a game loads the package's
 * own adapter, `() => import('@coinslot/channel-wechatpay')`.
 */
export default createWechatPayChannel({ showQr: withEmulatorScan(showQrCheckout) });
