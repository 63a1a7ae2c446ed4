import { createAlipayChannel } from '@coinslot/channel-alipay';
import { shopQrView } from '../checkout-ui.js';
import { withEmulatorScan } from './emulator-scan-control.js';

/**
 * The Alipay adapter (precreate: a QR code in the page) with the checkout UI's QR view (`@coinslot/ui` over `@coinslot/qr`) plus the emulator's "scan and
 * pay" control. The shop loads it only when its server runs Alipay against the emulator; against Alipay itself a
 * game loads the package's own adapter, `() => import('@coinslot/channel-alipay')`.
 */
export default createAlipayChannel({ qrView: withEmulatorScan(shopQrView) });
